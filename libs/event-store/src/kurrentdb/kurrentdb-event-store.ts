import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  START as KURRENT_START,
  StreamDeletedError,
  StreamNotFoundError,
  StreamTombstonedError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  EventData,
  Filter,
  JSONEventType,
  Position,
  ReadRevision,
} from '@kurrent/kurrentdb-client';
import { GENESIS_HASH, canonicalJson, eventHash } from '../integrity/event-hash';
import {
  decryptPersonalFields,
  encryptPersonalFields,
  validatePersonalData,
} from '../personal-data/field-cipher';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import { InvalidAppend, StreamNotFound, WrongExpectedVersion } from '../port/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  JsonObject,
  JsonValue,
  PersonalData,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port/event-store.port';
import { START } from '../port/event-store.port';
import {
  actualVersion,
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  exactExpectedVersion,
  isSystemName,
  isUserEvent,
  judgeAppend,
  locateBatch,
  matchesFilter,
  revisionOf,
  serverFilterSpec,
  toStreamState,
  versionOf,
} from './kurrentdb-mapping';
import type { LocatedBatch, TailEvent } from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false` and the like (see the client's connection strings). */
  connectionString: string;
  /** Where the per-subject keys of personal fields live (the PostgreSQL key store by default). */
  keyStore: SubjectKeyStore;
}

/** The metadata key under which each stored event carries its hash chain link. */
const INTEGRITY = '$integrity';
/** The metadata key under which an event records whose personal fields it holds. */
const PERSONAL = '$personal';
/** A stream's last events that an append checks its ids against (retries, duplicates), on top of
 * the appended batch's own size. */
const TAIL_WINDOW = 32;
/** Attempts of an append that keeps losing races to other writers (or to a stale cache). */
const MAX_ATTEMPTS = 8;
/** `readAll` without `maxCount` returns at most this many events (as the PostgreSQL adapter). */
const READ_ALL_DEFAULT_MAX = 1_000;
/** Largest page of `readAll` (events per server read). */
const READ_ALL_PAGE = 512;
/** Streams whose tail (hash chain head and last ids) is remembered between appends. */
const TAIL_CACHE_SIZE = 5_000;
/** Default `highWaterMark` of a subscription: events buffered before the server is paused. */
const DEFAULT_BATCH_SIZE = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StoredEventType = JSONEventType<string, JsonObject, JsonObject>;

/** The parts of the client's recorded event this adapter reads (from `readStream`, `readAll` and
 * `subscribeToAll` alike). */
interface RawEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  created: Date;
  position?: Position;
}

interface Integrity {
  prevHash: string;
  hash: string;
  recordedAt: string;
}

/** The last event of a stream: what the next append chains onto. */
interface Head {
  version: number;
  /** Undefined when the last event carries no `$integrity` (not written by this adapter). */
  hash: string | undefined;
  recordedAtMs: number;
  position: bigint;
}

/** A stream's head and its last events (ascending versions). */
interface Tail {
  head: Head;
  events: TailEvent[];
}

const EMPTY_TAIL: Tail = {
  head: { version: 0, hash: GENESIS_HASH, recordedAtMs: 0, position: 0n },
  events: [],
};

/** An event ready to be hashed: id normalised, personal fields encrypted. */
interface PreparedEvent {
  id: string;
  type: string;
  storedData: JsonObject;
  dataJson: string;
  /** The caller's metadata plus `$personal` when the event holds personal data. */
  metadata: JsonObject;
  metadataJson: string;
}

/** Found in the stream already: the append is a retry of a write that succeeded. */
interface ExistingBatch {
  nextExpectedVersion: number;
  position: bigint;
}

/**
 * The `EventStore` port on KurrentDB (formerly EventStoreDB), through the official gRPC client.
 *
 * Every stored event carries, in its metadata under `$integrity`, its link in its stream's hash
 * chain: `{ prevHash, hash, recordedAt }` (see `../integrity/event-hash.ts`). To chain correctly
 * under concurrent writers, each append is sent with the exact revision of the head it chained
 * onto, whatever the caller expected; the caller's expectation is checked here against that head,
 * and an `any` / `stream-exists` append that loses a race is re-chained and retried. The tail
 * cache only saves a read: a stale entry makes the server refuse the write, never corrupts the
 * chain.
 *
 * Retries and duplicates: an append whose ids all stand, in order, at the stream's tail (or right
 * after the expected version) is a retry and writes nothing; ids found elsewhere in the last
 * `TAIL_WINDOW` events of the stream are a `DuplicateEventId`. Older events of the stream and
 * other streams are not searched: KurrentDB has no index by event id.
 *
 * Unlike the PostgreSQL adapter, this one keeps no seals (no Merkle chain of the global log): only
 * the per-stream hash chains. See README.md.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly keyStore: SubjectKeyStore;
  private readonly tails = new Map<string, Tail>();

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.keyStore = options.keyStore;
  }

  async append(
    stream: string,
    events: EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected: ExpectedVersion = options.expected ?? 'any';
    validateAppend(stream, events, expected);
    const prepared = await this.prepare(events);
    const ids = prepared.map((event) => event.id);
    const exact = exactExpectedVersion(expected);

    for (let attempt = 1; ; attempt++) {
      const cached = attempt === 1 ? this.tails.get(stream) : undefined;
      let tail = cached ?? (await this.readTail(stream, ids.length + TAIL_WINDOW));
      let verdict = judgeAppend(stream, tail.head.version, tail.events, ids, expected);
      if (
        cached &&
        (verdict.kind === 'conflict' || (verdict.kind === 'retry' && !existingBatch(verdict.batch)))
      ) {
        // A cached tail may be stale (another process appended): only a fresh one can refuse.
        tail = await this.readTail(stream, ids.length + TAIL_WINDOW);
        verdict = judgeAppend(stream, tail.head.version, tail.events, ids, expected);
      }
      this.remember(stream, tail);

      if (verdict.kind === 'retry') {
        // Read fresh, a tail always has positions (KurrentDB 22.6 and later return them).
        const existing = existingBatch(verdict.batch);
        if (!existing) throw new Error(`KurrentDB returned no log positions for ${stream}`);
        return { ...existing, written: false };
      }
      if (verdict.kind === 'conflict') {
        // A retry of an append older than the tail window: look right after the expected version.
        if (exact !== undefined) {
          const existing = await this.readBatchAt(stream, exact, ids);
          if (existing) return { ...existing, written: false };
        }
        throw new WrongExpectedVersion(stream, expected, tail.head.version);
      }

      const { head } = tail;
      const sealed = seal(stream, prepared, head);
      const outcome = await this.write(stream, sealed.events, toStreamState(head.version));
      if (outcome.written) {
        const position = outcome.position ?? (await this.readTail(stream, 1)).head.position;
        this.remember(stream, {
          head: {
            version: sealed.lastVersion,
            hash: sealed.lastHash,
            recordedAtMs: sealed.recordedAtMs,
            position,
          },
          events: [
            ...tail.events,
            ...ids.map((id, i) => ({
              id,
              version: head.version + 1 + i,
              position: i === ids.length - 1 ? position : undefined,
            })),
          ],
        });
        return { nextExpectedVersion: sealed.lastVersion, position, written: true };
      }

      // Another writer moved the stream between our read and our write (or the cached tail was
      // stale). Re-read: an exact expectation now fails (or finds its retry), an `any` /
      // `stream-exists` append chains onto the new head.
      this.tails.delete(stream);
      if (attempt >= MAX_ATTEMPTS) {
        throw new WrongExpectedVersion(stream, expected, outcome.actual ?? head.version);
      }
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const toVersion = options.toVersion ?? Number.POSITIVE_INFINITY;
    const toRecordedAt = options.toRecordedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (options.fromVersion !== undefined) revisionOf(options.fromVersion);

    let fromRevision: ReadRevision;
    if (backwards) {
      const start = Math.min(options.fromVersion ?? Number.POSITIVE_INFINITY, toVersion);
      if (Number.isFinite(start)) {
        // No server documents what reading backwards from past the end does: start at the head
        // at the latest.
        const head = await this.streamVersion(stream);
        if (head === 0) throw new StreamNotFound(stream);
        if (Math.min(start, head) < 1) return [];
        fromRevision = revisionOf(Math.min(start, head));
      } else {
        fromRevision = END;
      }
    } else {
      fromRevision =
        options.fromVersion === undefined ? KURRENT_START : revisionOf(options.fromVersion);
    }
    // Forwards, the `as of` bounds only cut the end of the read, so the server may stop at
    // `maxCount`; backwards, `toRecordedAt` skips the newest events, so we stop ourselves.
    const serverMax = backwards && options.toRecordedAt ? undefined : maxCount;

    const result: RecordedEvent[] = [];
    let seen = 0;
    const keys = new KeyLookup(this.keyStore);
    if (maxCount > 0) {
      try {
        for await (const resolved of this.client.readStream(stream, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision,
          ...(serverMax === undefined ? {} : { maxCount: serverMax }),
        })) {
          const raw = resolved.event as RawEvent | undefined;
          if (!raw) continue;
          seen++;
          if (isSystemName(raw.type)) continue;
          const version = versionOf(raw.revision);
          const recordedAt = recordedAtOf(raw).getTime();
          if (version > toVersion || recordedAt > toRecordedAt) {
            // Versions and recording instants both grow along a stream (`seal` keeps recordedAt
            // monotonic), so forwards nothing further can qualify.
            if (backwards) continue;
            break;
          }
          result.push(await this.toRecorded(raw, keys));
          if (result.length >= maxCount) break;
        }
      } catch (err) {
        if (isMissingStream(err)) throw new StreamNotFound(stream);
        throw err;
      }
    }
    if (seen === 0 && (await this.streamVersion(stream)) === 0) throw new StreamNotFound(stream);
    return result;
  }

  async streamVersion(stream: string): Promise<number> {
    return (await this.readTail(stream, 1)).head.version;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const from = options.fromCheckpoint ?? START;
    const limit = options.maxCount ?? READ_ALL_DEFAULT_MAX;
    const filter = toServerFilter(options.filter);
    const keys = new KeyLookup(this.keyStore);
    const events: RecordedEvent[] = [];
    let cursor = decodeCheckpoint(from);

    while (events.length < limit) {
      // `readAll` from a position includes the event at that position: ask for one more.
      const pageSize = Math.min(Math.max(limit - events.length + 1, 2), READ_ALL_PAGE);
      let received = 0;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: cursor ?? KURRENT_START,
        maxCount: pageSize,
        filter,
      })) {
        received++;
        const raw = resolved.event;
        if (!raw) continue;
        if (cursor && comparePositions(raw.position, cursor) <= 0) continue;
        cursor = raw.position;
        if (!isUserEvent(raw.streamId, raw.type)) continue;
        if (!matchesFilter(options.filter, raw.streamId, raw.type)) continue;
        events.push(await this.toRecorded(raw, keys));
        if (events.length >= limit) break;
      }
      if (received < pageSize) break;
    }
    // Past every event seen, kept or filtered out (at the last one kept when `maxCount` cut the
    // page): the next read goes on from there.
    return { events, checkpoint: cursor ? encodeCheckpoint(cursor) : from };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = decodeCheckpoint(options.fromCheckpoint ?? START);
    const source = this.client.subscribeToAll(
      { fromPosition: from ?? KURRENT_START, filter: toServerFilter(options.filter) },
      // The subscription is an object-mode Readable fed by the gRPC stream through `pipe`: once
      // this many events wait unread, the gRPC stream (and, by HTTP/2 flow control, the server)
      // is paused until the consumer reads on.
      { highWaterMark: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE) },
    );
    let closed = false;
    // The client emits errors (connection lost, access denied) on the stream itself; kept here so
    // an error before iteration starts neither crashes the process nor goes unseen.
    let failure: Error | undefined;
    source.on('error', (err: Error) => {
      failure ??= err;
      source.destroy();
    });
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      try {
        await source.unsubscribe();
      } finally {
        source.destroy();
      }
    };

    const events = async function* (
      this: KurrentDbEventStore,
    ): AsyncGenerator<RecordedEvent, void, undefined> {
      const keys = new KeyLookup(this.keyStore, false);
      try {
        // Only events come out of the client's stream; confirmations, checkpoints, caught-up and
        // fell-behind messages are emitted as stream events, not data.
        for await (const item of source as AsyncIterable<AllStreamResolvedEvent>) {
          const raw = item.event;
          if (!raw) continue;
          if (from && comparePositions(raw.position, from) <= 0) continue;
          if (!isUserEvent(raw.streamId, raw.type)) continue;
          if (!matchesFilter(options.filter, raw.streamId, raw.type)) continue;
          yield await this.toRecorded(raw, keys);
        }
        if (failure !== undefined && !closed) throw failure;
      } catch (err) {
        // `close()` (or an error) destroys the source: iteration ends with a premature close.
        if (!closed) throw failure ?? err;
      } finally {
        await close();
      }
    }.call(this);

    return {
      [Symbol.asyncIterator]: () => events,
      close,
    };
  }

  async forgetSubject(subject: string): Promise<void> {
    await this.keyStore.destroy(subject);
  }

  async dispose(): Promise<void> {
    this.tails.clear();
    await this.client.dispose();
  }

  /** Validates and encrypts; normalises ids to lower case (the server returns them so). */
  private async prepare(events: EventToAppend[]): Promise<PreparedEvent[]> {
    const keys = new Map<string, Buffer>();
    const prepared: PreparedEvent[] = [];
    for (const event of events) {
      const id = event.id.toLowerCase();
      let storedData = event.data;
      let metadata = event.metadata;
      if (event.personal) {
        const { subject, fields } = event.personal;
        let key = keys.get(subject);
        if (!key) {
          key = await this.keyStore.keyFor(subject);
          keys.set(subject, key);
        }
        storedData = encryptPersonalFields(event.data, event.personal, key, id);
        metadata = { ...event.metadata, [PERSONAL]: { subject, fields: [...fields] } };
      }
      prepared.push({
        id,
        type: event.type,
        storedData,
        dataJson: canonical(storedData, `data of event ${event.id}`),
        metadata,
        metadataJson: canonical(metadata, `metadata of event ${event.id}`),
      });
    }
    return prepared;
  }

  /** Appends at exactly `state`; a concurrency conflict is an outcome, not an error. */
  private async write(
    stream: string,
    events: EventData<StoredEventType>[],
    state: AppendStreamState,
  ): Promise<{ written: boolean; position?: bigint; actual?: number }> {
    try {
      const result = await this.client.appendToStream(stream, events, { streamState: state });
      // `success` is false only with `throwOnAppendFailure=false` in the connection string.
      if (!result.success) return { written: false };
      return { written: true, position: result.position?.commit };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) {
        return { written: false, actual: actualVersion(err.actualState) };
      }
      if (err instanceof StreamDeletedError || err instanceof StreamTombstonedError) {
        throw new InvalidAppend(`stream ${stream} has been deleted in KurrentDB`);
      }
      if (err instanceof MaxAppendSizeExceededError) {
        throw new InvalidAppend(
          `append to ${stream} exceeds the server's maximum append size (${err.maxAppendSize} bytes)`,
        );
      }
      throw err;
    }
  }

  /** The stream's last `count` events and its head. */
  private async readTail(stream: string, count: number): Promise<Tail> {
    const raws: RawEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: count,
      })) {
        if (resolved.event) raws.push(resolved.event);
      }
    } catch (err) {
      if (isMissingStream(err)) return EMPTY_TAIL;
      throw err;
    }
    const last = raws[0];
    if (!last) return EMPTY_TAIL;
    const integrity = integrityOf(last);
    return {
      head: {
        version: versionOf(last.revision),
        hash: integrity?.hash,
        recordedAtMs: integrity ? new Date(integrity.recordedAt).getTime() : last.created.getTime(),
        position: last.position?.commit ?? 0n,
      },
      events: raws.reverse().map(tailEvent),
    };
  }

  /** The events right after `version`, when they are exactly the batch with these ids. */
  private async readBatchAt(
    stream: string,
    version: number,
    ids: string[],
  ): Promise<ExistingBatch | undefined> {
    const raws: RawEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: FORWARDS,
        fromRevision: BigInt(version),
        maxCount: ids.length,
      })) {
        if (resolved.event) raws.push(resolved.event);
      }
    } catch (err) {
      if (isMissingStream(err)) return undefined;
      throw err;
    }
    const found = locateBatch(stream, raws.map(tailEvent), ids);
    return found?.firstVersion === version + 1 ? existingBatch(found) : undefined;
  }

  private remember(stream: string, tail: Tail): void {
    const current = this.tails.get(stream);
    if (current && current.head.version > tail.head.version) return; // streams only grow
    this.tails.delete(stream);
    this.tails.set(stream, { head: tail.head, events: tail.events.slice(-TAIL_WINDOW) });
    if (this.tails.size > TAIL_CACHE_SIZE) {
      const oldest = this.tails.keys().next();
      if (!oldest.done) this.tails.delete(oldest.value);
    }
  }

  private async toRecorded(raw: RawEvent, keys: KeyLookup): Promise<RecordedEvent> {
    if (!raw.isJson || !isJsonObject(raw.data)) {
      throw new Error(
        `KurrentDB event ${raw.id} (${raw.streamId}) has no JSON object data: not an event of this store`,
      );
    }
    const position = raw.position;
    if (!position) {
      throw new Error(
        `KurrentDB returned event ${raw.id} without its log position (the server must be 22.6 or later)`,
      );
    }
    const stored = isJsonObject(raw.metadata) ? raw.metadata : {};
    const { [INTEGRITY]: _integrity, ...metadata } = stored;
    const integrity = integrityOf(raw);
    const data = raw.data;

    const event: RecordedEvent = {
      id: raw.id,
      stream: raw.streamId,
      type: raw.type,
      version: versionOf(raw.revision),
      position: position.commit,
      checkpoint: encodeCheckpoint(position),
      data,
      metadata,
      recordedAt: integrity ? new Date(integrity.recordedAt) : raw.created,
      hash: integrity?.hash ?? '',
      prevHash: integrity?.prevHash ?? '',
    };
    const personal = personalOf(metadata[PERSONAL]);
    if (personal) {
      const key = await keys.get(personal.subject);
      decryptPersonalFields(data, personal.fields, key, raw.id);
      event.personal = { subject: personal.subject, fields: personal.fields, erased: !key };
    }
    return event;
  }
}

