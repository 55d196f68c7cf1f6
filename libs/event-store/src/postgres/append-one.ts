import { canonicalEventParts } from '../integrity/event-hash';
import { WrongExpectedVersion } from '../port/event-store.errors';
import type { AppendResult, ExpectedVersion } from '../port/event-store.port';
import { findRetry, isUniqueViolation, matches } from './append-retry';
import type { PreparedEvent } from './prepare-events';
import { firstPrevHash, type PgStoreContext } from './store-context';
import { streamVersion } from './stream-head';

/**
 * The append of one event outside a caller's transaction: one event, one round trip, whatever
 * the cache knows. The statement reads the stream head, checks the expected version, and
 * PostgreSQL computes the hash over the canonical encoding whose surrounding parts we send
 * (`canonicalEventParts`). Returns undefined when a concurrent append took the version first (the
 * caller retries); throws on a real expectation mismatch.
 */
export async function appendOne(
  ctx: PgStoreContext,
  stream: string,
  event: PreparedEvent,
  expected: ExpectedVersion,
  recordedAt: Date,
): Promise<AppendResult | undefined> {
  const recordedAtIso = recordedAt.toISOString();
  const parts = canonicalEventParts({
    id: event.id,
    type: event.type,
    stream,
    recordedAt: recordedAtIso,
  });
  try {
    // Named: prepared once per connection, so PostgreSQL plans the statement once.
    const { rows } = await ctx.pool.query<{
      position: string | null;
      version: number;
      hash: Buffer | null;
    }>({
      name: 'ecvet_append_one',
      text: INSERT_ONE,
      values: [
        stream,
        // As ISO text: pg's own Date formatting (local time, by hand) costs more per append.
        recordedAtIso,
        event.id,
        event.type,
        event.dataJson,
        event.metadataJson,
        parts.betweenDataAndMetadata,
        parts.beforeVersion,
        typeof expected === 'number' ? 'exact' : expected,
        typeof expected === 'number' ? expected : null,
        firstPrevHash(ctx),
        ctx.tamperEvidence,
      ],
    });
    const row = rows[0];
    if (row.position === null || row.hash === null) {
      // Nothing inserted: a retry of ours, a reused id, the expectation failed, or a lost race.
      const retried = await findRetry(ctx, stream, [event.id], expected);
      if (retried) return retried;
      const actual = await streamVersion(ctx, stream);
      if (!matches(expected, actual) || typeof expected === 'number' || expected === 'no-stream') {
        throw new WrongExpectedVersion(stream, expected, actual);
      }
      return undefined; // 'any' / 'stream-exists' lost a race: the caller retries
    }
    ctx.heads.set(stream, { version: row.version, hash: row.hash });
    ctx.notifications.signal();
    return { nextExpectedVersion: row.version, position: BigInt(row.position), written: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const retried = await findRetry(ctx, stream, [event.id], expected);
    if (retried) return retried;
    if (typeof expected === 'number' || expected === 'no-stream') {
      throw new WrongExpectedVersion(stream, expected, await streamVersion(ctx, stream));
    }
    return undefined;
  }
}

// The head (version 0 and the genesis hash for a new stream), the expectation check, and the
// insert with the hash computed by PostgreSQL, in one statement (the data and metadata texts are
// sent once and spliced into the encoding there). When the expectation fails no
// row is inserted, and the outer join still returns the head's version for the error.
const INSERT_ONE = `
  WITH v AS (SELECT coalesce(max(version), 0) AS version FROM ecvet_events WHERE stream_id = $1),
  head AS (
    SELECT v.version, coalesce(e.hash, $11::bytea) AS hash
    FROM v LEFT JOIN ecvet_events e ON e.stream_id = $1 AND e.version = v.version
  ),
  ins AS (
    INSERT INTO ecvet_events
      (stream_id, recorded_at, version, event_id, event_type, data, metadata, prev_hash, hash)
    SELECT $1, $2::timestamptz, h.version + 1, $3::uuid, $4, $5::text::json, $6::text::json, h.hash,
      CASE WHEN $12::boolean
        THEN sha256(convert_to('{"data":' || $5::text || $7 || $6::text || ',"prevHash":"'
          || encode(h.hash, 'hex') || $8 || (h.version + 1)::text || '}', 'UTF8'))
        ELSE h.hash END
    FROM head h
    WHERE CASE $9::text
      WHEN 'any' THEN true
      WHEN 'no-stream' THEN h.version = 0
      WHEN 'stream-exists' THEN h.version > 0
      ELSE h.version = $10::int END
    -- A lost race (or a reused event id) inserts nothing instead of failing: a failed statement
    -- would make the pool discard its connection, and a new one costs a login.
    ON CONFLICT DO NOTHING
    RETURNING position::text, version, hash
  )
  SELECT ins.position, coalesce(ins.version, h.version) AS version, ins.hash
  FROM head h LEFT JOIN ins ON true`;
