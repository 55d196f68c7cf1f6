import { Pool, type ClientBase } from 'pg';
import {
  canonicalEventParts,
  canonicalJson,
  eventHashDigest,
  GENESIS_HASH,
} from '../integrity/event-hash';
import {
  decryptPersonalFields,
  encryptPersonalFields,
  validatePersonalData,
} from '../personal-data/field-cipher';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import {
  DuplicateEventId,
  InvalidAppend,
  StreamNotFound,
  WrongExpectedVersion,
} from '../port/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  JsonObject,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port/event-store.port';
import { decodePgCheckpoint, encodePgCheckpoint } from './pg-checkpoint';
import { PgNotifications } from './pg-notifications';
import {
  verifyPostgresEventStore,
  type VerificationReport,
  type VerifyOptions,
} from './pg-verifier';
import { StreamHeadCache, type StreamHead } from './stream-head-cache';

/** PostgreSQL-only append option: append inside the caller's open transaction (e.g. together
 * with an outbox row). The caller commits, then calls `appended()` to wake subscribers at once
 * (else they notice within their poll interval); on a conflict the transaction is aborted and
 * the caller must roll back. */
export interface PgAppendOptions extends AppendOptions {
  transaction?: ClientBase;
}

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns a pool) or a pool (the caller owns it). */
  connectionString?: string;
  pool?: Pool;
  poolSize?: number;
  /** Where subject keys for personal data live (usually `PostgresSubjectKeyStore`). */
  keyStore?: SubjectKeyStore;
  /** Off only for the benchmark's baseline: events then carry zero hashes and fail `verify()`. */
  tamperEvidence?: boolean;
  /** How often an idle subscription polls when no notification arrives. */
  pollIntervalMs?: number;
}

const ZERO_HASH = Buffer.alloc(32);

