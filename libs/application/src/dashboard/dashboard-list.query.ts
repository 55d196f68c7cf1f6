import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { SignatoryRole } from '@ecvet/domain';
import type { Principal } from '@ecvet/identity';
import {
  decodeCursor,
  encodeCursor,
  learnerNameColumn,
  scopedFilter,
  sortSpec,
  type DashboardCursor,
  type DashboardFilter,
  type DashboardSort,
} from './dashboard-filter';
import type { DeadlineKind } from './dashboard-row';

/** One mobility of the dashboard's list (docs/dashboard-api.md). */
export interface MobilityRow {
  mobilityId: string;
  version: number;
  /** Null where the caller may not read it (an auditor), or it was erased. */
  learnerName: string | null;
  phase: string;
  partnershipId: string;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  hostCountry: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  overdue: boolean;
  waitingFor: SignatoryRole[];
  nextDeadline: { kind: DeadlineKind; due: string } | null;
  updatedAt: string;
}

export interface MobilityPage {
  items: MobilityRow[];
  total: number;
  nextCursor: string | null;
}

/** A cursor that is not one of ours, or of another sort: a 400 naming `cursor`. */
export class InvalidDashboardCursor extends Error {
  constructor() {
    super('cursor: not a cursor of this list and sort (start again without one)');
  }
}

/**
 * A page of the dashboard's mobilities the principal may see, filtered and sorted, with keyset
 * paging (`cursor`: opaque, the last row's sort key and id) and the total of the filtered set.
 */
export class DashboardListQuery extends Query<MobilityPage> {
  constructor(
    readonly principal: Principal | undefined,
    readonly filter: DashboardFilter,
    readonly sort: DashboardSort = 'start',
    readonly limit = 50,
    readonly cursor?: string,
  ) {
    super();
  }
}

interface SelectedRow extends Omit<MobilityRow, 'nextDeadline'> {
  nextDeadlineKind: DeadlineKind | null;
  nextDeadlineDue: string | null;
  sortKey: string;
}

const ROW_SELECT = (name: string, key: string) => `
  m.mobility_id AS "mobilityId", m.version, ${name} AS "learnerName", m.phase,
  m.partnership_id AS "partnershipId", m.sending_institution_id AS "sendingInstitutionId",
  m.host_institution_id AS "hostInstitutionId", m.host_country AS "hostCountry",
  m.planned_start::text AS "plannedStart", m.planned_end::text AS "plannedEnd", m.overdue,
  m.waiting_for AS "waitingFor", m.next_deadline_kind AS "nextDeadlineKind",
  m.next_deadline_due::text AS "nextDeadlineDue",
  to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
  ${key} AS "sortKey"`;

const toMobilityRow = ({ nextDeadlineKind, nextDeadlineDue, sortKey, ...row }: SelectedRow) => {
  void sortKey;
  return {
    ...row,
    nextDeadline:
      nextDeadlineKind && nextDeadlineDue ? { kind: nextDeadlineKind, due: nextDeadlineDue } : null,
  };
};

/** Reads pages of the dashboard's table; shared by the list and the export. */
export async function readMobilityPage(
  pool: Pool,
  principal: Principal | undefined,
  filter: DashboardFilter,
  sort: DashboardSort,
  limit: number,
  after: DashboardCursor | undefined,
  withTotal: boolean,
): Promise<MobilityPage> {
  const parts = scopedFilter(principal, filter);
  const countSql = `SELECT count(*)::int AS total FROM ecvet_dashboard_mobilities m ${parts.whereSql}`;
  const countParams = [...parts.params];
  const spec = sortSpec(sort, principal);
  const name = learnerNameColumn(principal, parts);
  if (after) {
    const op = spec.descending ? '<' : '>';
    parts.where(
      `(${spec.expr}, m.mobility_id) ${op} (${parts.param(after.key)}::${spec.cast}, ${parts.param(after.id)})`,
    );
  }
  const direction = spec.descending ? 'DESC' : 'ASC';
  const pageSql = `SELECT ${ROW_SELECT(name, spec.text)}
      FROM ecvet_dashboard_mobilities m ${parts.whereSql}
     ORDER BY ${spec.expr} ${direction}, m.mobility_id ${direction}
     LIMIT ${parts.param(limit + 1)}`;
  const [page, count] = await Promise.all([
    pool.query<SelectedRow>(pageSql, parts.params),
    withTotal
      ? pool.query<{ total: number }>(countSql, countParams)
      : Promise.resolve({ rows: [{ total: -1 }] }),
  ]);
  const rows = page.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toMobilityRow),
    total: count.rows[0].total,
    nextCursor:
      page.rows.length > limit && last
        ? encodeCursor({ sort, key: last.sortKey, id: last.mobilityId })
        : null,
  };
}

/** Every row of the filtered list, page by page (the export). */
export async function* allMobilityRows(
  pool: Pool,
  principal: Principal | undefined,
  filter: DashboardFilter,
  sort: DashboardSort,
): AsyncGenerator<MobilityRow> {
  let cursor: DashboardCursor | undefined;
  for (;;) {
    const page = await readMobilityPage(pool, principal, filter, sort, 1_000, cursor, false);
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = decodeCursor(page.nextCursor, sort);
  }
}

@QueryHandler(DashboardListQuery)
export class DashboardListHandler implements IQueryHandler<DashboardListQuery, MobilityPage> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute(query: DashboardListQuery): Promise<MobilityPage> {
    let after: DashboardCursor | undefined;
    if (query.cursor !== undefined) {
      after = decodeCursor(query.cursor, query.sort);
      if (!after) throw new InvalidDashboardCursor();
    }
    return readMobilityPage(
      this.pool,
      query.principal,
      query.filter,
      query.sort,
      query.limit,
      after,
      true,
    );
  }
}
