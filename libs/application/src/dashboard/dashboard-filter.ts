import type { SignatoryRole } from '@ecvet/domain';
import type { Principal } from '@ecvet/identity';
import {
  learnerNameReadable,
  mobilityScope,
  type MobilityScopeColumns,
} from '../queries/list-views.query';
import { MOBILITY_PHASES } from './dashboard-row';

/** The filters of the dashboard's list (and of its export), as the query string names them. */
export interface DashboardFilter {
  phase?: string[];
  partnershipId?: string;
  hostInstitutionId?: string;
  hostCountry?: string;
  overdue?: boolean;
  waitingFor?: SignatoryRole;
  /** The planned start on or after this date (`YYYY-MM-DD`). */
  from?: string;
  /** The planned start on or before this date. */
  to?: string;
  /** Part of the learner's name (case-insensitive), among the names the caller may read. */
  q?: string;
  /** One mobility (its row, for the mobility's page). */
  mobilityId?: string;
}

export const DASHBOARD_SORTS = [
  'start',
  '-start',
  'learner',
  '-learner',
  'phase',
  '-phase',
  'updated',
  '-updated',
] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

/** The dashboard table's columns of a mobility's relations (lower-case mentor e-mails). */
export const DASHBOARD_SCOPE_COLUMNS: MobilityScopeColumns = {
  sending: 'm.sending_institution_id',
  host: 'm.host_institution_id',
  sendingMentor: 'm.sending_mentor_email',
  hostMentor: 'm.host_mentor_email',
};

const PHASE_ORDER = `'{${MOBILITY_PHASES.join(',')}}'::text[]`;

/**
 * Each sort's key: an expression over the table (`m`), the cast of its cursor value, and how the
 * cursor value is selected (text, exact). The expression indexes of 003_dashboard.sql match.
 */
const SORT_KEYS: Record<
  'start' | 'learner' | 'phase' | 'updated',
  { expr: string; cast: string; text: string }
> = {
  start: {
    expr: `coalesce(m.planned_start, '-infinity'::date)`,
    cast: 'date',
    text: `coalesce(m.planned_start, '-infinity'::date)::text`,
  },
  learner: {
    expr: `coalesce(m.learner_name, '')`,
    cast: 'text',
    text: `coalesce(m.learner_name, '')`,
  },
  phase: {
    expr: `array_position(${PHASE_ORDER}, m.phase)`,
    cast: 'integer',
    text: `array_position(${PHASE_ORDER}, m.phase)::text`,
  },
  updated: {
    expr: 'm.updated_at',
    cast: 'timestamptz',
    text: `to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  },
};

/** Parameters and conditions, numbered as they are added. */
export class SqlParts {
  readonly params: unknown[] = [];
  readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** A fragment whose own parameters start at `$1`, renumbered after the ones so far. */
  fragment(built: (from: number) => { sql: string; params: unknown[] }): string {
    const { sql, params } = built(this.params.length + 1);
    this.params.push(...params);
    return sql;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get whereSql(): string {
    return this.conditions.length
      ? `WHERE ${this.conditions.map((c) => `(${c})`).join(' AND ')}`
      : '';
  }
}

/**
 * The conditions of what `principal` may see, filtered: the scope of a mobility (`mobilityScope`,
 * the same rules as the read models' list and the policy's `read`), then each filter. The learner
 * name search only matches names the principal may read (an auditor's finds nothing).
 */
export function scopedFilter(principal: Principal | undefined, filter: DashboardFilter): SqlParts {
  const parts = new SqlParts();
  parts.where(parts.fragment((from) => mobilityScope(principal, DASHBOARD_SCOPE_COLUMNS, from)));
  if (filter.mobilityId) parts.where(`m.mobility_id = ${parts.param(filter.mobilityId)}`);
  if (filter.phase?.length) parts.where(`m.phase = ANY(${parts.param(filter.phase)}::text[])`);
  if (filter.partnershipId) parts.where(`m.partnership_id = ${parts.param(filter.partnershipId)}`);
  if (filter.hostInstitutionId)
    parts.where(`m.host_institution_id = ${parts.param(filter.hostInstitutionId)}`);
  if (filter.hostCountry) parts.where(`m.host_country = ${parts.param(filter.hostCountry)}`);
  if (filter.overdue !== undefined) parts.where(`m.overdue = ${parts.param(filter.overdue)}`);
  if (filter.waitingFor)
    parts.where(`m.waiting_for @> ARRAY[${parts.param(filter.waitingFor)}::text]`);
  if (filter.from) parts.where(`m.planned_start >= ${parts.param(filter.from)}::date`);
  if (filter.to) parts.where(`m.planned_start <= ${parts.param(filter.to)}::date`);
  if (filter.q) {
    const readable = parts.fragment((from) =>
      learnerNameReadable(principal, DASHBOARD_SCOPE_COLUMNS, from),
    );
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.where(`${readable} AND m.learner_name ILIKE ${parts.param(pattern)}`);
  }
  return parts;
}

/** The learner's name as the principal may read it: NULL where they may not. */
export function learnerNameColumn(principal: Principal | undefined, parts: SqlParts): string {
  const readable = parts.fragment((from) =>
    learnerNameReadable(principal, DASHBOARD_SCOPE_COLUMNS, from),
  );
  return readable === 'TRUE' ? 'm.learner_name' : `CASE WHEN ${readable} THEN m.learner_name END`;
}

export interface SortSpec {
  sort: DashboardSort;
  /** The key expression, the cursor's cast, the key as text (for the next cursor). */
  expr: string;
  cast: string;
  text: string;
  descending: boolean;
}

/**
 * A sort's key. Sorting by learner sorts by the names the principal may read: among the
 * mobilities they see, those are either all of them (staff, mentors, the operator) or none
 * (auditors, whose names read as null) — so an auditor's "learner" order is the ids' order and
 * reveals nothing of the names.
 */
export function sortSpec(sort: DashboardSort, principal: Principal | undefined): SortSpec {
  const descending = sort.startsWith('-');
  const name = (descending ? sort.slice(1) : sort) as keyof typeof SORT_KEYS;
  const key = SORT_KEYS[name];
  const hidden =
    name === 'learner' &&
    learnerNameReadable(principal, DASHBOARD_SCOPE_COLUMNS, 1).sql === 'FALSE';
  return hidden
    ? { sort, expr: `''::text`, cast: 'text', text: `''::text`, descending }
    : { sort, ...key, descending };
}

/** A keyset cursor: the sort it belongs to, the last row's key (text) and id. */
export interface DashboardCursor {
  sort: DashboardSort;
  key: string;
  id: string;
}

export const encodeCursor = (cursor: DashboardCursor): string =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id]), 'utf8').toString('base64url');

/** The cursor of an opaque string; undefined when it is not one of ours (or of another sort). */
export function decodeCursor(value: string, sort: DashboardSort): DashboardCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(value)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string' ||
    !validKey(sort, parsed[1])
  )
    return undefined;
  return { sort, key: parsed[1], id: parsed[2] };
}

function validKey(sort: DashboardSort, key: string): boolean {
  switch (sort.replace(/^-/, '')) {
    case 'start':
      return key === '-infinity' || /^\d{4}-\d{2}-\d{2}$/.test(key);
    case 'phase':
      return /^\d{1,2}$/.test(key);
    case 'updated':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(key);
    default:
      return key.length <= 1000;
  }
}
