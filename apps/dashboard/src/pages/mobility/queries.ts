import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { DashboardSettings } from '../../api/dashboard';
import type { MobilityRow } from '../../api/types';
import type { HistoryEntry } from './timeline';
import type { AgreementVersionDocument, MobilityView } from './types';

/** The page's reads, keyed `['mobilities', id, …]` so one change event refreshes them all. */
export interface AsOf {
  asOf?: string;
  asOfVersion?: number;
}

const path = (id: string) => `/mobilities/${encodeURIComponent(id)}`;

export const mobilityQuery = (id: string, asOf: AsOf = {}) =>
  queryOptions({
    queryKey: ['mobilities', id, 'view', asOf.asOf ?? null, asOf.asOfVersion ?? null],
    queryFn: ({ signal }) =>
      api.get<MobilityView>(path(id), { asOf: asOf.asOf, asOfVersion: asOf.asOfVersion }, signal),
  });

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ['mobilities', id, 'history'],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${path(id)}/history`, undefined, signal),
  });

export const agreementVersionQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['mobilities', id, 'learning-agreement', version],
    queryFn: ({ signal }) =>
      api.get<AgreementVersionDocument>(
        `${path(id)}/learning-agreement/versions/${version}`,
        undefined,
        signal,
      ),
  });

/** The mobility's row of the dashboard list: its next deadline, as the overview computes it. */
export const dashboardRowQuery = (id: string) =>
  queryOptions({
    queryKey: ['mobilities', id, 'row'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<MobilityRow>(
          `/dashboard/mobilities/${encodeURIComponent(id)}`,
          undefined,
          signal,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });

export const agreementPdf = (id: string, version: number, lang: string) =>
  `${path(id)}/learning-agreement/versions/${version}.pdf?lang=${lang}`;
export const transcriptPdf = (id: string, lang: string) =>
  `${path(id)}/transcript.pdf?lang=${lang}`;
export const certificatePdf = (id: string, lang: string) =>
  `${path(id)}/certificate.pdf?lang=${lang}`;

/** The mobility's workflow in the Temporal Web UI (`mobility-<id>`, apps/worker's bridge). */
export function workflowUrl(id: string, ui: DashboardSettings['temporalUi']): string | undefined {
  if (!ui) return undefined;
  const base = ui.url.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(`mobility-${id}`)}`;
}
