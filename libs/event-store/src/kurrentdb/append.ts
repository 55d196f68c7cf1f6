import {
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamTombstonedError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type { AppendStreamState, EventData, JSONEventType } from '@kurrent/kurrentdb-client';
import { eventHash } from '../integrity/event-hash';
import { InvalidAppend, WrongExpectedVersion } from '../port/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventToAppend,
  ExpectedVersion,
  JsonObject,
} from '../port/event-store.port';
import {
  actualVersion,
  exactExpectedVersion,
  judgeAppend,
  toStreamState,
} from './kurrentdb-mapping';
import { prepareEvents, validateAppend, type PreparedEvent } from './prepare-events';
import { INTEGRITY, type Integrity } from './recorded-events';
import type { KurrentStoreContext } from './store-context';
import { TAIL_WINDOW, existingBatch, readBatchAt, readTail, type Head } from './tail';

/** Attempts of an append that keeps losing races to other writers (or to a stale cache). */
const MAX_ATTEMPTS = 8;

type StoredEventType = JSONEventType<string, JsonObject, JsonObject>;

/**
 * `EventStore.append` on KurrentDB. Each append is sent with the exact revision of the head it
 * chained onto, whatever the caller expected; the caller's expectation is checked here against
 * that head, and an `any` / `stream-exists` append that loses a race is re-chained and retried.
 * Retries of a write that succeeded are recognised in the stream's tail (or right after the
 * expected version) and write nothing.
 */
export async function appendToStream(
  ctx: KurrentStoreContext,
  stream: string,
  events: EventToAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  const expected: ExpectedVersion = options.expected ?? 'any';
  validateAppend(stream, events, expected);
  const prepared = await prepareEvents(ctx.keyStore, events);
  const ids = prepared.map((event) => event.id);
  const exact = exactExpectedVersion(expected);

  for (let attempt = 1; ; attempt++) {
    const cached = attempt === 1 ? ctx.tails.get(stream) : undefined;
    let tail = cached ?? (await readTail(ctx.client, stream, ids.length + TAIL_WINDOW));
    let verdict = judgeAppend(stream, tail.head.version, tail.events, ids, expected);
    if (
      cached &&
      (verdict.kind === 'conflict' || (verdict.kind === 'retry' && !existingBatch(verdict.batch)))
    ) {
      // A cached tail may be stale (another process appended): only a fresh one can refuse.
      tail = await readTail(ctx.client, stream, ids.length + TAIL_WINDOW);
      verdict = judgeAppend(stream, tail.head.version, tail.events, ids, expected);
    }
    ctx.tails.remember(stream, tail);

    if (verdict.kind === 'retry') {
      // Read fresh, a tail always has positions (KurrentDB 22.6 and later return them).
      const existing = existingBatch(verdict.batch);
      if (!existing) throw new Error(`KurrentDB returned no log positions for ${stream}`);
      return { ...existing, written: false };
    }
    if (verdict.kind === 'conflict') {
      // A retry of an append older than the tail window: look right after the expected version.
      if (exact !== undefined) {
        const existing = await readBatchAt(ctx.client, stream, exact, ids);
        if (existing) return { ...existing, written: false };
      }
      throw new WrongExpectedVersion(stream, expected, tail.head.version);
    }

    const { head } = tail;
    const sealed = seal(stream, prepared, head);
    const outcome = await write(ctx, stream, sealed.events, toStreamState(head.version));
    if (outcome.written) {
      const position = outcome.position ?? (await readTail(ctx.client, stream, 1)).head.position;
      ctx.tails.remember(stream, {
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
    ctx.tails.delete(stream);
    if (attempt >= MAX_ATTEMPTS) {
      throw new WrongExpectedVersion(stream, expected, outcome.actual ?? head.version);
    }
  }
}

/** Appends at exactly `state`; a concurrency conflict is an outcome, not an error. */
async function write(
  ctx: KurrentStoreContext,
  stream: string,
  events: EventData<StoredEventType>[],
  state: AppendStreamState,
): Promise<{ written: boolean; position?: bigint; actual?: number }> {
  try {
    const result = await ctx.client.appendToStream(stream, events, { streamState: state });
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
