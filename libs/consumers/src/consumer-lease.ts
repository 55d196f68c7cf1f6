import type { Pool, PoolClient } from 'pg';

/**
 * A consumer's lease: a session-level PostgreSQL advisory lock on a connection of its own, held
 * while the consumer runs, so that one process per database runs it. The connection's errors (the
 * server going away) go to `onLost`, for the consumer to restart.
 */
export class ConsumerLease {
  private client?: PoolClient;

  constructor(
    private readonly pool: Pool,
    private readonly key: number,
    private readonly onLost: (err: Error) => void,
  ) {}

  /** Takes the lock if no other session holds it; false when one does. */
  async acquire(): Promise<boolean> {
    const client = await this.pool.connect();
    const lost = (err: Error) => this.onLost(err);
    client.on('error', lost);
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [this.key],
    );
    if (rows[0].locked) {
      this.client = client;
      return true;
    }
    // Back to the pool without our listener: it would outlive this attempt on a shared client
    // (each failed attempt would add one more, and a later error would be logged once per attempt).
    client.removeListener('error', lost);
    client.release();
    return false;
  }

  /** Ends the lock: the connection is destroyed rather than returned (the lock is its session's). */
  drop(): void {
    this.client?.release(true);
    this.client = undefined;
  }
}
