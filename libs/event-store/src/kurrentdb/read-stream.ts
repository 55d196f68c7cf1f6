import { BACKWARDS, END, FORWARDS, START as KURRENT_START } from '@kurrent/kurrentdb-client';
import type { ReadRevision } from '@kurrent/kurrentdb-client';
import { StreamNotFound } from '../port/event-store.errors';
import type { ReadStreamOptions, RecordedEvent } from '../port/event-store.port';
import { isSystemName, revisionOf, versionOf } from './kurrentdb-mapping';
import {
  KeyLookup,
  isMissingStream,
  recordedAtOf,
  toRecorded,
  type RawEvent,
} from './recorded-events';
import type { KurrentStoreContext } from './store-context';
import { readTail } from './tail';

/** The stream's current version; 0 when it does not exist. */
export async function streamVersion(ctx: KurrentStoreContext, stream: string): Promise<number> {
  return (await readTail(ctx.client, stream, 1)).head.version;
}

/** `EventStore.readStream` on KurrentDB, with the `as of` bounds (`toVersion`, `toRecordedAt`)
 * applied while reading. */
export async function readStream(
  ctx: KurrentStoreContext,
  stream: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
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
      const head = await streamVersion(ctx, stream);
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
  const keys = new KeyLookup(ctx.keyStore);
  if (maxCount > 0) {
    try {
      for await (const resolved of ctx.client.readStream(stream, {
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
        result.push(await toRecorded(raw, keys));
        if (result.length >= maxCount) break;
      }
    } catch (err) {
      if (isMissingStream(err)) throw new StreamNotFound(stream);
      throw err;
    }
  }
  if (seen === 0 && (await streamVersion(ctx, stream)) === 0) throw new StreamNotFound(stream);
  return result;
}