export function createKurrentDbEventStore(
  options: KurrentDbEventStoreOptions,
): KurrentDbEventStore {
  return new KurrentDbEventStore(options);
}

/** Subject keys looked up once per read (or, uncached, once per event of a subscription, so that
 * a subject forgotten while it runs reads as erased from then on). */
class KeyLookup {
  private readonly keys = new Map<string, Promise<Buffer | undefined>>();
  constructor(
    private readonly store: SubjectKeyStore,
    private readonly cache = true,
  ) {}

  get(subject: string): Promise<Buffer | undefined> {
    if (!this.cache) return this.store.existingKey(subject);
    let key = this.keys.get(subject);
    if (!key) {
      key = this.store.existingKey(subject);
      this.keys.set(subject, key);
    }
    return key;
  }
}

/** Hashes the prepared events onto `head`: versions, prevHash chain, one recording instant. */
function seal(
  stream: string,
  prepared: PreparedEvent[],
  head: Head,
): {
  events: EventData<StoredEventType>[];
  lastVersion: number;
  lastHash: string;
  recordedAtMs: number;
} {
  // Never before the head: a stream's recording instants never go backwards, which keeps
  // `toRecordedAt` reads exact and lets them stop early.
  if (head.hash === undefined) {
    throw new Error(
      `KurrentDB stream ${stream}: its last event carries no ${INTEGRITY} (not written by this ` +
        'adapter), so no hash chain can continue from it',
    );
  }
  const recordedAtMs = Math.max(Date.now(), head.recordedAtMs);
  const recordedAt = new Date(recordedAtMs).toISOString();
  let prevHash: string = head.hash;
  let version = head.version;
  const events = prepared.map((event) => {
    version++;
    const hash = eventHash({
      stream,
      version,
      id: event.id,
      type: event.type,
      dataJson: event.dataJson,
      metadataJson: event.metadataJson,
      recordedAt,
      prevHash,
    });
    const integrity: Integrity = { prevHash, hash, recordedAt };
    prevHash = hash;
    return jsonEvent<StoredEventType>({
      id: event.id,
      type: event.type,
      data: event.storedData,
      metadata: { ...event.metadata, [INTEGRITY]: { ...integrity } },
    });
  });
  return { events, lastVersion: version, lastHash: prevHash, recordedAtMs };
}

