import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { PostgresHealthIndicator } from '@ecvet/database';
import { TemporalHealthIndicator } from '@ecvet/temporal';
import { Public } from '../auth/public.decorator';
import { SupervisorHealthIndicator } from './supervisor.health';

/** Terminus's report: `status`, and each dependency under `info` (up) or `error` (down); under
 * `npm start`, also `info.supervisor`: the restarts of the API and the worker. */
const HEALTH = {
  'application/json': {
    schema: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['ok', 'error'] },
        info: { type: 'object' },
        error: { type: 'object' },
        details: { type: 'object' },
      },
    },
  },
};

/**
 * `GET /health`: 200 when every dependency is up, 503 naming the one that is down (never the
 * supervisor) — for monitors and people. For orchestrators, two narrower probes:
 * `GET /health/live` answers 200 while the process serves requests (nothing else: an outage of a
 * dependency is no reason to restart the API), and `GET /health/ready` answers 200 while
 * PostgreSQL does — the API takes commands without Temporal (the bridge delivers their events to
 * the workflows once it is back), so a Temporal outage does not take every API out of service.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly supervisor: SupervisorHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiResponse({ status: 200, description: 'Every dependency up', content: HEALTH })
  @ApiResponse({ status: 503, description: 'A dependency down (named in error)', content: HEALTH })
  check(@Res({ passthrough: true }) res: Response) {
    return this.report(res, [
      () => this.postgres.check(),
      () => this.temporal.check(),
      ...(this.supervisor.enabled ? [() => this.supervisor.check()] : []),
    ]);
  }

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiResponse({ status: 200, description: 'The process serves requests', content: HEALTH })
  live(@Res({ passthrough: true }) res: Response) {
    return this.report(res, []);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiResponse({ status: 200, description: 'PostgreSQL answers', content: HEALTH })
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL does not (named in error)',
    content: HEALTH,
  })
  ready(@Res({ passthrough: true }) res: Response) {
    return this.report(res, [() => this.postgres.check()]);
  }

  private async report(res: Response, indicators: Parameters<HealthCheckService['check']>[0]) {
    try {
      return await this.health.check(indicators);
    } catch (err) {
      // Terminus's own report (which dependency is down) is the body monitors expect, not a
      // problem-details document.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      res.status(503);
      return err.getResponse();
    }
  }
}
