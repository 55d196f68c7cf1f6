import type { Pool, PoolClient } from 'pg';
import type { EventStore } from '@ecvet/event-store';
import { categoryOf } from '../streams';
import {
  DASHBOARD_COLUMNS,
  dashboardRow,
  dashboardRowParams,
  systemReminderPolicy,
  type MobilityDocument,
} from '../dashboard/dashboard-row';
import { foldView, VIEW_DEFINITIONS } from './view-definitions';

/** The pool, or a client inside the caller's transaction (the projection's, with its checkpoint). */
export type ReadModelDb = Pick<Pool | PoolClient, 'query'>;

/** The channel of `pg_notify` when a read-model document is written: `{"kind","id","version"}`. */
export const READ_MODEL_CHANNEL = 'ecvet_read_models';

const CASTS: Record<(typeof DASHBOARD_COLUMNS)[number], string> = {
  mobility_id: 'text',
  version: 'integer',
  phase: 'text',
  partnership_id: 'text',
  sending_institution_id: 'text',
  host_institution_id: 'text',
  host_country: 'text',
  planned_start: 'date',
  planned_end: 'date',
  actual_end: 'date',
  overdue: 'boolean',
  waiting_for: 'text[]',
  learner_name: 'text',
  sending_mentor_email: 'text',
  host_mentor_email: 'text',
  signature_due: 'date',
  assessment_due: 'date',
  recognition_due: 'date',
  next_deadline_kind: 'text',
  next_deadline_due: 'date',
  updated_at: 'timestamptz',
};
const FIRST_DASHBOARD_PARAM = 5;
const DASHBOARD_UPSERT = `,
  dashboard AS (
    INSERT INTO ecvet_dashboard_mobilities (${DASHBOARD_COLUMNS.join(', ')})
    SELECT ${DASHBOARD_COLUMNS.map((c, i) => `$${FIRST_DASHBOARD_PARAM + i}::${CASTS[c]}`).join(', ')}
      FROM written
    ON CONFLICT (mobility_id) DO UPDATE
      SET ${DASHBOARD_COLUMNS.slice(1)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}
  )`;

/**
 * Writes one stream's document into `ecvet_read_models` at the stream's version. An older version
 * never replaces a newer one; the same version is replaced only when asked (`sameVersion`: a
 * recompute of the document from the events as they read now — after an erasure).
 *
 * One statement, so atomic whether `db` is the pool or a transaction's client: with a mobility's
 * document, its dashboard row (`dashboardRow`; `recordedAt` is when the stream's last event was
 * recorded) is written too, only when the document is; and a written document is announced with
 * `pg_notify('ecvet_read_models', '{"kind","id","version"}')`, delivered when the transaction
 * commits (the server-sent events of the dashboard).
 */
export async function writeReadModelDocument(
  db: ReadModelDb,
  kind: string,
  id: string,
  version: number,
  doc: object,
  options: { sameVersion?: boolean; recordedAt?: Date } = {},
): Promise<void> {
  const newer = options.sameVersion
    ? 'ecvet_read_models.version <= EXCLUDED.version'
    : 'ecvet_read_models.version < EXCLUDED.version';
  const dashboard =
    kind === 'mobilities'
      ? dashboardRowParams(
          dashboardRow(
            JSON.parse(JSON.stringify(doc)) as MobilityDocument,
            options.recordedAt ?? new Date(),
            systemReminderPolicy(),
          ),
        )
      : undefined;
  await db.query(
    `WITH written AS (
       INSERT INTO ecvet_read_models (kind, id, version, doc, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (kind, id) DO UPDATE
         SET version = EXCLUDED.version, doc = EXCLUDED.doc, updated_at = now()
       WHERE ${newer}
       RETURNING kind, id, version
     )${dashboard ? DASHBOARD_UPSERT : ''}
     SELECT pg_notify('${READ_MODEL_CHANNEL}',
                      json_build_object('kind', kind, 'id', id, 'version', version)::text)
       FROM written`,
    [kind, id, version, JSON.stringify(doc), ...(dashboard ?? [])],
  );
}

/**
 * Recomputes one stream's read-model document from its whole stream, as the store reads it now,
 * and writes it over the one at the same version: after a subject's key is destroyed, the
 * document loses that subject's personal fields (they read as erased). False when the stream has
 * no document (no view of its category, or none yet).
 */
export async function reprojectStream(
  store: EventStore,
  db: ReadModelDb,
  stream: string,
): Promise<boolean> {
  const { category, id } = categoryOf(stream);
  const definition = VIEW_DEFINITIONS[category];
  if (!definition) return false;
  const events = await store.readStream(stream);
  if (events.length === 0) return false;
  const last = events[events.length - 1];
  const doc = definition.view(foldView(definition, events), last.version);
  if (!doc) return false;
  await writeReadModelDocument(db, definition.kind, id, last.version, doc, {
    sameVersion: true,
    recordedAt: last.recordedAt,
  });
  return true;
}
