import { Module } from '@nestjs/common';
import { CheckpointDigests } from './checkpoint-digest/checkpoint-digest';
import { MailOutboxProjection } from './outbox/mail-outbox.projection';
import { MAIL_SENDER_OPTIONS, MailSender } from './outbox/mail-sender';
import { OutboxSignal } from './outbox/outbox-signal';
import { NotificationsModule } from './notifications.module';

/**
 * The worker's part: the mail-outbox projection (events → outbox rows, checkpointed) and the
 * sender (outbox → SMTP, or `kept-locally` without `SMTP_URL`). Import it into the worker, next
 * to `CqrsModule.forRoot()`: the projection reads the mobility and institution views through the
 * QueryBus (`ApplicationModule`, imported here).
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    OutboxSignal,
    MailOutboxProjection,
    MailSender,
    CheckpointDigests,
    // The defaults (DEFAULT_MAIL_SENDER_OPTIONS); tests override this provider.
    { provide: MAIL_SENDER_OPTIONS, useValue: {} },
  ],
  exports: [MailOutboxProjection, MailSender, CheckpointDigests],
})
export class NotificationsWorkerModule {}
