import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import {
  START,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@ecvet/event-store';
import { ConsumerLease } from './consumer-lease';

/**
 * A consumer of the global log with its checkpoint in `ecvet_projection_checkpoints` (one row per
 * consumer, named by `name`; the table is created by `libs/consumers/migrations`), written in the
 * same transaction as the consumer's own effect on the database (exactly-once for database
 * effects; at-least-once for effects elsewhere, such as a Temporal signal — those must be
 * idempotent). One process per database runs it, under a PostgreSQL advisory-lock lease. A failed
 * event, a lost connection or a lost lease restarts it from the stored checkpoint, with backoff;
 * shutdown never waits on it for long.
 */
export abstract class CheckpointedConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly logger: Logger;
  private subscription?: Subscription;
  private readonly lease: ConsumerLease;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private failures = 0;
  /** The checkpoint of the last event handled. */
  protected position = START;
  private readonly waiters: Array<{ checkpoint: string; resolve: () => void }> = [];

  protected constructor(
    /** The checkpoint row's name. */
    readonly name: string,
    leaseKey: number,
    protected readonly pool: Pool,
    protected readonly store: EventStore,
    private readonly filter?: EventFilter,
  ) {
    this.logger = new Logger(name);
    this.lease = new ConsumerLease(pool, leaseKey, (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      void this.subscription?.close().catch(() => undefined);
    });
  }

  /** Handles one event inside the checkpoint's transaction (`client`). */
  protected abstract handle(event: RecordedEvent, client: PoolClient): Promise<void>;

  /** Set to false to keep the consumer off in this process. */
  protected enabled(): boolean {
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled()) return;
    this.running = this.run();
  }

  /** Before any module's onApplicationShutdown: the shared pool closes there and would wait for
   * the lease connection held here. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // A subscription stuck on a vanished database must not hold the shutdown: wait 5 s at most.
    const closing = (async () => {
      await this.subscription?.close().catch(() => undefined);
      await this.running;
    })();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.lease.drop();
  }

  /** Resolves once everything up to `checkpoint` has been handled (tests, read-your-writes). */
  async caughtUpTo(checkpoint: string): Promise<void> {
    if (checkpoint <= this.position) return;
    await new Promise<void>((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
      } catch (err) {
        this.failures++;
        if (!this.stopped)
          this.logger.warn(`restarting after: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.lease.drop();
      }
      if (!this.stopped)
        await this.pause(Math.min(1_000 * 2 ** Math.min(this.failures, 5), 30_000));
    }
  }

  private async runOnce(): Promise<void> {
    while (!this.stopped && !(await this.lease.acquire())) await this.pause(5_000);
    if (this.stopped) return;
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [this.name],
    );
    this.position = rows[0]?.checkpoint ?? START;
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
      this.position = event.checkpoint;
      this.failures = 0;
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].checkpoint <= this.position) this.waiters.splice(i, 1)[0].resolve();
      }
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

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
