import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ecvet/event-store';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateReader } from './aggregate-reader';
import { CallCommandHandler } from './handlers/call.handler';
import { InstitutionCommandHandler } from './handlers/institution.handler';
import { LearnerRecordCommandHandler } from './handlers/learner-record.handler';
import { MobilityCommandHandler } from './handlers/mobility.handler';
import { PartnershipCommandHandler } from './handlers/partnership.handler';
import { QualificationCommandHandler } from './handlers/qualification.handler';
import { GetHistoryHandler, GetViewHandler } from './queries/get-view.query';
import { ListViewsHandler } from './queries/list-views.query';
import { SnapshotLoader } from './snapshot-loader';
import { ReadModelMigrations } from './read-models/read-model-migrations';

/**
 * The use cases on the CommandBus and QueryBus, shared by the API and the worker (whose
 * activities dispatch commands as `system:workflow`). Needs the event store and the pool.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    {
      provide: CommandHandler,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new CommandHandler(store),
    },
    AggregateReader,
    ReadModelMigrations,
    SnapshotLoader,
    InstitutionCommandHandler,
    QualificationCommandHandler,
    PartnershipCommandHandler,
    CallCommandHandler,
    MobilityCommandHandler,
    LearnerRecordCommandHandler,
    GetViewHandler,
    GetHistoryHandler,
    ListViewsHandler,
  ],
  exports: [CqrsModule, AggregateReader, SnapshotLoader],
})
export class ApplicationModule {}
