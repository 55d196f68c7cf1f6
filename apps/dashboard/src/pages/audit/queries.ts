import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { MobilityRow } from '../../api/types';
import type { HistoryEntry } from '../mobility/timeline';
import {
  historyPath,
  itemPath,
  STREAM_CATEGORIES,
  type OperationJob,
  type StreamCategory,
} from './streams';

/** `GET /audit/checkpoint` (public): the latest seal, signed. */
export interface SignedCheckpoint {
  body: {
    format: string;
    keyId: string;
    sealHash: string;
    sealedAt: string;
    seq: number;
    treeSize: number;
  };
  signature: string;
  spki: string;
}

export const checkpointQuery = () =>
  queryOptions({
    queryKey: ['audit', 'checkpoint'],
    queryFn: ({ signal }) => api.get<SignedCheckpoint>('/audit/checkpoint', undefined, signal),
    refetchInterval: 60_000,
    retry: false,
  });

export interface AsOf {
  asOf?: string;
  asOfVersion?: number;
}

/** Keyed `[category, id, …]`: the live updates refresh it with the stream's other reads. */
export const streamItemQuery = (category: StreamCategory, id: string, asOf: AsOf = {}) =>
  queryOptions({
    queryKey: [category, id, 'audit-item', asOf.asOf ?? null, asOf.asOfVersion ?? null],
    queryFn: ({ signal }) =>
      api.get<Record<string, unknown>>(
        itemPath(category, id),
        { asOf: asOf.asOf, asOfVersion: asOf.asOfVersion },
        signal,
      ),
    retry: false,
  });

export const streamHistoryQuery = (category: StreamCategory, id: string) =>
  queryOptions({
    queryKey: [category, id, 'history'],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(historyPath(category, id), undefined, signal),
    retry: false,
  });

/** One hit of the search: a stream of that category with that id, readable to the caller. */
export interface StreamHit {
  category: StreamCategory;
  id: string;
}

/**
 * An id looked up in every category at once: each read the caller may make answers 200, the rest
 * 404 (not there, or not theirs to see — the same answer).
 */
export const idSearchQuery = (id: string) =>
  queryOptions({
    queryKey: ['audit', 'search', 'id', id],
    queryFn: async ({ signal }): Promise<StreamHit[]> => {
      const found = await Promise.all(
        STREAM_CATEGORIES.map(async (category) => {
          try {
            await api.get(itemPath(category, id), undefined, signal);
            return { category, id };
          } catch (err) {
            if (err instanceof ApiError && (err.status === 404 || err.status === 400))
              return undefined;
            throw err;
          }
        }),
      );
      return found.filter((hit): hit is StreamHit => hit !== undefined);
    },
  });

/** The mobilities whose learner's name holds the text (names the caller may read only). */
export const nameSearchQuery = (q: string, enabled: boolean) =>
  queryOptions({
    queryKey: ['dashboard', 'audit-search', q],
    enabled,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: MobilityRow[] }>('/dashboard/mobilities', { q, limit: 20 }, signal))
        .items,
  });

export const jobQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['operations', 'jobs', jobId],
    queryFn: ({ signal }) =>
      api.get<OperationJob>(`/operations/jobs/${encodeURIComponent(jobId)}`, undefined, signal),
    // Polled while it runs (a progress bar); a finished job's report does not change.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1_000 : false),
  });
