import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/**
 * What `npm start` says of the processes it supervises (the API, the worker): for each, how often
 * it has been restarted and when last, whether it runs now, how its last process ended. The
 * launcher names its status file in ECVET_SUPERVISOR_STATUS and rewrites it whenever a part starts
 * or exits (format: `infra/supervisor/status-file.ts`). Without the variable — the API not run by
 * `npm start` — there is no such entry. Never down: a crashed part is restarted, and one that
 * keeps crashing stops the whole system; restarts are information, not an outage.
 */
@Injectable()
export class SupervisorHealthIndicator {
  private readonly statusFile = process.env.ECVET_SUPERVISOR_STATUS || undefined;

  constructor(private readonly health: HealthIndicatorService) {}

  /** True when the API runs under `npm start`. */
  get enabled(): boolean {
    return this.statusFile !== undefined;
  }

  async check(key = 'supervisor') {
    const indicator = this.health.check(key);
    try {
      const status = JSON.parse(await readFile(this.statusFile ?? '', 'utf8')) as {
        parts?: unknown;
      };
      if (typeof status.parts !== 'object' || status.parts === null) throw new Error('no parts');
      return indicator.up(status.parts as Record<string, unknown>);
    } catch {
      return indicator.up({ message: 'the status file of npm start is unreadable' });
    }
  }
}
