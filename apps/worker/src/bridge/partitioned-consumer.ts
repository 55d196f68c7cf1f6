import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Pool } from 'pg';
import {
  START,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@ecvet/event-store';
import { ConsumerLease } from '@ecvet/consumers';
import { OrderedDeliveries } from './ordered-deliveries';

export interface PartitionedConsumerSettings {
  /** Deliveries at once (across keys; one at a time per key). */
  concurrency: number;
  /** Events admitted beyond the stored checkpoint. */
  window: number;
  /** The first pause after a failure (doubling up to 30 s). */
  retryBaseMs: number;
  /** The least time between two writes of the checkpoint while deliveries keep completing. */
  checkpointEveryMs: number;
}

export const PARTITIONED_DEFAULTS: PartitionedConsumerSettings = {
  concurrency: 64,
  window: 1024,
  retryBaseMs: 1_000,
  checkpointEveryMs: 50,
};

const UPSERT_CHECKPOINT = `INSERT INTO ecvet_projection_checkpoints (name, checkpoint, updated_at)
  VALUES ($1, $2, now())
  ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`;

const asError = (err: unknown): Error =>
  err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err));

/**
 * A consumer of the global log whose effect is outside the database (a Temporal signal): like
 * `CheckpointedConsumer` (libs/consumers) — its checkpoint row, its advisory-lock lease, a restart
 * from the stored checkpoint with backoff after a failure — but it delivers events concurrently,
 * in order per `keyOf(event)` (`OrderedDeliveries`), and stores as its checkpoint the low
 * watermark: the checkpoint below which everything has been delivered. A restart therefore
 * redelivers some events and loses none; `deliver` must be idempotent (at-least-once delivery,
 * exactly-once effect).
 */
export abstract class PartitionedConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly logger: Logger;
  private subscription?: Subscription;
  private readonly lease: ConsumerLease;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private failures = 0;
  /** The checkpoint stored last: everything up to it has been delivered. */
  private stored = START;
  private readonly waiters: Array<{ checkpoint: string; resolve: () => void }> = [];
  /** The current run's deliveries (for tests and operators). */
  deliveries?: OrderedDeliveries;

  protected constructor(
    /** The checkpoint row's name. */
    readonly name: string,
    leaseKey: number,
    protected readonly pool: Pool,
    protected readonly store: EventStore,
    private readonly filter: EventFilter | undefined,
    protected readonly settings: PartitionedConsumerSettings,
  ) {
    this.logger = new Logger(name);
    this.lease = new ConsumerLease(pool, leaseKey, (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      void this.subscription?.close().catch(() => undefined);
    });
  }

  /** The key whose events are delivered in log order (e.g. the workflow id). */
  protected abstract keyOf(event: RecordedEvent): string;

  /** Delivers one event; called concurrently for different keys. Must be idempotent. */
  protected abstract deliver(event: RecordedEvent): Promise<void>;

  /** Set to false to keep the consumer off in this process. */
  protected enabled(): boolean {
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled()) return;
    this.running = this.run();
  }

  /** Before the shared pool closes (onApplicationShutdown): the lease connection is its. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // A subscription stuck on a vanished database, or a delivery on a vanished Temporal, must
    // not hold the shutdown: wait 5 s at most.
    const closing = (async () => {
      await this.subscription?.close().catch(() => undefined);
      await this.running;
    })();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.lease.drop();
  }

  /** Resolves once everything up to `checkpoint` has been delivered and the checkpoint stored. */
  async caughtUpTo(checkpoint: string): Promise<void> {
    if (checkpoint <= this.stored) return;
    await new Promise<void>((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
      } catch (err) {
        this.failures++;
        if (!this.stopped) this.logger.warn(`restarting after: ${asError(err).message}`);
      } finally {
        this.lease.drop();
      }
      if (!this.stopped)
        await this.pause(
          Math.min(this.settings.retryBaseMs * 2 ** Math.min(this.failures, 5), 30_000),
        );
    }
  }

  private async runOnce(): Promise<void> {
    while (!this.stopped && !(await this.lease.acquire())) await this.pause(5_000);
    if (this.stopped) return;
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [this.name],
    );
    this.stored = rows[0]?.checkpoint ?? START;
    const writer = new CheckpointWriter(
      (checkpoint) => this.pool.query(UPSERT_CHECKPOINT, [this.name, checkpoint]).then(() => {}),
      this.settings.checkpointEveryMs,
      (checkpoint) => this.storedUpTo(checkpoint),
    );
    const deliveries = new OrderedDeliveries({
      concurrency: this.settings.concurrency,
      window: this.settings.window,
      onAdvance: (checkpoint) => {
        this.failures = 0;
        writer.offer(checkpoint);
      },
    });
    this.deliveries = deliveries;
    const subscription = this.store.subscribeToAll({
      fromCheckpoint: this.stored,
      batchSize: 500,
      ...(this.filter && { filter: this.filter }),
    });
    this.subscription = subscription;
    try {
      for await (const event of subscription)
        await deliveries.add(this.keyOf(event), event.checkpoint, () => this.deliver(event));
    } finally {
      await subscription.close().catch(() => undefined);
      // What was delivered is stored before a restart, so that it is not delivered again.
      await deliveries.drain();
      await writer.flush();
    }
    if (deliveries.failed) throw deliveries.failed;
  }

  private storedUpTo(checkpoint: string): void {
    this.stored = checkpoint;
    for (let i = this.waiters.length - 1; i >= 0; i--)
      if (this.waiters[i].checkpoint <= checkpoint) this.waiters.splice(i, 1)[0].resolve();
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

/**
 * Writes the newest checkpoint offered, one write at a time and at most one per `everyMs` while
 * offers keep coming: the checkpoint costs a commit, deliveries complete by the hundred per second.
 */
class CheckpointWriter {
  private latest?: string;
  private written?: string;
  private writing?: Promise<void>;
  private lastWrite = 0;

  constructor(
    private readonly write: (checkpoint: string) => Promise<void>,
    private readonly everyMs: number,
    private readonly onWritten: (checkpoint: string) => void,
  ) {}

  offer(checkpoint: string): void {
    this.latest = checkpoint;
    // A failed write (the database away) is retried with the next offer or the final flush.
    this.writing ??= this.loop()
      .catch(() => undefined)
      .finally(() => (this.writing = undefined));
  }

  /** Writes what was offered last, if it is not written yet; a failed write is left for later. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.latest !== undefined && this.latest !== this.written)
      await this.loop().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    while (this.latest !== undefined && this.latest !== this.written) {
      const wait = this.lastWrite + this.everyMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const checkpoint = this.latest;
      this.lastWrite = Date.now();
      await this.write(checkpoint);
      this.written = checkpoint;
      this.onWritten(checkpoint);
    }
  }
}
