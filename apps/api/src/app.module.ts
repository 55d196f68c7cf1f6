import { Module } from '@nestjs/common';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { TemporalClientModule } from '@ecvet/temporal';
import { HealthModule } from './health/health.module';

@Module({
  imports: [ConfigModule, LoggerModule, DatabaseModule, TemporalClientModule, HealthModule],
})
export class AppModule {}
