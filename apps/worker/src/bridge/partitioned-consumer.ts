import type { Pool } from 'pg';
import type { EventFilter, EventStore, RecordedEvent } from '@ecvet/event-store';
import { LeasedConsumer } from '@ecvet/consumers';
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

/**
 * A consumer of the global log whose effect is outside the database (a Temporal signal): a
 * `LeasedConsumer` (libs/consumers: its checkpoint row, its advisory-lock lease, a restart from
 * the stored checkpoint with backoff after a failure) that delivers events concurrently, in order
 * per `keyOf(event)` (`OrderedDeliveries`), and stores as its checkpoint the low watermark: the
 * checkpoint below which everything has been delivered (its `position` is the one stored last).
 * A restart therefore redelivers some events and loses none; `deliver` must be idempotent
 * (at-least-once delivery, exactly-once effect).
 */
export abstract class PartitionedConsumer extends LeasedConsumer {
  /** The current run's deliveries (for tests and operators). */
  deliveries?: OrderedDeliveries;

  protected constructor(
    name: string,
    leaseKey: number,
    pool: Pool,
    protected readonly store: EventStore,
    private readonly filter: EventFilter | undefined,
    protected readonly settings: PartitionedConsumerSettings,
  ) {
    super(name, leaseKey, pool, settings.retryBaseMs);
  }

  /** The key whose events are delivered in log order (e.g. the workflow id). */
  protected abstract keyOf(event: RecordedEvent): string;

  /** Delivers one event; called concurrently for different keys. Must be idempotent. */
  protected abstract deliver(event: RecordedEvent): Promise<void>;

  protected async consume(): Promise<void> {
    this.position = await this.storedCheckpoint();
    const writer = new CheckpointWriter(
      (checkpoint) => this.pool.query(UPSERT_CHECKPOINT, [this.name, checkpoint]).then(() => {}),
      this.settings.checkpointEveryMs,
      (checkpoint) => this.reached(checkpoint),
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
      fromCheckpoint: this.position,
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
