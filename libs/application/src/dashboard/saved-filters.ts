import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';

export interface SavedFilter {
  id: string;
  name: string;
  view: 'mobilities';
  /** The list's query string, without `?`. */
  search: string;
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SELECT = `id, name, view, search,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/**
 * Each account's named filters of the dashboard (`ecvet_dashboard_saved_filters`): not domain
 * events — a preference of one person, like a bookmark — so a plain table, only ever read and
 * changed by its own account.
 */
@Injectable()
export class SavedFilters {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async list(accountId: string): Promise<SavedFilter[]> {
    const { rows } = await this.pool.query<SavedFilter>(
      `SELECT ${SELECT} FROM ecvet_dashboard_saved_filters
        WHERE account_id = $1 ORDER BY name, id`,
      [accountId],
    );
    return rows;
  }

  /** The new filter, or `name-taken` when the account has one of that name. */
  async create(
    accountId: string,
    filter: Pick<SavedFilter, 'name' | 'view' | 'search'>,
  ): Promise<SavedFilter | 'name-taken'> {
    const { rows } = await this.pool.query<SavedFilter>(
      `INSERT INTO ecvet_dashboard_saved_filters (id, account_id, name, view, search)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, name) DO NOTHING
       RETURNING ${SELECT}`,
      [randomUUID(), accountId, filter.name, filter.view, filter.search],
    );
    return rows[0] ?? 'name-taken';
  }

  /** False when the account has no such filter (another's is as good as none). */
  async delete(accountId: string, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const { rowCount } = await this.pool.query(
      'DELETE FROM ecvet_dashboard_saved_filters WHERE id = $1 AND account_id = $2',
      [id, accountId],
    );
    return (rowCount ?? 0) > 0;
  }
}
