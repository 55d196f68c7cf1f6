import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Pool } from 'pg';
import { AppConfig } from '@ecvet/config';
import { guardPool } from './guard-pool';
import { DatabaseMigrations } from './migrations/database-migrations';

export const PG_POOL = Symbol('PG_POOL');
/** Inject the shared `pg.Pool`: `@InjectPool() pool: Pool`. */
export const InjectPool = () => Inject(PG_POOL);

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@InjectPool() private readonly pool: Pool) {}
  /** Waits for the pool's clients at most 10 s: a client held by a stuck query or a vanished
   * server must not keep the process from exiting. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.race([
      this.pool.end().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
  }
}

/** `ecvet:<pid>@<host>` (PostgreSQL keeps 63 bytes): `pg_stat_activity` then tells which process
 * of which machine holds a connection — a consumer's lease, a long query — when several run. */
export function applicationName(): string {
  return `ecvet:${process.pid}@${hostname()}`.slice(0, 63);
}

/** One connection pool per process, closed on shutdown; every migration applied at start-up. */
@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const pool = new Pool({
          connectionString: config.DATABASE_URL,
          max: config.DATABASE_POOL_SIZE,
          connectionTimeoutMillis: 5_000,
          application_name: applicationName(),
        });
        // A client losing its server must not crash the process; the next query reports it.
        return guardPool(pool);
      },
    },
    PoolCloser,
    DatabaseMigrations,
  ],
  exports: [PG_POOL],
})
export class DatabaseModule {}
