import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { HistoryEntry } from '../mobility/timeline';
import type { InstitutionSummary, ListPage, MouVersionDocument, PartnershipView } from './types';

const path = (id: string) => `/partnerships/${encodeURIComponent(id)}`;

export const partnershipsQuery = () =>
  queryOptions({
    queryKey: ['partnerships', 'list', { limit: 200 }],
    queryFn: ({ signal }) =>
      api.get<ListPage<PartnershipView>>('/partnerships', { limit: 200 }, signal),
  });

export const partnershipQuery = (id: string) =>
  queryOptions({
    queryKey: ['partnerships', id],
    queryFn: ({ signal }) => api.get<PartnershipView>(path(id), undefined, signal),
  });

export const partnershipHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ['partnerships', id, 'history'],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${path(id)}/history`, undefined, signal),
  });

export const mouVersionQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['partnerships', id, 'mou', version],
    queryFn: ({ signal }) =>
      api.get<MouVersionDocument>(`${path(id)}/mou/versions/${version}`, undefined, signal),
  });

export const mouPdf = (id: string, version: number, lang: string) =>
  `${path(id)}/mou/versions/${version}.pdf?lang=${lang}`;

/** The directory of institutions (names for ids), shared by the pages. */
export const institutionsQuery = () =>
  queryOptions({
    queryKey: ['institutions', 'list', { limit: 200 }],
    queryFn: ({ signal }) =>
      api.get<ListPage<InstitutionSummary>>('/institutions', { limit: 200 }, signal),
    staleTime: 5 * 60_000,
  });

/** One MoU signature as the history recorded it (`MouSigned`). */
export interface MouSignature {
  version: number;
  institutionId: string;
  signerName: unknown;
  signerRole: string;
  authMethod: string;
  signedAt: string;
}

/** Every version's signatures, from the partnership's history. */
export function mouSignatures(history: readonly HistoryEntry[]): MouSignature[] {
  return history
    .filter((e) => e.type === 'MouSigned')
    .map((e) => {
      const d = e.data;
      const signer = (typeof d.signer === 'object' && d.signer !== null ? d.signer : {}) as Record<
        string,
        unknown
      >;
      return {
        version: typeof d.version === 'number' ? d.version : 0,
        institutionId: typeof d.institutionId === 'string' ? d.institutionId : '',
        signerName: signer.name,
        signerRole: typeof signer.role === 'string' ? signer.role : '',
        authMethod: typeof d.authMethod === 'string' ? d.authMethod : '',
        signedAt: typeof d.signedAt === 'string' ? d.signedAt : e.recordedAt,
      };
    });
}
