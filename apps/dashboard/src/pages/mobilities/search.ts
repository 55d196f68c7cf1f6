import {
  PHASES,
  SIGNATORY_ROLES,
  isPhase,
  isSignatoryRole,
  type Phase,
  type SignatoryRole,
} from '../../api/types';
import type { QueryParams } from '../../api/client';
import { bool, day, many, one, stringifySearchParams, text } from '../../router-search';

export const SORTS = [
  'start',
  '-start',
  'learner',
  '-learner',
  'phase',
  '-phase',
  'updated',
  '-updated',
] as const;
export type Sort = (typeof SORTS)[number];
export type SortField = 'start' | 'learner' | 'phase' | 'updated';
const isSort = (value: unknown): value is Sort =>
  typeof value === 'string' && (SORTS as readonly string[]).includes(value);

/** The list's state, all of it in the URL: filters, sort and the page's cursor. */
export interface MobilitiesSearch {
  phase?: Phase[];
  partnershipId?: string;
  hostInstitutionId?: string;
  hostCountry?: string;
  overdue?: boolean;
  waitingFor?: SignatoryRole;
  from?: string;
  to?: string;
  q?: string;
  sort?: Sort;
  cursor?: string;
}

/** The filter keys (what a saved filter and the export carry: everything but the cursor). */
export const FILTER_KEYS = [
  'phase',
  'partnershipId',
  'hostInstitutionId',
  'hostCountry',
  'overdue',
  'waitingFor',
  'from',
  'to',
  'q',
] as const;

/** validateSearch of /app/mobilities: unknown or malformed values are dropped, never thrown. */
export function validateMobilitiesSearch(raw: Record<string, unknown>): MobilitiesSearch {
  const search: MobilitiesSearch = {};
  const phases = [...new Set(many(raw.phase).filter(isPhase))].sort(
    (a, b) => PHASES.indexOf(a) - PHASES.indexOf(b),
  );
  if (phases.length > 0) search.phase = phases;
  const partnershipId = text(raw.partnershipId);
  if (partnershipId) search.partnershipId = partnershipId;
  const hostInstitutionId = text(raw.hostInstitutionId);
  if (hostInstitutionId) search.hostInstitutionId = hostInstitutionId;
  const hostCountry = text(raw.hostCountry)?.toUpperCase();
  if (hostCountry && /^[A-Z]{2}$/.test(hostCountry)) search.hostCountry = hostCountry;
  const overdue = bool(raw.overdue);
  if (overdue !== undefined) search.overdue = overdue;
  const waitingFor = one(raw.waitingFor);
  if (isSignatoryRole(waitingFor)) search.waitingFor = waitingFor;
  const from = day(raw.from);
  if (from) search.from = from;
  const to = day(raw.to);
  if (to) search.to = to;
  const q = text(raw.q);
  if (q) search.q = q;
  const sort = one(raw.sort);
  if (isSort(sort)) search.sort = sort;
  const cursor = text(raw.cursor, 2000);
  if (cursor) search.cursor = cursor;
  return search;
}

/** The filters alone (no sort, no cursor). */
export function filtersOf(search: MobilitiesSearch): MobilitiesSearch {
  const filters: MobilitiesSearch = {};
  for (const key of FILTER_KEYS)
    if (search[key] !== undefined) Object.assign(filters, { [key]: search[key] });
  return filters;
}

export const hasFilters = (search: MobilitiesSearch): boolean =>
  FILTER_KEYS.some((key) => search[key] !== undefined);

export const PAGE_SIZE = 50;

/** GET /dashboard/mobilities's parameters: the same names as the URL. */
export function listParams(search: MobilitiesSearch): QueryParams {
  return { ...search, limit: PAGE_SIZE };
}

/** The query string a saved filter keeps (no '?', no cursor). */
export function savedSearchOf(search: MobilitiesSearch): string {
  const { cursor: _cursor, ...rest } = search;
  return stringifySearchParams({ ...rest }).replace(/^\?/, '');
}

/** The export link: the same filters and sort, no paging. */
export function exportHref(search: MobilitiesSearch, format: 'csv' | 'xlsx'): string {
  const { cursor: _cursor, ...rest } = search;
  return `/dashboard/mobilities/export${stringifySearchParams({ ...rest, format })}`;
}

export function sortOf(search: MobilitiesSearch): { field: SortField; desc: boolean } | undefined {
  if (!search.sort) return undefined;
  const desc = search.sort.startsWith('-');
  return { field: (desc ? search.sort.slice(1) : search.sort) as SortField, desc };
}

/** Clicking a column: ascending, then descending, then the API's default order. */
export function nextSort(current: Sort | undefined, field: SortField): Sort | undefined {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return undefined;
  return field;
}

export { SIGNATORY_ROLES, PHASES };
