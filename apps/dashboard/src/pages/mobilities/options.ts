import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';

// The filter's choices: the partnerships and institutions the caller may read (their lists are
// scoped by the API). Keys follow the live convention ([kind, 'list', …]).

interface ListPage<T> {
  items: T[];
  total: number;
}

export interface Choice {
  value: string;
  label: string;
}

export const partnershipChoicesQuery = queryOptions({
  queryKey: ['partnerships', 'list', { limit: 200 }],
  queryFn: ({ signal }) =>
    api.get<ListPage<{ partnershipId: string; title?: string }>>(
      '/partnerships',
      { limit: 200 },
      signal,
    ),
  select: (page): Choice[] =>
    page.items
      .map((p) => ({ value: p.partnershipId, label: p.title ?? p.partnershipId }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  staleTime: 5 * 60_000,
});

export const institutionChoicesQuery = queryOptions({
  queryKey: ['institutions', 'list', { limit: 200 }],
  queryFn: ({ signal }) =>
    api.get<ListPage<{ institutionId: string; legalName?: string; country?: string }>>(
      '/institutions',
      { limit: 200 },
      signal,
    ),
  select: (page): Choice[] =>
    page.items
      .map((i) => ({
        value: i.institutionId,
        label: i.legalName
          ? `${i.legalName}${i.country ? ` (${i.country})` : ''}`
          : i.institutionId,
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  staleTime: 5 * 60_000,
});

/** The choices, with the URL's current value kept even when the list does not have it. */
export function withCurrent(choices: Choice[] | undefined, current: string | undefined): Choice[] {
  const list = choices ?? [];
  return current && !list.some((c) => c.value === current)
    ? [...list, { value: current, label: current }]
    : list;
}
