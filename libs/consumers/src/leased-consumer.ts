import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { START, type Subscription } from '@ecvet/event-store';
import { ConsumerLease } from './consumer-lease';

const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);

/**
 * What every consumer of the global log with a checkpoint row shares (`CheckpointedConsumer`,
 * the Temporal bridge's `PartitionedConsumer`): one process per database runs it, under an
 * advisory-lock lease (a standby tries every 5 s); each run starts from the stored checkpoint
 * (`consume`); a failure, a lost connection or a lost lease ends the run and starts another after
 * a pause that doubles with each failure in a row (up to 30 s); shutdown never waits on it for
 * long; `caughtUpTo` waits for a checkpoint to be reached.
 */
export abstract class LeasedConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  /** The current run's subscription: closed to end the run (lease lost, shutdown). */
  protected subscription?: Subscription;
  protected stopped = false;
  /** Failures in a row: a run that makes progress sets it back to 0. */
  protected failures = 0;
  /** The checkpoint reached: everything up to it has taken effect. */
  protected position = START;
  private readonly lease: ConsumerLease;
  private running?: Promise<void>;
  private wake?: () => void;
  private readonly waiters: Array<{ checkpoint: string; resolve: () => void }> = [];

  protected constructor(
    /** The checkpoint row's name. */
    readonly name: string,
    leaseKey: number,
    protected readonly pool: Pool,
    /** The first pause after a failure (doubling up to 30 s). */
    private readonly retryBaseMs = 1_000,
  ) {
    this.logger = new Logger(name);
    this.lease = new ConsumerLease(pool, leaseKey, (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      void this.subscription?.close().catch(() => undefined);
    });
  }

  /** One run, under the lease: from the stored checkpoint until it ends or fails. */
  protected abstract consume(): Promise<void>;

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
    // A subscription stuck on a vanished database (or an effect on a vanished service) must not
    // hold the shutdown: wait 5 s at most.
    const closing = (async () => {
      await this.subscription?.close().catch(() => undefined);
      await this.running;
    })();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.lease.drop();
  }

  /** Resolves once everything up to `checkpoint` has taken effect (tests, read-your-writes). */
  async caughtUpTo(checkpoint: string): Promise<void> {
    if (checkpoint <= this.position) return;
    await new Promise<void>((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  /** The stored checkpoint of this consumer (START before its first). */
  protected async storedCheckpoint(): Promise<string> {
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [this.name],
    );
    return rows[0]?.checkpoint ?? START;
  }

  /** Everything up to `checkpoint` has taken effect: wakes who waits for it. */
  protected reached(checkpoint: string): void {
    this.position = checkpoint;
    for (let i = this.waiters.length - 1; i >= 0; i--)
      if (this.waiters[i].checkpoint <= checkpoint) this.waiters.splice(i, 1)[0].resolve();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        while (!this.stopped && !(await this.lease.acquire())) await this.pause(5_000);
        if (!this.stopped) await this.consume();
      } catch (err) {
        this.failures++;
        if (!this.stopped) this.logger.warn(`restarting after: ${messageOf(err)}`);
      } finally {
        this.lease.drop();
      }
      if (!this.stopped)
        await this.pause(Math.min(this.retryBaseMs * 2 ** Math.min(this.failures, 5), 30_000));
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
