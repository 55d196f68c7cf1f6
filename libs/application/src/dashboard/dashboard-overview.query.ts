import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { SignatoryRole } from '@ecvet/domain';
import type { Principal } from '@ecvet/identity';
import { listScope } from '../queries/list-views.query';
import { learnerNameColumn, scopedFilter } from './dashboard-filter';
import { MOBILITY_PHASES, SIGNATORY_ROLES, type DeadlineKind } from './dashboard-row';

export interface DeadlineItem {
  mobilityId: string;
  learnerName: string | null;
  kind: DeadlineKind;
  due: string;
}

export interface DashboardOverview {
  total: number;
  phases: Record<string, number>;
  overdue: number;
  awaitingSignatures: Record<SignatoryRole, number>;
  deadlines: { total: number; items: DeadlineItem[] };
  perMonth: Array<{ month: string; count: number }>;
  /** The partnerships with the most mobilities (at most `PARTNERSHIP_ITEMS`)… */
  perPartnership: Array<{ partnershipId: string; title: string | null; count: number }>;
  /** …and the rest: how many partnerships were left out, and their mobilities. */
  otherPartnerships: { partnerships: number; count: number };
}

/** How far ahead the overview's deadlines look, and how many it lists. */
export const DEADLINE_DAYS = 14;
export const DEADLINE_ITEMS = 20;
/** How many partnerships the overview names (an operator may see thousands). */
export const PARTNERSHIP_ITEMS = 20;

/**
 * The dashboard's overview of what the principal may see: counts by phase, overdue, waiting for
 * each signatory, the deadlines of the next 14 days (those already passed but not yet overdue
 * too), per month of the planned start and per partnership. Every count is that of the list with
 * the matching filter (`phase`, `overdue=true`, `waitingFor`, `from`/`to` of the month,
 * `partnershipId`). `today` (`YYYY-MM-DD`, UTC by default) anchors the deadlines.
 */
export class DashboardOverviewQuery extends Query<DashboardOverview> {
  constructor(
    readonly principal: Principal | undefined,
    readonly today: string = new Date().toISOString().slice(0, 10),
  ) {
    super();
  }
}

interface GroupRow {
  g: number;
  phase: string | null;
  month: string | null;
  partnership_id: string | null;
  count: number;
  overdue: number;
  waiting: number[];
}

/**
 * The principals whose overview the kept counts answer, as a condition on them: the operator (and
 * an auditor of everything) every mobility once (the counts in all, `*`); an institution's
 * administrators, coordinators and heads both sides of their institution — the same mobilities
 * as `mobilityScope` gives them (sending school or host theirs; one where it is both counts once,
 * at the sending side). Undefined for the others: their overview scans their mobilities.
 */
export function countedScope(
  principal: Principal | undefined,
): { sql: string; params: unknown[] } | undefined {
  const all = { sql: `institution_id = '*'`, params: [] };
  if (!principal || principal.role === 'operator') return all;
  if (principal.role === 'auditor') return principal.auditScope === 'all' ? all : undefined;
  if (
    (principal.role === 'administrator' ||
      principal.role === 'coordinator' ||
      principal.role === 'head') &&
    principal.institutionId !== undefined
  )
    return { sql: `institution_id = $1 AND side <> 'all'`, params: [principal.institutionId] };
  return undefined;
}

@QueryHandler(DashboardOverviewQuery)
export class DashboardOverviewHandler implements IQueryHandler<
  DashboardOverviewQuery,
  DashboardOverview
> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute(query: DashboardOverviewQuery): Promise<DashboardOverview> {
    const [groups, deadlines] = await Promise.all([
      this.groups(query.principal),
      this.deadlines(query.principal, query.today),
    ]);
    const phases = Object.fromEntries(MOBILITY_PHASES.map((p) => [p, 0])) as Record<string, number>;
    const perMonth: DashboardOverview['perMonth'] = [];
    const perPartnership: Array<{ partnershipId: string; count: number }> = [];
    let all: GroupRow | undefined;
    // GROUPING(phase, month, partnership): 1 bits are the columns aggregated away.
    for (const row of groups) {
      if (row.g === 0b011 && row.phase !== null) phases[row.phase] = row.count;
      else if (row.g === 0b101 && row.month !== null)
        perMonth.push({ month: row.month, count: row.count });
      else if (row.g === 0b110 && row.partnership_id !== null)
        perPartnership.push({ partnershipId: row.partnership_id, count: row.count });
      else if (row.g === 0b111) all = row;
    }
    perMonth.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    perPartnership.sort(
      (a, b) =>
        b.count - a.count ||
        (a.partnershipId < b.partnershipId ? -1 : a.partnershipId > b.partnershipId ? 1 : 0),
    );
    const shown = perPartnership.slice(0, PARTNERSHIP_ITEMS);
    const rest = perPartnership.slice(PARTNERSHIP_ITEMS);
    const titles = await this.titles(
      query.principal,
      shown.map((p) => p.partnershipId),
    );
    return {
      total: all?.count ?? 0,
      phases,
      overdue: all?.overdue ?? 0,
      awaitingSignatures: Object.fromEntries(
        SIGNATORY_ROLES.map((role, i) => [role, all?.waiting[i] ?? 0]),
      ) as Record<SignatoryRole, number>,
      deadlines,
      perMonth,
      perPartnership: shown.map((p) => ({
        ...p,
        title: titles.get(p.partnershipId) ?? null,
      })),
      otherPartnerships: {
        partnerships: rest.length,
        count: rest.reduce((n, p) => n + p.count, 0),
      },
    };
  }

  /**
   * The counts per phase, per month, per partnership and in all: from the kept counts when the
   * principal's scope is one institution or everything, else with one scan of their mobilities.
   */
  private async groups(principal: Principal | undefined): Promise<GroupRow[]> {
    const counted = countedScope(principal);
    return counted ? this.countedGroups(counted) : this.scannedGroups(principal);
  }

  /** Sums of `ecvet_dashboard_*_counts` over the institution's both sides, or the counts in all. */
  private async countedGroups(scope: { sql: string; params: unknown[] }): Promise<GroupRow[]> {
    const [phases, months, partnerships] = await Promise.all([
      this.pool.query<{ phase: string; count: number; overdue: number; waiting: number[] }>(
        `SELECT phase, sum(n)::int AS count, sum(overdue)::int AS overdue,
                ARRAY[sum(waiting[1]), sum(waiting[2]), sum(waiting[3]), sum(waiting[4])]::int[]
                  AS waiting
           FROM ecvet_dashboard_phase_counts WHERE ${scope.sql} GROUP BY phase`,
        scope.params,
      ),
      this.pool.query<{ month: string; count: number }>(
        `SELECT month, sum(n)::int AS count FROM ecvet_dashboard_month_counts
          WHERE ${scope.sql} GROUP BY month HAVING sum(n) > 0`,
        scope.params,
      ),
      this.pool.query<{ partnership_id: string; count: number }>(
        `SELECT partnership_id, sum(n)::int AS count FROM ecvet_dashboard_partnership_counts
          WHERE ${scope.sql} GROUP BY partnership_id HAVING sum(n) > 0`,
        scope.params,
      ),
    ]);
    const none = { phase: null, month: null, partnership_id: null, overdue: 0, waiting: [] };
    const all: GroupRow = { ...none, g: 0b111, count: 0, overdue: 0, waiting: [0, 0, 0, 0] };
    for (const p of phases.rows) {
      all.count += p.count;
      all.overdue += p.overdue;
      all.waiting = all.waiting.map((w, i) => w + (p.waiting[i] ?? 0));
    }
    return [
      ...phases.rows
        .filter((p) => p.count > 0)
        .map((p) => ({ ...none, g: 0b011, phase: p.phase, count: p.count })),
      ...months.rows.map((m) => ({ ...none, g: 0b101, month: m.month, count: m.count })),
      ...partnerships.rows.map((p) => ({
        ...none,
        g: 0b110,
        partnership_id: p.partnership_id,
        count: p.count,
      })),
      all,
    ];
  }

  /** One scan of the principal's mobilities (mentors, auditors of some institutions). */
  private async scannedGroups(principal: Principal | undefined): Promise<GroupRow[]> {
    const parts = scopedFilter(principal, {});
    const waiting = SIGNATORY_ROLES.map(
      (role) => `count(*) FILTER (WHERE m.waiting_for @> ARRAY['${role}']::text[])::int`,
    );
    const month = `to_char(m.planned_start, 'YYYY-MM')`;
    const { rows } = await this.pool.query<GroupRow>(
      `SELECT GROUPING(m.phase, ${month}, m.partnership_id) AS g,
              m.phase, ${month} AS month, m.partnership_id, count(*)::int AS count,
              count(*) FILTER (WHERE m.overdue)::int AS overdue,
              ARRAY[${waiting.join(', ')}] AS waiting
         FROM ecvet_dashboard_mobilities m ${parts.whereSql}
        GROUP BY GROUPING SETS ((m.phase), (${month}), (m.partnership_id), ())`,
      parts.params,
    );
    return rows;
  }

  private async deadlines(
    principal: Principal | undefined,
    today: string,
  ): Promise<DashboardOverview['deadlines']> {
    const parts = scopedFilter(principal, {});
    const name = learnerNameColumn(principal, parts);
    parts
      .where(
        `m.next_deadline_due <= ${parts.param(today)}::date + ${parts.param(DEADLINE_DAYS)}::int`,
      )
      .where('NOT m.overdue');
    const { rows } = await this.pool.query<DeadlineItem & { total: number }>(
      `SELECT m.mobility_id AS "mobilityId", ${name} AS "learnerName",
              m.next_deadline_kind AS kind, m.next_deadline_due::text AS due,
              count(*) OVER ()::int AS total
         FROM ecvet_dashboard_mobilities m ${parts.whereSql}
        ORDER BY m.next_deadline_due, m.mobility_id
        LIMIT ${parts.param(DEADLINE_ITEMS)}`,
      parts.params,
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map(({ total, ...item }) => {
        void total;
        return item;
      }),
    };
  }

  /** The titles of the partnerships the principal may read (null for the others). */
  private async titles(
    principal: Principal | undefined,
    ids: string[],
  ): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const scope = listScope('partnerships', principal, 2);
    const { rows } = await this.pool.query<{ id: string; title: string | null }>(
      `SELECT id, doc->>'title' AS title FROM ecvet_read_models
        WHERE kind = 'partnerships' AND id = ANY($1) AND (${scope.sql})`,
      [ids, ...scope.params],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
