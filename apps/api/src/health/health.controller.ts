import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { PostgresHealthIndicator } from '@ecvet/database';
import { TemporalHealthIndicator } from '@ecvet/temporal';

/** 200 when every dependency is up, 503 naming the one that is down. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.postgres.check(), () => this.temporal.check()]);
  }
}
