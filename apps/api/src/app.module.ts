import { Module } from '@nestjs/common';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { EventStoreModule } from '@ecvet/event-store';
import { TemporalClientModule } from '@ecvet/temporal';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    HealthModule,
  ],
})
export class AppModule {}
