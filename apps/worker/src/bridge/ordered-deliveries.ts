/**
 * Deliveries of the global log's events, concurrent across keys and in order within each key:
 * an event waits for the previous event of its key and for a free slot (`concurrency`), and at
 * most `window` events are admitted beyond the low watermark. The low watermark is the checkpoint
 * below which every admitted event has been delivered: it is what may be stored as the consumer's
 * checkpoint, since a restart from it redelivers nothing that was skipped.
 *
 * After a failed delivery nothing more is delivered — no later event of its key may overtake it,
 * and the simplest way to keep that is to start nothing at all — and `add` throws: the caller
 * drains what is in flight and starts again from the stored watermark. Events after the failed
 * one that were delivered meanwhile are then delivered again: each must be idempotent.
 */
export class OrderedDeliveries {
  /** The last delivery of each key with deliveries pending: the next one of the key waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** The admitted events in log order, from the oldest not yet delivered (`head`). */
  private readonly admitted: Array<{ checkpoint: string; done: boolean }> = [];
  private head = 0;
  private running = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private readonly spaceWaiters: Array<() => void> = [];
  private failure?: Error;
  /** The most deliveries that ran at once (for tests and operators). */
  peakConcurrency = 0;

  constructor(
    private readonly options: {
      concurrency: number;
      window: number;
      /** The low watermark moved to `checkpoint`. */
      onAdvance: (checkpoint: string) => void;
    },
  ) {}

  /** Events admitted and not yet delivered. */
  get pending(): number {
    return this.admitted.length - this.head;
  }

  /** The failure that stopped the deliveries, if one did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * Admits an event (waiting while the window is full) and schedules `deliver` after the previous
   * delivery of `key`. Throws once a delivery has failed.
   */
  async add(key: string, checkpoint: string, deliver: () => Promise<void>): Promise<void> {
    while (!this.failure && this.pending >= this.options.window)
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    if (this.failure) throw this.failure;
    const entry = { checkpoint, done: false };
    this.admitted.push(entry);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const task = previous.then(() => this.run(entry, deliver));
    this.tails.set(key, task);
    void task.then(() => {
      if (this.tails.get(key) === task) this.tails.delete(key);
    });
  }

  /** Resolves once nothing is in flight or waiting (after a failure: once the rest settled). */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }

  private async run(
    entry: { checkpoint: string; done: boolean },
    deliver: () => Promise<void>,
  ): Promise<void> {
    if (this.failure) return;
    await this.acquire();
    try {
      if (this.failure) return;
      await deliver();
      entry.done = true;
      this.advance();
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
      // Whoever waits for room must learn of it.
      for (const wake of this.spaceWaiters.splice(0)) wake();
    } finally {
      this.release();
    }
  }

  private advance(): void {
    let moved: string | undefined;
    while (this.head < this.admitted.length && this.admitted[this.head].done)
      moved = this.admitted[this.head++].checkpoint;
    if (moved === undefined) return;
    // Drop the delivered prefix now and then rather than shifting the array on every event.
    if (this.head > 1024) {
      this.admitted.splice(0, this.head);
      this.head = 0;
    }
    this.options.onAdvance(moved);
    for (const wake of this.spaceWaiters.splice(0)) wake();
  }

  private async acquire(): Promise<void> {
    while (this.running >= this.options.concurrency)
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running++;
    this.peakConcurrency = Math.max(this.peakConcurrency, this.running);
  }

  private release(): void {
    this.running--;
    this.slotWaiters.shift()?.();
  }
}
