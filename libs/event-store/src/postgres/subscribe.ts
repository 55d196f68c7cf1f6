import type { RecordedEvent, SubscribeOptions, Subscription } from '../port/event-store.port';
import { readAll } from './read-all';
import type { PgStoreContext } from './store-context';

/**
 * `EventStore.subscribeToAll` on PostgreSQL: `readAll` pages, one after the other as the consumer
 * asks for events; when caught up, it waits for a wake-up (`PgNotifications`) or the poll
 * interval. The subscription is added to `open` until it is closed (the store closes what is left
 * on `dispose()`).
 */
export function subscribeToAll(
  ctx: PgStoreContext,
  open: Set<Subscription>,
  pollIntervalMs: number | undefined,
  options: SubscribeOptions = {},
): Subscription {
  const notifications = ctx.notifications;
  const pollMs = pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 500;
  let closed = false;
  let wake: (() => void) | undefined;
  const readPage = (fromCheckpoint: string) =>
    readAll(ctx, { fromCheckpoint, maxCount: batchSize, filter: options.filter });

  async function* run(): AsyncGenerator<RecordedEvent> {
    let checkpoint = options.fromCheckpoint ?? '';
    while (!closed) {
      const generation = notifications.generation;
      const page = await readPage(checkpoint);
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
      open.delete(subscription);
      await iterator.return(undefined);
    },
  };
  open.add(subscription);
  return subscription;
}
