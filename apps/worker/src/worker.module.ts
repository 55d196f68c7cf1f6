import { Module } from '@nestjs/common';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, LoggerModule, DatabaseModule],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}
