import type { ClientBase } from 'pg';
import { eventHashDigest } from '../integrity/event-hash';
import { WrongExpectedVersion } from '../port/event-store.errors';
import type { AppendOptions, AppendResult, EventToAppend } from '../port/event-store.port';
import { appendOne } from './append-one';
import { findRetry, isUniqueViolation, matches } from './append-retry';
import { prepareEvents, validateAppend, type PreparedEvent } from './prepare-events';
import { ZERO_HASH, type PgStoreContext, type Queryable } from './store-context';
import { headFor, readHead, streamVersion } from './stream-head';
import type { StreamHead } from './stream-head-cache';

/** PostgreSQL-only append option: append inside the caller's open transaction (e.g. together
 * with an outbox row). The caller commits, then calls `appended()` to wake subscribers at once
 * (else they notice within their poll interval); on a conflict the transaction is aborted and
 * the caller must roll back. */
export interface PgAppendOptions extends AppendOptions {
  transaction?: ClientBase;
}

const OPTIMISTIC_ATTEMPTS = 2;
// With the stream lock held, only an unlocked writer can still win a race; this bound is a
// safety net against a bug, not a limit a real workload reaches.
const MAX_APPEND_ATTEMPTS = 100;

/**
 * `EventStore.append` on PostgreSQL, in its modes: one event outside a transaction (one
 * statement, `append-one.ts`); otherwise optimistic attempts on the (cached) head, then — for
 * `any` / `stream-exists` on a hot stream — attempts under the stream's advisory lock; or inside
 * the caller's transaction (`options.transaction`), never cached and never retried.
 */
export async function appendToStream(
  ctx: PgStoreContext,
  stream: string,
  events: EventToAppend[],
  options: PgAppendOptions = {},
): Promise<AppendResult> {
  const expected = options.expected ?? 'any';
  const tx = options.transaction;
  validateAppend(stream, events, expected);
  const prepared = await prepareEvents(ctx, events);
  const ids = events.map((e) => e.id.toLowerCase());
  const recordedAt = new Date();

  if (prepared.length === 1 && !tx) {
    const single = await appendOne(ctx, stream, prepared[0], expected, recordedAt);
    if (single) return single;
    // lost a race: fall through to the general path, which retries and finally locks.
  }

  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
    // 'any' / 'stream-exists' on a hot stream: after an optimistic attempt lost a race, take the
    // stream's advisory lock so that this writer makes progress instead of retrying for ever.
    const locked = !tx && attempt > OPTIMISTIC_ATTEMPTS;
    // Our own client even when unlocked: a failed `pool.query` makes the pool discard its
    // connection, and a unique violation here is an expected outcome, not a broken connection.
    const client = tx ? undefined : await ctx.pool.connect();
    const db = tx ?? client ?? ctx.pool;
    try {
      if (client && locked) {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [stream]);
      }
      // Inside a transaction: read the head there, and never cache what may roll back.
      // Every query of this attempt goes through `db`: holding one pooled connection while
      // waiting for another could deadlock a saturated pool.
      const head =
        tx || locked
          ? await readHead(ctx, stream, db, false)
          : await headFor(ctx, stream, expected, attempt > 1, db);
      if (!matches(expected, head.version)) {
        if (locked) await client?.query('ROLLBACK');
        const retried = await findRetry(ctx, stream, ids, expected, client);
        if (retried) return retried;
        throw new WrongExpectedVersion(stream, expected, head.version);
      }
      const rows = chain(ctx, stream, head, prepared, recordedAt);
      const inserted = await insertEvents(db, stream, recordedAt, ids, rows);
      if (locked) await client?.query('COMMIT');
      const last = rows.versions[rows.versions.length - 1];
      if (!tx) {
        ctx.heads.set(stream, { version: last, hash: rows.hashes[rows.hashes.length - 1] });
        ctx.notifications.signal();
      }
      return {
        nextExpectedVersion: last,
        position: BigInt(inserted),
        written: true,
      };
    } catch (err) {
      if (locked) await client?.query('ROLLBACK').catch(() => undefined);
      if (!isUniqueViolation(err)) throw err;
      // (A failed caller's transaction is unusable: those look-ups take another connection.)
      if (tx) throw new WrongExpectedVersion(stream, expected, await streamVersion(ctx, stream));
      const retried = await findRetry(ctx, stream, ids, expected, client);
      if (retried) return retried;
      if (typeof expected === 'number' || expected === 'no-stream') {
        throw new WrongExpectedVersion(
          stream,
          expected,
          (await readHead(ctx, stream, client)).version,
        );
      }
      // 'any' / 'stream-exists': someone appended first; rebuild on the new head and retry.
    } finally {
      client?.release();
    }
  }
  throw new Error(`append to ${stream}: gave up after ${MAX_APPEND_ATTEMPTS} concurrent conflicts`);
}

