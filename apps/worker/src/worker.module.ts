import { Module } from '@nestjs/common';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { EventStoreModule } from '@ecvet/event-store';
import { SealerService } from './sealer.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, LoggerModule, DatabaseModule, EventStoreModule],
  providers: [TemporalWorkerService, SealerService],
})
export class WorkerModule {}
