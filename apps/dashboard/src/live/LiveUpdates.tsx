import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChangedEvent } from '../api/types';
import { keysToInvalidate, parseChanged } from './keys';

type Listener = (event: ChangedEvent) => void;
const listeners = new Set<Listener>();

/**
 * Subscribe to the change events (for a page that wants more than the automatic invalidation,
 * e.g. a "changed just now" notice). The automatic part needs nothing: <LiveUpdates/> in the
 * layout invalidates the queries of whatever changed (keys.ts), and open pages re-fetch.
 */
export function useLiveEvents(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listener]);
}

function connect(client: QueryClient): () => void {
  let source: EventSource | undefined;
  let retry: number | undefined;
  let attempts = 0;
  let gap = false;
  let disconnected = false;
  // A batch of events (a burst of writes) costs one re-fetch per query, not one per event.
  let pending = new Map<string, ChangedEvent>();
  let flush: number | undefined;

  const flushPending = () => {
    flush = undefined;
    const batch = [...pending.values()];
    pending = new Map();
    const seen = new Set<string>();
    for (const event of batch) {
      for (const key of keysToInvalidate(event)) {
        const id = JSON.stringify(key);
        if (seen.has(id)) continue;
        seen.add(id);
        void client.invalidateQueries({ queryKey: key });
      }
      for (const listener of listeners) listener(event);
    }
  };

  const open = () => {
    source = new EventSource('/dashboard/events', { withCredentials: true });
    source.addEventListener('open', () => {
      // Back after a gap: whatever changed meanwhile was missed — refresh what is on screen.
      if (gap) void client.invalidateQueries();
      gap = false;
      attempts = 0;
    });
    source.addEventListener('changed', (message: MessageEvent<string>) => {
      const event = parseChanged(message.data);
      if (!event) return;
      pending.set(`${event.kind}/${event.id}`, event);
      flush ??= window.setTimeout(flushPending, 150);
    });
    source.addEventListener('error', () => {
      gap = true;
      if (source?.readyState !== EventSource.CLOSED || disconnected) return;
      // The browser gave up (e.g. 401 after the session ended): try again, more slowly each time.
      attempts += 1;
      retry = window.setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5)));
    });
  };

  open();
  return () => {
    disconnected = true;
    source?.close();
    window.clearTimeout(retry);
    window.clearTimeout(flush);
  };
}

/** Mounted once by the layout: keeps the open pages within about a second of the read models. */
export function LiveUpdates(): null {
  const client = useQueryClient();
  useEffect(() => connect(client), [client]);
  return null;
}
