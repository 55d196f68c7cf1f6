import type { ExpectedVersion } from '../port/event-store.port';
import { emptyHead, type PgStoreContext, type Queryable } from './store-context';
import type { StreamHead } from './stream-head-cache';

/** The stream's current version; 0 when it does not exist. */
export async function streamVersion(ctx: PgStoreContext, stream: string): Promise<number> {
  return (await readHead(ctx, stream)).version;
}

/** The stream head to build on: the cache when it can be trusted, else one indexed read. */
export async function headFor(
  ctx: PgStoreContext,
  stream: string,
  expected: ExpectedVersion,
  fresh: boolean,
  db: Queryable = ctx.pool,
): Promise<StreamHead> {
  if (expected === 'no-stream' || expected === 0) {
    // Streams never shrink: a cached head proves the stream exists; otherwise assume it does
    // not and let the unique key reject us if it does.
    return ctx.heads.get(stream) ?? emptyHead(ctx);
  }
  const cached = fresh ? undefined : ctx.heads.get(stream);
  // For an exact expected version the cached head is only good if it is that version; for
  // 'any' a stale cache costs one rejected insert and a retry with a fresh read.
  if (cached && (typeof expected !== 'number' || cached.version === expected)) return cached;
  return readHead(ctx, stream, db);
}

/** The stream's last (version, hash), read from the table. */
export async function readHead(
  ctx: PgStoreContext,
  stream: string,
  db: Queryable = ctx.pool,
  cache = true,
): Promise<StreamHead> {
  const { rows } = await db.query<{ version: number; hash: Buffer }>({
    name: 'ecvet_stream_head',
    text: 'SELECT version, hash FROM ecvet_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
    values: [stream],
  });
  if (rows.length === 0) return emptyHead(ctx);
  const head = { version: rows[0].version, hash: rows[0].hash };
  // Only committed heads may be cached: not one read inside a transaction that may roll back.
  if (cache) ctx.heads.set(stream, head);
  return head;
}
