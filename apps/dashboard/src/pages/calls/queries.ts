import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ListPage } from '../partnerships/types';
import type { CallView } from './types';

export const callsQuery = (partnershipId?: string) =>
  queryOptions({
    queryKey: ['calls', 'list', { partnershipId: partnershipId ?? null, limit: 200 }],
    queryFn: ({ signal }) =>
      api.get<ListPage<CallView>>('/calls', { partnershipId, limit: 200 }, signal),
  });

export const callQuery = (id: string) =>
  queryOptions({
    queryKey: ['calls', id],
    queryFn: ({ signal }) =>
      api.get<CallView>(`/calls/${encodeURIComponent(id)}`, undefined, signal),
  });
