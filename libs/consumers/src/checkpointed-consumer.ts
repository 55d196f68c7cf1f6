import type { Pool, PoolClient } from 'pg';
import type { EventFilter, EventStore, RecordedEvent } from '@ecvet/event-store';
import { LeasedConsumer } from './leased-consumer';

/**
 * A consumer of the global log with its checkpoint in `ecvet_projection_checkpoints` (one row per
 * consumer, named by `name`; the table is created by `libs/consumers/migrations`), written in the
 * same transaction as the consumer's own effect on the database (exactly-once for database
 * effects; at-least-once for effects elsewhere, such as a Temporal signal — those must be
 * idempotent). The lease, the restarts from the stored checkpoint with backoff and the shutdown
 * are `LeasedConsumer`'s.
 */
export abstract class CheckpointedConsumer extends LeasedConsumer {
  protected constructor(
    name: string,
    leaseKey: number,
    pool: Pool,
    protected readonly store: EventStore,
    private readonly filter?: EventFilter,
  ) {
    super(name, leaseKey, pool);
  }

  /** Handles one event inside the checkpoint's transaction (`client`). */
  protected abstract handle(event: RecordedEvent, client: PoolClient): Promise<void>;

  protected async consume(): Promise<void> {
    this.position = await this.storedCheckpoint();
    this.resume();
    this.subscription = this.store.subscribeToAll({
      fromCheckpoint: this.position,
      batchSize: 500,
      ...(this.filter && { filter: this.filter }),
    });
    for await (const event of this.subscription) {
      await this.inTransaction(async (client) => {
        await this.handle(event, client);
        await client.query(
          `INSERT INTO ecvet_projection_checkpoints (name, checkpoint, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
          [this.name, event.checkpoint],
        );
      });
      this.failures = 0;
      this.reached(event.checkpoint);
    }
  }

  /** Called before each (re)start from the stored checkpoint: drop in-memory caches. */
  protected resume(): void {}

  private async inTransaction(fn: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
