import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule } from '@ecvet/application';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { EventStoreModule } from '@ecvet/event-store';
import { IdentityModule } from '@ecvet/identity';
import { TemporalClientModule } from '@ecvet/temporal';
import { NotificationsWorkerModule } from '@ecvet/notifications';
import { MobilityActivitiesFactory } from './activities/mobility.activities';
import { PartnershipActivitiesFactory } from './activities/partnership.activities';
import { WorkflowCommands } from './activities/workflow-commands';
import { TemporalBridge } from './bridge/temporal-bridge';
import { CheckpointDigestService } from './checkpoint-digest.service';
import { SealerService } from './sealer.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    CqrsModule.forRoot(),
    IdentityModule,
    ApplicationModule,
    NotificationsWorkerModule,
  ],
  providers: [
    TemporalWorkerService,
    SealerService,
    CheckpointDigestService,
    WorkflowCommands,
    MobilityActivitiesFactory,
    PartnershipActivitiesFactory,
    TemporalBridge,
  ],
})
export class WorkerModule {}
