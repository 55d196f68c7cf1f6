import {
  FORWARDS,
  START as KURRENT_START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type { Filter } from '@kurrent/kurrentdb-client';
import type {
  ReadAllOptions,
  ReadAllResult,
  RecordedEvent,
  SubscribeOptions,
} from '../port/event-store.port';
import { START } from '../port/event-store.port';
import {
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  isUserEvent,
  matchesFilter,
  serverFilterSpec,
} from './kurrentdb-mapping';
import { KeyLookup, toRecorded } from './recorded-events';
import type { KurrentStoreContext } from './store-context';

/** `readAll` without `maxCount` returns at most this many events (as the PostgreSQL adapter). */
const READ_ALL_DEFAULT_MAX = 1_000;
/** Largest page of `readAll` (events per server read). */
const READ_ALL_PAGE = 512;

/** `EventStore.readAll` on KurrentDB: the `$all` stream in pages, system events and what the
 * filter leaves out skipped. */
export async function readAll(
  ctx: KurrentStoreContext,
  options: ReadAllOptions = {},
): Promise<ReadAllResult> {
  const from = options.fromCheckpoint ?? START;
  const limit = options.maxCount ?? READ_ALL_DEFAULT_MAX;
  const filter = toServerFilter(options.filter);
  const keys = new KeyLookup(ctx.keyStore);
  const events: RecordedEvent[] = [];
  let cursor = decodeCheckpoint(from);

  while (events.length < limit) {
    // `readAll` from a position includes the event at that position: ask for one more.
    const pageSize = Math.min(Math.max(limit - events.length + 1, 2), READ_ALL_PAGE);
    let received = 0;
    for await (const resolved of ctx.client.readAll({
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
      events.push(await toRecorded(raw, keys));
      if (events.length >= limit) break;
    }
    if (received < pageSize) break;
  }
  // Past every event seen, kept or filtered out (at the last one kept when `maxCount` cut the
  // page): the next read goes on from there.
  return { events, checkpoint: cursor ? encodeCheckpoint(cursor) : from };
}

/** The port's filter as the server-side filter of `readAll` and `subscribeToAll`. */
export function toServerFilter(filter: SubscribeOptions['filter']): Filter {
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
