import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PostgresHealthIndicator } from '@ecvet/database';
import { TemporalHealthIndicator } from '@ecvet/temporal';
import { HealthController } from './health.controller';
import { SupervisorHealthIndicator } from './supervisor.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, TemporalHealthIndicator, SupervisorHealthIndicator],
})
export class HealthModule {}
