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
  const institutions =
    principal.role === 'auditor'
      ? Array.isArray(principal.auditScope)
        ? principal.auditScope
        : []
      : principal.institutionId !== undefined
        ? [principal.institutionId]
        : [];
  const $i = `$${from}`;
  switch (kind) {
    case 'mobilities': {
      const sending = `doc->'sendingInstitution'->>'institutionId'`;
      const host = `doc->'host'->>'institutionId'`;
      if (principal.role === 'mentor') {
        const $e = `$${from + 1}`;
        return {
          sql: `(${sending} = ANY(${$i}) AND lower(doc->'mentors'->'sending'->>'email') = ${$e})
             OR (${host} = ANY(${$i}) AND lower(doc->'mentors'->'host'->>'email') = ${$e})`,
          params: [institutions, principal.email.toLowerCase()],
        };
      }
      return { sql: `${sending} = ANY(${$i}) OR ${host} = ANY(${$i})`, params: [institutions] };
    }
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