function existingBatch(found: LocatedBatch | undefined): ExistingBatch | undefined {
  if (found?.position === undefined) return undefined;
  return { nextExpectedVersion: found.lastVersion, position: found.position };
}

function tailEvent(raw: RawEvent): TailEvent {
  return {
    id: raw.id.toLowerCase(),
    version: versionOf(raw.revision),
    position: raw.position?.commit,
  };
}

function validateAppend(stream: string, events: EventToAppend[], expected: ExpectedVersion): void {
  if (typeof stream !== 'string' || stream === '') {
    throw new InvalidAppend('stream name must be a non-empty string');
  }
  if (isSystemName(stream)) {
    throw new InvalidAppend(
      `stream name "${stream}" starts with "$": KurrentDB system streams are reserved`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend('an append needs at least one event');
  }
  exactExpectedVersion(expected);
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidAppend(`event id "${String(event.id)}" is not a UUID`);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppend(`event id ${id} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type === '') {
      throw new InvalidAppend(`event ${id} has no type`);
    }
    if (isSystemName(event.type)) {
      throw new InvalidAppend(
        `event type "${event.type}" starts with "$": reserved for system events`,
      );
    }
    if (!isJsonObject(event.data)) throw new InvalidAppend(`data of event ${id} is not an object`);
    if (!isJsonObject(event.metadata)) {
      throw new InvalidAppend(`metadata of event ${id} is not an object`);
    }
    for (const reserved of [INTEGRITY, PERSONAL]) {
      if (reserved in event.metadata) {
        throw new InvalidAppend(`metadata of event ${id} uses the reserved key ${reserved}`);
      }
    }
    if (event.personal) validatePersonalData(event.personal);
  }
}

function toServerFilter(filter: SubscribeOptions['filter']): Filter {
  const spec = serverFilterSpec(filter);
  switch (spec.on) {
    case 'eventType':
      return eventTypeFilter({ prefixes: spec.prefixes });
    case 'streamName':
      return streamNameFilter({ prefixes: spec.prefixes });
    case 'excludeSystemEvents':
      return excludeSystemEvents();
  }
}

function canonical(value: JsonObject, what: string): string {
  try {
    return canonicalJson(value);
  } catch (err) {
    throw new InvalidAppend(
      `${what} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function integrityOf(raw: RawEvent): Integrity | undefined {
  if (!isJsonObject(raw.metadata)) return undefined;
  const value = raw.metadata[INTEGRITY];
  if (!isJsonObject(value)) return undefined;
  const { prevHash, hash, recordedAt } = value;
  if (typeof prevHash !== 'string' || typeof hash !== 'string' || typeof recordedAt !== 'string') {
    return undefined;
  }
  return { prevHash, hash, recordedAt };
}

function recordedAtOf(raw: RawEvent): Date {
  const integrity = integrityOf(raw);
  return integrity ? new Date(integrity.recordedAt) : raw.created;
}

function personalOf(value: JsonValue | undefined): PersonalData | undefined {
  if (!isJsonObject(value)) return undefined;
  const { subject, fields } = value;
  if (typeof subject !== 'string' || !Array.isArray(fields)) return undefined;
  if (!fields.every((field): field is string => typeof field === 'string')) return undefined;
  return { subject, fields };
}

function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

function isMissingStream(err: unknown): boolean {
  return err instanceof StreamNotFoundError || err instanceof StreamDeletedError;
}
