import { START as KURRENT_START } from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../port/event-store.port';
import { START } from '../port/event-store.port';
import {
  comparePositions,
  decodeCheckpoint,
  isUserEvent,
  matchesFilter,
} from './kurrentdb-mapping';
import { toServerFilter } from './read-all';
import { KeyLookup, toRecorded } from './recorded-events';
import type { KurrentStoreContext } from './store-context';

/** Default `highWaterMark` of a subscription: events buffered before the server is paused. */
const DEFAULT_BATCH_SIZE = 32;

/** `EventStore.subscribeToAll` on KurrentDB: the client's `$all` subscription, back-pressured
 * through its stream, with system events and what the filter leaves out skipped. */
export function subscribeToAll(
  ctx: KurrentStoreContext,
  options: SubscribeOptions = {},
): Subscription {
  const from = decodeCheckpoint(options.fromCheckpoint ?? START);
  const source = ctx.client.subscribeToAll(
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

  const events = (async function* (): AsyncGenerator<RecordedEvent, void, undefined> {
    const keys = new KeyLookup(ctx.keyStore, false);
    try {
      // Only events come out of the client's stream; confirmations, checkpoints, caught-up and
      // fell-behind messages are emitted as stream events, not data.
      for await (const item of source as AsyncIterable<AllStreamResolvedEvent>) {
        const raw = item.event;
        if (!raw) continue;
        if (from && comparePositions(raw.position, from) <= 0) continue;
        if (!isUserEvent(raw.streamId, raw.type)) continue;
        if (!matchesFilter(options.filter, raw.streamId, raw.type)) continue;
        yield await toRecorded(raw, keys);
      }
      if (failure !== undefined && !closed) throw failure;
    } catch (err) {
      // `close()` (or an error) destroys the source: iteration ends with a premature close.
      if (!closed) throw failure ?? err;
    } finally {
      await close();
    }
  })();

  return {
    [Symbol.asyncIterator]: () => events,
    close,
  };
}
