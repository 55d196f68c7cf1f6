import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { MobilityPage, Overview, SavedFilter } from './types';
import { listParams, type MobilitiesSearch } from '../pages/mobilities/search';

// The /dashboard endpoints as TanStack Query options. Keys start with 'dashboard': every change
// event invalidates them (src/live/keys.ts).

export const overviewQuery = queryOptions({
  queryKey: ['dashboard', 'overview'],
  queryFn: ({ signal }) => api.get<Overview>('/dashboard/overview', undefined, signal),
});

export const mobilitiesQuery = (search: MobilitiesSearch) =>
  queryOptions({
    queryKey: ['dashboard', 'mobilities', search],
    queryFn: ({ signal }) =>
      api.get<MobilityPage>('/dashboard/mobilities', listParams(search), signal),
    placeholderData: keepPreviousData,
  });

/** The overview's "changed last" table: the ten mobilities updated most recently. */
export const recentMobilitiesQuery = queryOptions({
  queryKey: ['dashboard', 'mobilities', 'recent'],
  queryFn: ({ signal }) =>
    api.get<MobilityPage>('/dashboard/mobilities', { sort: '-updated', limit: 10 }, signal),
});

export const savedFiltersQuery = queryOptions({
  queryKey: ['dashboard', 'saved-filters'],
  queryFn: ({ signal }) =>
    api.get<{ items: SavedFilter[] }>('/dashboard/saved-filters', undefined, signal),
});

export const saveFilter = (name: string, search: string) =>
  api.post<SavedFilter>('/dashboard/saved-filters', { name, view: 'mobilities', search });

export const deleteFilter = (id: string) =>
  api.delete(`/dashboard/saved-filters/${encodeURIComponent(id)}`);

/** What the dashboard needs to know of the deployment (GET /dashboard/settings). */
export interface DashboardSettings {
  /** The Temporal Web UI, where a mobility's workflow can be opened; null when not configured. */
  temporalUi: { url: string; namespace: string } | null;
}

export const settingsQuery = queryOptions({
  queryKey: ['settings'],
  queryFn: ({ signal }) => api.get<DashboardSettings>('/dashboard/settings', undefined, signal),
  staleTime: Infinity,
});
