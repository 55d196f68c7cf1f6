import { DuplicateEventId } from '../port/event-store.errors';
import type { AppendResult, ExpectedVersion } from '../port/event-store.port';
import type { PgStoreContext, Queryable } from './store-context';

/** Whether a stream at `actual` meets the writer's expectation. */
export function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  if (expected === 'stream-exists') return actual > 0;
  return actual === expected;
}

/** A unique key refused the insert: a lost race, a retry of ours or a reused event id. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * Idempotency: is this append a retry of one that already succeeded? Yes when every id is
 * stored in this stream, in order and consecutively, and (for an exact expected version) right
 * after that version. Ids stored anywhere else are a DuplicateEventId.
 */
export async function findRetry(
  ctx: PgStoreContext,
  stream: string,
  ids: string[],
  expected: ExpectedVersion,
  db: Queryable = ctx.pool,
): Promise<AppendResult | undefined> {
  const { rows } = await db.query<{
    event_id: string;
    stream_id: string;
    version: number;
    position: string;
  }>(
    `SELECT event_id::text, stream_id, version, position::text FROM ecvet_events
       WHERE event_id = ANY($1::uuid[])`,
    [ids],
  );
  if (rows.length === 0) return undefined;
  const byId = new Map(rows.map((r) => [r.event_id, r]));
  const first = byId.get(ids[0]);
  const start =
    typeof expected === 'number' ? expected + 1 : expected === 'no-stream' ? 1 : first?.version;
  for (let i = 0; i < ids.length; i++) {
    const row = byId.get(ids[i]);
    if (!row || row.stream_id !== stream || start === undefined || row.version !== start + i) {
      const culprit = row ?? rows[0];
      throw new DuplicateEventId(culprit.event_id, culprit.stream_id, culprit.version);
    }
  }
  const last = byId.get(ids[ids.length - 1])!;
  return { nextExpectedVersion: last.version, position: BigInt(last.position), written: false };
}
