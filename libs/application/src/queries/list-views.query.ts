import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';

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
  ) {
    super();
  }
}

@QueryHandler(ListViewsQuery)
export class ListViewsHandler implements IQueryHandler<ListViewsQuery, ListResult> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute(query: ListViewsQuery): Promise<ListResult> {
    const { rows } = await this.pool.query<{ doc: object; total: string }>(
      `SELECT doc, count(*) OVER () AS total FROM ecvet_read_models
        WHERE kind = $1 AND doc @> $2::jsonb
        ORDER BY updated_at DESC, id
        LIMIT $3 OFFSET $4`,
      [query.kind, JSON.stringify(query.filter), query.page.limit, query.page.offset],
    );
    return {
      items: rows.map((r) => r.doc),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: query.page.limit,
      offset: query.page.offset,
    };
  }
}
