import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, type RateLimitBucket, type RateLimitSetting } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { rateLimitSettings, type RateLimitBucketSetting } from './rate-limit-settings';
import { TooManyRequests } from './too-many-requests';

/** Created by apps/api/migrations (the library's own CREATE TABLE is switched off). */
export const RATE_LIMIT_TABLE = 'ecvet_rate_limits';
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The counters of every rate limit, in PostgreSQL (`rate-limiter-flexible`): all API instances
 * share one database, so they count the same requests. One table, one row per key
 * (`<prefix>:<subject>`), each expiring with its window.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  readonly settings: Record<RateLimitBucket, RateLimitBucketSetting>;
  private readonly buckets = new Map<RateLimitBucket, RateLimiterPostgres>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @InjectPool() private readonly pool: Pool,
    config: AppConfig,
  ) {
    this.settings = rateLimitSettings(config);
    // The library would sweep once per limiter; one sweep per process is enough.
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  /** A limiter of `points` per `durationMs` whose keys start with `prefix`. */
  limiter(prefix: string, { points, durationMs }: RateLimitSetting): RateLimiterPostgres {
    const duration = durationMs / 1000;
    return new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: prefix,
      points,
      duration,
      // While PostgreSQL cannot answer, each instance counts on its own: neither everyone refused
      // nor everything let through.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, points, duration }),
    });
  }

  /** Counts one request of `subject` in `bucket`; over the limit, throws `TooManyRequests`. */
  async consume(bucket: RateLimitBucket, subject: string): Promise<void> {
    let limiter = this.buckets.get(bucket);
    if (!limiter) {
      limiter = this.limiter(bucket, this.settings[bucket]);
      this.buckets.set(bucket, limiter);
    }
    const wait = await msBeforeAllowed(limiter, subject);
    if (wait !== undefined) throw new TooManyRequests(wait);
  }

  /** Deletes expired counters (each instance does, every 5 minutes; a no-op when done). */
  async sweep(): Promise<void> {
    await this.pool
      .query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < $1`, [Date.now()])
      .catch(() => undefined);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}

/** Consumes one point: undefined when allowed, otherwise the milliseconds until it would be. */
export async function msBeforeAllowed(
  limiter: RateLimiterPostgres,
  key: string,
): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
    throw rejection;
  }
}
