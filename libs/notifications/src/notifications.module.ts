import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import { GetOutboxMailHandler, ListOutboxMailsHandler } from './outbox/outbox.queries';
import { KeptSigningLinks } from './signing-links/kept-signing-links';
import { SigningLinkGenerations } from './signing-links/signing-link-generations';
import { SigningLinkUses } from './signing-links/signing-link-uses';
import { SigningLinks } from './signing-links/signing-links';

/**
 * What both apps need: the outbox and signing-link tables (migrations at start-up), the signing
 * links (issued by the worker, verified by the API), their single-use record, their generations
 * (a reissue replaces the links before it), the links kept locally (signed again for an
 * operator), and the outbox queries (`ListOutboxMailsQuery`, `GetOutboxMailQuery`) on the QueryBus. Needs the config, the
 * pool and the event store (global modules of both apps).
 */
@Module({
  imports: [ApplicationModule],
  providers: [
    {
      provide: SigningLinks,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => SigningLinks.fromSettings(config),
    },
    SigningLinkUses,
    SigningLinkGenerations,
    KeptSigningLinks,
    ListOutboxMailsHandler,
    GetOutboxMailHandler,
  ],
  exports: [
    ApplicationModule,
    SigningLinks,
    SigningLinkUses,
    SigningLinkGenerations,
    KeptSigningLinks,
  ],
})
export class NotificationsModule {}
