import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PostgresHealthIndicator } from '@ecvet/database';
import { TemporalHealthIndicator } from '@ecvet/temporal';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, TemporalHealthIndicator],
})
export class HealthModule {}
