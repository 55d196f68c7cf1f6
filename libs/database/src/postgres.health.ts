import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';
import { InjectPool } from './database.module';

@Injectable()
export class PostgresHealthIndicator {
  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'postgres') {
    const indicator = this.health.check(key);
    const started = Date.now();
    try {
      const { rows } = await withTimeout(
        this.pool.query<{ server_version: string }>('SHOW server_version'),
        3_000,
      );
      return indicator.up({ version: rows[0]?.server_version, latencyMs: Date.now() - started });
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
