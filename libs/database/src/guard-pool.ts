import type { Pool } from 'pg';

/**
 * A server going away (restart, failover, `pg_terminate_backend`, a dropped database) makes every
 * connected client emit `error`. pg-pool listens only while a client is idle in the pool; a client
 * that is checked out — a transaction in flight, a held advisory lock, a LISTEN — would emit an
 * `error` nobody listens to, and Node ends the process. Every client this pool creates gets a
 * listener for its whole life: the query in flight still rejects and its caller decides; the
 * process stays up and the pool replaces the broken client.
 */
export function guardPool(pool: Pool, onError: (err: Error) => void = () => undefined): Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
