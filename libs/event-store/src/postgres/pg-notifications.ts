import type { Pool, PoolClient } from 'pg';

/**
 * One LISTEN connection per store, shared by its subscriptions. Each notification bumps a
 * generation counter; a subscriber notes the generation before it reads and waits only if it is
 * unchanged, so a notification that arrives between its read and its wait is never missed.
 * Polling is the fallback: every wait ends after `timeoutMs` anyway, and a broken LISTEN
 * connection is re-established on the next wait.
 */
export class PgNotifications {
  generation = 0;
  private client?: PoolClient;
  private connecting?: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  async waitForChange(
    generation: number,
    timeoutMs: number,
    onCancel: (cancel: () => void) => void,
  ): Promise<void> {
    await this.ensureListening().catch(() => undefined); // polling still works without it
    if (this.generation !== generation || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      onCancel(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      client.release();
    }
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = await this.pool.connect();
      client.on('notification', () => {
        this.generation++;
        for (const wake of [...this.waiters]) wake();
      });
      client.on('error', () => {
        // Lost connection: forget it; the next wait reconnects, polling covers the gap.
        if (this.client === client) this.client = undefined;
        client.release(true);
      });
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}
