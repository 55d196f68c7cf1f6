import { NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import {
  toMail,
  toSummary,
  type OutboxMail,
  type OutboxMailSummary,
  type OutboxRow,
  type OutboxStatus,
} from './outbox-row';

export interface OutboxPage {
  items: OutboxMailSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of the outbox, newest first, optionally of one mobility or partnership and/or one status. */
export class ListOutboxMailsQuery extends Query<OutboxPage> {
  constructor(
    readonly filter: { mobilityId?: string; partnershipId?: string; status?: OutboxStatus } = {},
    readonly page: { limit: number; offset: number } = { limit: 50, offset: 0 },
    /** Only mail about mobilities and partnerships of these institutions (undefined: all). */
    readonly institutions?: string[],
  ) {
    super();
  }
}

/**
 * One mail with its text and HTML (its signing link replaced: the outbox never shows one); 404
 * when there is none with that id.
 */
export class GetOutboxMailQuery extends Query<OutboxMail> {
  constructor(
    readonly id: string,
    /** As for the list: 404 for mail about others' mobilities and partnerships. */
    readonly institutions?: string[],
  ) {
    super();
  }
}

// Never the link (a row composed before migration 003 may still hold one while pending).
const SUMMARY_COLUMNS = `id, event_id, event_type, mobility_id, partnership_id, kind, recipient, recipient_name,
  recipient_role, language, subject, '' AS text, '' AS html, NULL AS signing_link,
  signing_link_hash, NULL::jsonb AS signing_link_claims, created_at, status, attempts,
  next_attempt_at, last_error, sent_at, message_id`;
const MAIL_COLUMNS = SUMMARY_COLUMNS.replace(`'' AS text, '' AS html`, 'text, html');

/** Mail about a mobility or a partnership that one of the institutions `$n` is part of. */
const ABOUT_INSTITUTIONS = (n: number) => `($${n}::text[] IS NULL
  OR mobility_id IN (SELECT id FROM ecvet_read_models WHERE kind = 'mobilities'
       AND (doc->'sendingInstitution'->>'institutionId' = ANY($${n})
            OR doc->'host'->>'institutionId' = ANY($${n})))
  OR partnership_id IN (SELECT id FROM ecvet_read_models WHERE kind = 'partnerships'
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(doc->'parties') AS party
                    WHERE party->>'institutionId' = ANY($${n}))))`;

@QueryHandler(ListOutboxMailsQuery)
export class ListOutboxMailsHandler implements IQueryHandler<ListOutboxMailsQuery, OutboxPage> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute({ filter, page, institutions }: ListOutboxMailsQuery): Promise<OutboxPage> {
    const { rows } = await this.pool.query<OutboxRow & { total: string }>(
      `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS total FROM ecvet_mail_outbox
        WHERE ($1::text IS NULL OR mobility_id = $1) AND ($2::text IS NULL OR status = $2)
          AND ($5::text IS NULL OR partnership_id = $5) AND ${ABOUT_INSTITUTIONS(6)}
        ORDER BY created_at DESC, id DESC
        LIMIT $3 OFFSET $4`,
      [
        filter.mobilityId ?? null,
        filter.status ?? null,
        page.limit,
        page.offset,
        filter.partnershipId ?? null,
        institutions ?? null,
      ],
    );
    return {
      items: rows.map(toSummary),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: page.limit,
      offset: page.offset,
    };
  }
}

@QueryHandler(GetOutboxMailQuery)
export class GetOutboxMailHandler implements IQueryHandler<GetOutboxMailQuery, OutboxMail> {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async execute({ id, institutions }: GetOutboxMailQuery): Promise<OutboxMail> {
    const { rows } = await this.pool.query<OutboxRow>(
      `SELECT ${MAIL_COLUMNS} FROM ecvet_mail_outbox WHERE id = $1 AND ${ABOUT_INSTITUTIONS(2)}`,
      [id, institutions ?? null],
    );
    if (!rows[0]) throw new NotFoundException(`no mail ${id} in the outbox`);
    return toMail(rows[0]);
  }
}