/** Versions and the hash chain of the batch on top of `head`, as the insert's column arrays. */
function chain(
  ctx: PgStoreContext,
  stream: string,
  head: StreamHead,
  events: PreparedEvent[],
  recordedAt: Date,
) {
  const iso = recordedAt.toISOString();
  const versions: number[] = [];
  const prevHashes: Buffer[] = [];
  const hashes: Buffer[] = [];
  let prev = head.hash;
  let version = head.version;
  for (const e of events) {
    version += 1;
    const hash = ctx.tamperEvidence
      ? eventHashDigest({
          stream,
          version,
          id: e.id,
          type: e.type,
          dataJson: e.dataJson,
          metadataJson: e.metadataJson,
          recordedAt: iso,
          prevHash: prev.toString('hex'),
        })
      : ZERO_HASH;
    versions.push(version);
    prevHashes.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  return {
    versions,
    prevHashes,
    hashes,
    types: events.map((e) => e.type),
    data: events.map((e) => e.dataJson),
    metadata: events.map((e) => e.metadataJson),
  };
}

/** Up to this many events go in one multi-row VALUES statement (prepared per size); a larger
 * batch goes as column arrays through unnest (one statement whatever its size). Parameters as
 * values cost the driver and the server less than 1 KiB JSON texts escaped into array literals. */
const MAX_VALUES_ROWS = 100;
const SHARED_PARAMS = 2; // $1 stream, $2 recorded at
const ROW_PARAMS = 7;

/** Inserts the chained batch; returns the last event's position (decimal text). */
async function insertEvents(
  db: Queryable,
  stream: string,
  recordedAt: Date,
  ids: string[],
  rows: ReturnType<typeof chain>,
): Promise<string> {
  const n = ids.length;
  if (n > MAX_VALUES_ROWS) {
    const { rows: out } = await db.query<{ position: string }>({
      name: 'ecvet_append_many',
      text: INSERT_EVENTS_UNNEST,
      values: [
        stream,
        recordedAt,
        rows.versions,
        ids,
        rows.types,
        rows.data,
        rows.metadata,
        rows.prevHashes,
        rows.hashes,
      ],
    });
    return out[0].position;
  }
  const values: unknown[] = new Array(SHARED_PARAMS + n * ROW_PARAMS);
  values[0] = stream;
  values[1] = recordedAt.toISOString();
  for (let i = 0; i < n; i++) {
    const o = SHARED_PARAMS + i * ROW_PARAMS;
    values[o] = rows.versions[i];
    values[o + 1] = ids[i];
    values[o + 2] = rows.types[i];
    values[o + 3] = rows.data[i];
    values[o + 4] = rows.metadata[i];
    values[o + 5] = rows.prevHashes[i];
    values[o + 6] = rows.hashes[i];
  }
  const { rows: out } = await db.query<{ position: string }>({
    name: `ecvet_append_values_${n}`,
    text: insertValuesText(n),
    values,
  });
  return out[0].position;
}

const valuesTexts = new Map<number, string>();

function insertValuesText(n: number): string {
  let text = valuesTexts.get(n);
  if (!text) {
    const tuples: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = SHARED_PARAMS + i * ROW_PARAMS;
      tuples.push(
        `($1, $2::timestamptz, $${p + 1}::int, $${p + 2}::uuid, $${p + 3}, $${p + 4}::json, ` +
          `$${p + 5}::json, $${p + 6}::bytea, $${p + 7}::bytea)`,
      );
    }
    text = `WITH ins AS (
      INSERT INTO ecvet_events
        (stream_id, recorded_at, version, event_id, event_type, data, metadata, prev_hash, hash)
      VALUES ${tuples.join(', ')}
      RETURNING position)
    SELECT max(position)::text AS position FROM ins`;
    valuesTexts.set(n, text);
  }
  return text;
}

const INSERT_EVENTS_UNNEST = `
  WITH ins AS (
    INSERT INTO ecvet_events
      (stream_id, recorded_at, version, event_id, event_type, data, metadata, prev_hash, hash)
    SELECT $1, $2, u.version, u.event_id, u.event_type, u.data::json, u.metadata::json, u.prev_hash, u.hash
    FROM unnest($3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bytea[], $9::bytea[])
      AS u(version, event_id, event_type, data, metadata, prev_hash, hash)
    RETURNING position)
  SELECT max(position)::text AS position FROM ins`;
