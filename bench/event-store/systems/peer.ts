import { Pool } from 'pg';
import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { Appender } from '../appends';
import { type BenchBatch } from '../workload';

/**
 * The "peer": Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), appending the
 * same events with `appendToStream` and no expected version (like our `expected: 'any'`). It gets a
 * `pg` pool of the same size as ours (its default would be pg's 10 connections). Emmett keys events
 * by `metadata.messageId`; we pass our event id there.
 */
export class PeerStore implements Appender {
  private readonly pool: Pool;
  private readonly store: PostgresEventStore;

  constructor(connectionString: string, poolSize: number) {
    this.pool = new Pool({ connectionString, max: poolSize });
    // An idle connection dropped by the server (e.g. at shutdown) must not crash the worker.
    this.pool.on('error', () => undefined);
    this.store = getPostgreSQLEventStore(connectionString, {
      connectionOptions: { pooled: true, pool: this.pool },
    });
  }

  async migrate(): Promise<void> {
    await this.store.schema.migrate();
  }

  async append(batch: BenchBatch): Promise<void> {
    await this.store.appendToStream(
      batch.stream,
      batch.events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { ...e.metadata, messageId: e.id },
      })),
    );
  }

  isConflict(err: unknown): boolean {
    return isExpectedVersionConflictError(err);
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}
