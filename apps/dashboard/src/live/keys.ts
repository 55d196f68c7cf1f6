import type { QueryKey } from '@tanstack/react-query';
import type { ChangedEvent } from '../api/types';

/**
 * The query-key convention every page follows, so that one change event reaches every open view
 * of it:
 *   ['dashboard', …]          the overview, the list, saved filters (any change may move a count)
 *   [kind, id, …]             one object and its sub-reads: ['mobilities', id], ['mobilities', id,
 *                             'history'], ['partnerships', id, 'mou', 2]
 *   [kind, 'list', …]         a plain list of that kind: ['partnerships', 'list', params]
 * `kind` is the event's kind as the API names it: 'mobilities', 'partnerships', 'calls',
 * 'learners', …
 */
export function keysToInvalidate(event: ChangedEvent): QueryKey[] {
  return [['dashboard'], [event.kind, event.id], [event.kind, 'list']];
}

export function parseChanged(data: string): ChangedEvent | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const { kind, id, version } = value as Record<string, unknown>;
    if (typeof kind !== 'string' || typeof id !== 'string') return undefined;
    return { kind, id, version: typeof version === 'number' ? version : 0 };
  } catch {
    return undefined;
  }
}
