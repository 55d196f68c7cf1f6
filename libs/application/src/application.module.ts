import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ecvet/event-store';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import { Visibility } from './queries/visibility';
import { AccountService } from './account/account.service';
import { CallService } from './call/call.service';
import { DASHBOARD_EXPORTS, DASHBOARD_PROVIDERS } from './dashboard';
import { DOCUMENT_PROVIDERS } from './documents';
import { InstitutionService } from './institution/institution.service';
import { LearnerRecordService } from './learner/learner-record.service';
import {
  GetAgreementVersionHandler,
  GetMobilityDocumentHandler,
} from './mobility/mobility.queries';
import { MobilityService } from './mobility/mobility.service';
import { GetMouVersionHandler } from './partnership/partnership.queries';
import { PartnershipService } from './partnership/partnership.service';
import { QualificationService } from './qualification/qualification.service';
import { GetHistoryHandler, GetViewHandler } from './queries/get-view.query';
import { ListViewsHandler } from './queries/list-views.query';
import { StreamFoldCache } from './queries/stream-fold-cache';
import { SnapshotLoader } from './snapshot-loader';

const SERVICES = [
  AccountService,
  InstitutionService,
  QualificationService,
  PartnershipService,
  CallService,
  MobilityService,
  LearnerRecordService,
];

/**
 * The use cases, shared by the API, the signing pages and the worker's activities: one
 * application service per aggregate (writes), queries on the QueryBus (reads). Needs the event
 * store and the pool. Global: every resource module of the API uses its services.
 */
@Global()
@Module({
  imports: [CqrsModule],
  providers: [
    {
      provide: EventSourcedStreams,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new EventSourcedStreams(store),
    },
    {
      provide: StreamFoldCache,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new StreamFoldCache(store),
    },
    SnapshotLoader,
    Visibility,
    ...SERVICES,
    GetViewHandler,
    GetHistoryHandler,
    ListViewsHandler,
    GetAgreementVersionHandler,
    GetMobilityDocumentHandler,
    GetMouVersionHandler,
    ...DOCUMENT_PROVIDERS,
    ...DASHBOARD_PROVIDERS,
  ],
  exports: [
    CqrsModule,
    EventSourcedStreams,
    SnapshotLoader,
    Visibility,
    ...SERVICES,
    ...DASHBOARD_EXPORTS,
  ],
})
export class ApplicationModule {}