type Queryable = Pool | ClientBase;
const GENESIS = Buffer.from(GENESIS_HASH, 'hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPTIMISTIC_ATTEMPTS = 2;
// With the stream lock held, only an unlocked writer can still win a race; this bound is a
// safety net against a bug, not a limit a real workload reaches.
const MAX_APPEND_ATTEMPTS = 100;

const COLUMNS = `position::text AS position, tx_id::text AS tx_id, stream_id, version,
  event_id::text AS event_id, event_type, data, metadata, recorded_at, prev_hash, hash`;

interface EventRow {
  position: string;
  tx_id: string;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
  prev_hash: Buffer;
  hash: Buffer;
}

interface PreparedEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

export class PostgresEventStore implements EventStore {
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly heads = new StreamHeadCache();
  private readonly tamperEvidence: boolean;
  private readonly notifications: PgNotifications;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: PostgresEventStoreOptions) {
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else if (options.connectionString) {
      this.pool = new Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 20,
        application_name: 'ecvet-event-store',
      });
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      throw new Error('PostgresEventStore needs a connectionString or a pool');
    }
    this.tamperEvidence = options.tamperEvidence ?? true;
    this.notifications = new PgNotifications(this.pool, 'ecvet_events');
  }

  // ---------------------------------------------------------------- append

  async append(
    stream: string,
    events: EventToAppend[],
    options: PgAppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expected ?? 'any';
    const tx = options.transaction;
    validateAppend(stream, events, expected);
    const prepared = await this.prepare(events);
    const ids = events.map((e) => e.id.toLowerCase());
    const recordedAt = new Date();

    if (prepared.length === 1 && !tx) {
      const single = await this.appendOne(stream, prepared[0], expected, recordedAt);
      if (single) return single;
      // lost a race: fall through to the general path, which retries and finally locks.
    }

    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      // 'any' / 'stream-exists' on a hot stream: after an optimistic attempt lost a race, take the
      // stream's advisory lock so that this writer makes progress instead of retrying for ever.
      const locked = !tx && attempt > OPTIMISTIC_ATTEMPTS;
      // Our own client even when unlocked: a failed `pool.query` makes the pool discard its
      // connection, and a unique violation here is an expected outcome, not a broken connection.
      const client = tx ? undefined : await this.pool.connect();
      const db = tx ?? client ?? this.pool;
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
            ? await this.readHead(stream, db, false)
            : await this.headFor(stream, expected, attempt > 1, db);
        if (!matches(expected, head.version)) {
          if (locked) await client?.query('ROLLBACK');
          const retried = await this.findRetry(stream, ids, expected, client);
          if (retried) return retried;
          throw new WrongExpectedVersion(stream, expected, head.version);
        }
        const rows = this.chain(stream, head, prepared, recordedAt);
        const { rows: inserted } = await db.query<{ position: string }>({
          name: 'ecvet_append_many',
          text: INSERT_EVENTS,
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
        if (locked) await client?.query('COMMIT');
        const last = rows.versions[rows.versions.length - 1];
        if (!tx) {
          this.heads.set(stream, { version: last, hash: rows.hashes[rows.hashes.length - 1] });
          this.notifications.signal();
        }
        return {
          nextExpectedVersion: last,
          position: BigInt(inserted[inserted.length - 1].position),
          written: true,
        };
      } catch (err) {
        if (locked) await client?.query('ROLLBACK').catch(() => undefined);
        if (!isUniqueViolation(err)) throw err;
        // (A failed caller's transaction is unusable: those look-ups take another connection.)
        if (tx) throw new WrongExpectedVersion(stream, expected, await this.streamVersion(stream));
        const retried = await this.findRetry(stream, ids, expected, client);
        if (retried) return retried;
        if (typeof expected === 'number' || expected === 'no-stream') {
          throw new WrongExpectedVersion(
            stream,
            expected,
            (await this.readHead(stream, client)).version,
          );
        }
        // 'any' / 'stream-exists': someone appended first; rebuild on the new head and retry.
      } finally {
        client?.release();
      }
    }
    throw new Error(
      `append to ${stream}: gave up after ${MAX_APPEND_ATTEMPTS} concurrent conflicts`,
    );
  }

  /**
   * One event, one round trip, whatever the cache knows: the statement reads the stream head,
   * checks the expected version, and PostgreSQL computes the hash over the canonical encoding
   * whose surrounding parts we send (`canonicalEventParts`). Returns undefined when a concurrent
   * append took the version first (the caller retries); throws on a real expectation mismatch.
   */
  private async appendOne(
    stream: string,
    event: PreparedEvent,
    expected: ExpectedVersion,
    recordedAt: Date,
  ): Promise<AppendResult | undefined> {
    const parts = canonicalEventParts({ ...event, stream, recordedAt: recordedAt.toISOString() });
    try {
      // Named: prepared once per connection, so PostgreSQL plans the statement once.
      const { rows } = await this.pool.query<{
        position: string | null;
        version: number;
        hash: Buffer | null;
      }>({
        name: 'ecvet_append_one',
        text: INSERT_ONE,
        values: [
          stream,
          recordedAt,
          event.id,
          event.type,
          event.dataJson,
          event.metadataJson,
          parts.beforePrevHash,
          parts.beforeVersion,
          typeof expected === 'number' ? 'exact' : expected,
          typeof expected === 'number' ? expected : null,
          this.tamperEvidence ? GENESIS : ZERO_HASH,
          this.tamperEvidence,
        ],
      });
      const row = rows[0];
      if (row.position === null || row.hash === null) {
        // Nothing inserted: a retry of ours, a reused id, the expectation failed, or a lost race.
        const retried = await this.findRetry(stream, [event.id], expected);
        if (retried) return retried;
        const actual = await this.streamVersion(stream);
        if (
          !matches(expected, actual) ||
          typeof expected === 'number' ||
          expected === 'no-stream'
        ) {
          throw new WrongExpectedVersion(stream, expected, actual);
        }
        return undefined; // 'any' / 'stream-exists' lost a race: the caller retries
      }
      this.heads.set(stream, { version: row.version, hash: row.hash });
      this.notifications.signal();
      return { nextExpectedVersion: row.version, position: BigInt(row.position), written: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const retried = await this.findRetry(stream, [event.id], expected);
      if (retried) return retried;
      if (typeof expected === 'number' || expected === 'no-stream') {
        throw new WrongExpectedVersion(stream, expected, await this.streamVersion(stream));
      }
      return undefined;
    }
  }

  /** Canonical JSON of data (personal fields encrypted) and metadata, once per append. */
  private async prepare(events: EventToAppend[]): Promise<PreparedEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        let data = event.data;
        let metadata = event.metadata;
        if (event.personal && event.personal.fields.length > 0) {
          validatePersonalData(event.personal);
          if (!this.options.keyStore) {
            throw new InvalidAppend('this event store has no subject key store for personal data');
          }
          const key = await this.options.keyStore.keyFor(event.personal.subject);
          data = encryptPersonalFields(data, event.personal, key, event.id.toLowerCase());
          metadata = {
            ...metadata,
            $personal: { subject: event.personal.subject, fields: event.personal.fields },
          };
        }
        return {
          id: event.id.toLowerCase(),
          type: event.type,
          dataJson: canonicalJson(data),
          metadataJson: canonicalJson(metadata),
        };
      }),
    );
  }

  private chain(stream: string, head: StreamHead, events: PreparedEvent[], recordedAt: Date) {
    const iso = recordedAt.toISOString();
    const versions: number[] = [];
    const prevHashes: Buffer[] = [];
    const hashes: Buffer[] = [];
    let prev = head.hash;
    let version = head.version;
    for (const e of events) {
      version += 1;
      const hash = this.tamperEvidence
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

  /** The stream head to build on: the cache when it can be trusted, else one indexed read. */
  private async headFor(
    stream: string,
    expected: ExpectedVersion,
    fresh: boolean,
    db: Queryable = this.pool,
  ): Promise<StreamHead> {
    if (expected === 'no-stream' || expected === 0) {
      // Streams never shrink: a cached head proves the stream exists; otherwise assume it does
      // not and let the unique key reject us if it does.
      return (
        this.heads.get(stream) ?? { version: 0, hash: this.tamperEvidence ? GENESIS : ZERO_HASH }
      );
    }
    const cached = fresh ? undefined : this.heads.get(stream);
    // For an exact expected version the cached head is only good if it is that version; for
    // 'any' a stale cache costs one rejected insert and a retry with a fresh read.
    if (cached && (typeof expected !== 'number' || cached.version === expected)) return cached;
    return this.readHead(stream, db);
  }

  private async readHead(
    stream: string,
    db: Queryable = this.pool,
    cache = true,
  ): Promise<StreamHead> {
    const { rows } = await db.query<{ version: number; hash: Buffer }>({
      name: 'ecvet_stream_head',
      text: 'SELECT version, hash FROM ecvet_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
      values: [stream],
    });
    if (rows.length === 0) return { version: 0, hash: this.tamperEvidence ? GENESIS : ZERO_HASH };
    const head = { version: rows[0].version, hash: rows[0].hash };
    // Only committed heads may be cached: not one read inside a transaction that may roll back.
    if (cache) this.heads.set(stream, head);
    return head;
  }

  /**
   * Idempotency: is this append a retry of one that already succeeded? Yes when every id is
   * stored in this stream, in order and consecutively, and (for an exact expected version) right
   * after that version. Ids stored anywhere else are a DuplicateEventId.
   */
  private async findRetry(
    stream: string,
    ids: string[],
    expected: ExpectedVersion,
    db: Queryable = this.pool,
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

  // ---------------------------------------------------------------- reads

  async streamVersion(stream: string): Promise<number> {
    return (await this.readHead(stream)).version;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [stream];
    const where = ['stream_id = $1'];
    if (options.fromVersion !== undefined) {
      params.push(options.fromVersion);
      where.push(`version ${backwards ? '<=' : '>='} $${params.length}`);
    }
    if (options.toVersion !== undefined) {
      params.push(options.toVersion);
      where.push(`version <= $${params.length}`);
    }
    if (options.toRecordedAt !== undefined) {
      params.push(options.toRecordedAt);
      where.push(`recorded_at <= $${params.length}`);
    }
    let sql = `SELECT ${COLUMNS} FROM ecvet_events WHERE ${where.join(' AND ')}
      ORDER BY version ${backwards ? 'DESC' : 'ASC'}`;
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      sql += ` LIMIT $${params.length}`;
    }
    const { rows } = await this.pool.query<EventRow>(sql, params);
    if (rows.length === 0) {
      const exists = await this.pool.query(
        'SELECT 1 FROM ecvet_events WHERE stream_id = $1 LIMIT 1',
        [stream],
      );
      if (exists.rowCount === 0) throw new StreamNotFound(stream);
      return [];
    }
    const whole =
      !backwards &&
      options.fromVersion === undefined &&
      options.toVersion === undefined &&
      options.toRecordedAt === undefined &&
      options.maxCount === undefined;
    if (whole) {
      const last = rows[rows.length - 1];
      this.heads.set(stream, { version: last.version, hash: last.hash });
    }
    return this.toRecorded(rows);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const from = decodePgCheckpoint(options.fromCheckpoint);
    const params: unknown[] = [
      from.txId.toString(),
      from.position.toString(),
      options.maxCount ?? 1000,
    ];
    const filters: string[] = [];
    if (options.filter?.eventTypes?.length) {
      params.push(options.filter.eventTypes);
      filters.push(`AND event_type = ANY($${params.length}::text[])`);
    }
    if (options.filter?.streamPrefixes?.length) {
      params.push(options.filter.streamPrefixes.map((p) => `${escapeLike(p)}%`));
      filters.push(`AND stream_id LIKE ANY($${params.length}::text[])`);
    }
    // One statement, one snapshot: its xmin bounds what is safe to read. Transactions below it
    // have all finished; one still in flight (and everything after it) waits for the next read.
    const { rows } = await this.pool.query<EventRow & { horizon: string }>({
      // One prepared statement per filter shape.
      name: `ecvet_read_all_${options.filter?.eventTypes?.length ? 't' : ''}${options.filter?.streamPrefixes?.length ? 's' : ''}`,
      text: `WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT h.xmin::text AS horizon, e.* FROM h LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM ecvet_events e
         WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint) AND e.tx_id < h.xmin ${filters.join(' ')}
         ORDER BY e.tx_id, e.position LIMIT $3
       ) e ON true`,
      values: params,
    });
    const eventRows = rows.filter((r) => r.position !== null);
    const limit = params[2] as number;
    let checkpoint: string;
    if (eventRows.length === limit) {
      const last = eventRows[eventRows.length - 1];
      checkpoint = encodePgCheckpoint({
        txId: BigInt(last.tx_id),
        position: BigInt(last.position),
      });
    } else {
      // Everything below the horizon has been seen (filtered or not): continue from there.
      const horizon = { txId: BigInt(rows[0].horizon), position: 0n };
      const after = encodePgCheckpoint(horizon);
      checkpoint =
        options.fromCheckpoint && options.fromCheckpoint > after ? options.fromCheckpoint : after;
    }
    return { events: await this.toRecorded(eventRows), checkpoint };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const notifications = this.notifications;
    const pollMs = this.options.pollIntervalMs ?? 1_000;
    const batchSize = options.batchSize ?? 500;
    let closed = false;
    let wake: (() => void) | undefined;
    const readAll = (fromCheckpoint: string) =>
      this.readAll({ fromCheckpoint, maxCount: batchSize, filter: options.filter });

    async function* run(): AsyncGenerator<RecordedEvent> {
      let checkpoint = options.fromCheckpoint ?? '';
      while (!closed) {
        const generation = notifications.generation;
        const page = await readAll(checkpoint);
        for (const event of page.events) {
          if (closed) return;
          yield event; // back-pressure: nothing more is read until the consumer asks
        }
        checkpoint = page.checkpoint;
        if (page.events.length < batchSize && !closed) {
          await notifications.waitForChange(generation, pollMs, (cancel) => (wake = cancel));
        }
      }
    }

    const iterator = run();
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        wake?.();
        this.subscriptions.delete(subscription);
        await iterator.return(undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Wakes subscriptions (here and in other processes) after a commit the store did not make. */
  appended(): void {
    this.notifications.signal();
  }

  /** Verifies hashes, stream chains and seals of the whole log (see pg-verifier). */
  verify(options?: VerifyOptions): Promise<VerificationReport> {
    return verifyPostgresEventStore(this.pool, options);
  }

  async forgetSubject(subject: string): Promise<void> {
    if (!this.options.keyStore) throw new Error('this event store has no subject key store');
    await this.options.keyStore.destroy(subject);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifications.close();
    if (this.ownsPool) await this.pool.end();
  }

  private async toRecorded(rows: EventRow[]): Promise<RecordedEvent[]> {
    const personal = rows.map((row) => personalOf(row.metadata));
    const keys = new Map<string, Buffer | undefined>();
    for (const p of personal) {
      if (p && !keys.has(p.subject)) {
        keys.set(p.subject, await this.options.keyStore?.existingKey(p.subject));
      }
    }
    return rows.map((row, i) => {
      const event: RecordedEvent = {
        id: row.event_id,
        stream: row.stream_id,
        type: row.event_type,
        version: row.version,
        position: BigInt(row.position),
        checkpoint: encodePgCheckpoint({ txId: BigInt(row.tx_id), position: BigInt(row.position) }),
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
        hash: row.hash.toString('hex'),
        prevHash: row.prev_hash.toString('hex'),
      };
      const p = personal[i];
      if (p) {
        const key = keys.get(p.subject);
        decryptPersonalFields(event.data, p.fields, key, event.id);
        event.personal = { ...p, erased: !key };
      }
      return event;
    });
  }
}

const INSERT_EVENTS = `
  INSERT INTO ecvet_events
    (stream_id, recorded_at, version, event_id, event_type, data, metadata, prev_hash, hash)
  SELECT $1, $2, u.version, u.event_id, u.event_type, u.data::json, u.metadata::json, u.prev_hash, u.hash
  FROM unnest($3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bytea[], $9::bytea[])
    AS u(version, event_id, event_type, data, metadata, prev_hash, hash)
  RETURNING position::text`;

// The head (version 0 and the genesis hash for a new stream), the expectation check, and the
// insert with the hash computed by PostgreSQL, in one statement. When the expectation fails no
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
    SELECT $1, $2, h.version + 1, $3::uuid, $4, $5::json, $6::json, h.hash,
      CASE WHEN $12::boolean
        THEN sha256(convert_to($7 || encode(h.hash, 'hex') || $8 || (h.version + 1)::text || '}', 'UTF8'))
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

export function createPostgresEventStore(options: PostgresEventStoreOptions): PostgresEventStore {
  return new PostgresEventStore(options);
}

function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  if (expected === 'stream-exists') return actual > 0;
  return actual === expected;
}

function validateAppend(stream: string, events: EventToAppend[], expected: ExpectedVersion): void {
  if (typeof stream !== 'string' || stream.length === 0)
    throw new InvalidAppend('stream name must be a non-empty string');
  if (events.length === 0) throw new InvalidAppend('append needs at least one event');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppend(`expected version must be a non-negative integer, got ${expected}`);
  }
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppend(`event id "${e.id}" is not a UUID`);
    if (seen.has(e.id.toLowerCase()))
      throw new InvalidAppend(`event id ${e.id} appears twice in one append`);
    seen.add(e.id.toLowerCase());
    if (!e.type) throw new InvalidAppend('event type must be a non-empty string');
    if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) {
      throw new InvalidAppend(`event ${e.id}: data must be a JSON object`);
    }
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function personalOf(metadata: JsonObject): { subject: string; fields: string[] } | undefined {
  const p = metadata.$personal;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
  const { subject, fields } = p as { subject?: unknown; fields?: unknown };
  if (typeof subject !== 'string' || !Array.isArray(fields)) return undefined;
  return { subject, fields: fields.filter((f): f is string => typeof f === 'string') };
}
