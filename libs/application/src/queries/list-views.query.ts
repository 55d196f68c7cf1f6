import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { Principal } from '@ecvet/identity';
import type { Relations } from '../access/relations';
import { personalAccess, redactFields, redactMobilityView } from './personal-fields';

export interface ListResult {
  items: object[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * A page of read-model documents of one kind, filtered by top-level fields (`phase`,
 * `partnershipId`, …) with JSON containment, newest first. Eventually consistent.
 */
export class ListViewsQuery extends Query<ListResult> {
  constructor(
    readonly kind: string,
    readonly filter: Record<string, string | number | boolean> = {},
    readonly page: { limit: number; offset: number } = { limit: 50, offset: 0 },
    /** Who asks: only what they may read is listed (and counted). */
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(ListViewsQuery)
export class ListViewsHandler implements IQueryHandler<ListViewsQuery, ListResult> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute(query: ListViewsQuery): Promise<ListResult> {
    const scope = listScope(query.kind, query.principal, 5);
    const { rows } = await this.pool.query<{ doc: object; total: string }>(
      `SELECT doc, count(*) OVER () AS total FROM ecvet_read_models
        WHERE kind = $1 AND doc @> $2::jsonb AND (${scope.sql})
        ORDER BY updated_at DESC, id
        LIMIT $3 OFFSET $4`,
      [
        query.kind,
        JSON.stringify(query.filter),
        query.page.limit,
        query.page.offset,
        ...scope.params,
      ],
    );
    return {
      items: rows.map((r) => redactListed(query.kind, r.doc, query.principal)),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: query.page.limit,
      offset: query.page.offset,
    };
  }
}

/**
 * The part of a list a principal may read, as SQL over the read model's document (`$from` is the
 * first free parameter): the same relations as the policy's `read` rules — an institution's staff
 * see the objects it is part of, a mentor the mobilities they are assigned to, an auditor their
 * scope, an operator everything; the shared directories (institutions, qualifications) are open.
 */
export function listScope(
  kind: string,
  principal: Principal | undefined,
  from: number,
): { sql: string; params: unknown[] } {
  const open = { sql: 'TRUE', params: [] };
  if (!principal || principal.role === 'operator') return open;
  if (kind === 'institutions' || kind === 'qualifications') return open;
  if (principal.role === 'auditor' && principal.auditScope === 'all') return open;
  const institutions = scopeInstitutions(principal);
  const $i = `$${from}`;
  switch (kind) {
    case 'mobilities':
      return mobilityScope(principal, MOBILITY_DOCUMENT_COLUMNS, from);
    case 'partnerships':
      return {
        sql: `EXISTS (SELECT 1 FROM jsonb_array_elements(doc->'parties') AS party
                       WHERE party->>'institutionId' = ANY(${$i}))`,
        params: [institutions],
      };
    case 'accounts':
      // An institution's administrator lists its accounts; auditors their scope's.
      if (principal.role !== 'administrator' && principal.role !== 'auditor')
        return { sql: `doc->>'email' = $${from}`, params: [principal.email] };
      return { sql: `doc->>'institutionId' = ANY(${$i})`, params: [institutions] };
    case 'calls':
      if (principal.role === 'mentor') return { sql: 'FALSE', params: [] };
      return {
        sql: `doc->>'sendingInstitutionId' = ANY(${$i}) OR doc->>'hostInstitutionId' = ANY(${$i})`,
        params: [institutions],
      };
    default:
      return { sql: 'FALSE', params: [] };
  }
}

/** The institutions a principal's scope covers: an auditor's listed scope, else their own. */
export function scopeInstitutions(principal: Principal): string[] {
  if (principal.role === 'auditor')
    return Array.isArray(principal.auditScope) ? principal.auditScope : [];
  return principal.institutionId !== undefined ? [principal.institutionId] : [];
}

/**
 * SQL expressions of a mobility's relations (its sending school, its host, the e-mail of each
 * side's mentor in lower case): over the read model's document, or the dashboard's columns.
 */
export interface MobilityScopeColumns {
  sending: string;
  host: string;
  sendingMentor: string;
  hostMentor: string;
}

export const MOBILITY_DOCUMENT_COLUMNS: MobilityScopeColumns = {
  sending: `doc->'sendingInstitution'->>'institutionId'`,
  host: `doc->'host'->>'institutionId'`,
  sendingMentor: `lower(doc->'mentors'->'sending'->>'email')`,
  hostMentor: `lower(doc->'mentors'->'host'->>'email')`,
};

/**
 * The mobilities a principal may read, as SQL over `columns` (`$from` is the first free
 * parameter): the policy's `read` of a mobility (`sees`) — the sending school's and the host's
 * staff, the mentor assigned on the principal's side, an auditor their scope, an operator all.
 * The one place these rules are written as SQL: the read models' list and the dashboard use it.
 */
export function mobilityScope(
  principal: Principal | undefined,
  columns: MobilityScopeColumns,
  from: number,
): { sql: string; params: unknown[] } {
  if (!principal || principal.role === 'operator') return { sql: 'TRUE', params: [] };
  if (principal.role === 'auditor' && principal.auditScope === 'all')
    return { sql: 'TRUE', params: [] };
  const institutions = scopeInstitutions(principal);
  const { sending, host, sendingMentor, hostMentor } = columns;
  const $i = `$${from}`;
  if (principal.role === 'mentor') {
    const $e = `$${from + 1}`;
    return {
      sql: `((${sending} = ANY(${$i}) AND ${sendingMentor} = ${$e})
             OR (${host} = ANY(${$i}) AND ${hostMentor} = ${$e}))`,
      params: [institutions, principal.email.toLowerCase()],
    };
  }
  return { sql: `(${sending} = ANY(${$i}) OR ${host} = ANY(${$i}))`, params: [institutions] };
}

/**
 * Where, among the mobilities a principal may read, they may read the learner's name, as SQL:
 * `personalAccess` is `full` or `host` (the operator; the sending school's and the host's
 * administrators, coordinators and heads; the assigned mentors) — not auditors, whose copy has
 * the name redacted. `$from` is the first free parameter.
 */
export function learnerNameReadable(
  principal: Principal | undefined,
  columns: MobilityScopeColumns,
  from: number,
): { sql: string; params: unknown[] } {
  if (!principal || principal.role === 'operator') return { sql: 'TRUE', params: [] };
  if (principal.role === 'mentor') return mobilityScope(principal, columns, from);
  if (
    (principal.role === 'administrator' ||
      principal.role === 'coordinator' ||
      principal.role === 'head') &&
    principal.institutionId !== undefined
  )
    return {
      sql: `(${columns.sending} = $${from} OR ${columns.host} = $${from})`,
      params: [principal.institutionId],
    };
  return { sql: 'FALSE', params: [] };
}

/** A listed document with the personal fields the principal may not read redacted. */
function redactListed(kind: string, doc: object, principal: Principal | undefined): object {
  if (!principal) return doc;
  const d = doc as Record<string, unknown> & {
    sendingInstitution?: { institutionId: string };
    host?: { institutionId: string };
    mentors?: { sending?: { email?: string }; host?: { email?: string } };
    sendingInstitutionId?: string;
    hostInstitutionId?: string;
    institutionId?: string;
  };
  switch (kind) {
    case 'mobilities': {
      const owner = d.sendingInstitution?.institutionId;
      const host = d.host?.institutionId;
      const relations: Relations = {
        institutions: [owner, host].filter((i): i is string => i !== undefined),
        ...(owner && { owner }),
        ...(host && { host }),
        mentors: { sending: d.mentors?.sending?.email, host: d.mentors?.host?.email },
      };
      return redactMobilityView(doc, personalAccess(principal, relations));
    }
    case 'calls': {
      const relations: Relations = {
        institutions: [d.sendingInstitutionId, d.hostInstitutionId].filter(
          (i): i is string => i !== undefined,
        ),
        ...(d.sendingInstitutionId && { owner: d.sendingInstitutionId }),
        ...(d.hostInstitutionId && { host: d.hostInstitutionId }),
      };
      const access = personalAccess(principal, relations);
      const apps = (d.applications as Array<Record<string, unknown>> | undefined) ?? [];
      return {
        ...doc,
        applications: apps.map((a) =>
          redactFields(
            a,
            ['learner.name', 'learner.dateOfBirth', 'learner.email', 'learner.phone'],
            access,
          ),
        ),
      };
    }
    case 'institutions': {
      const own =
        d.institutionId !== undefined &&
        personalAccess(principal, { institutions: [d.institutionId], owner: d.institutionId }) ===
          'full';
      return own ? doc : { ...doc, contacts: [] };
    }
    default:
      return doc;
  }
}
