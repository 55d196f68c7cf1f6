import type { Pool, PoolClient } from 'pg';
import type { EventStore } from '@ecvet/event-store';
import { categoryOf } from '../streams';
import { foldView, VIEW_DEFINITIONS } from './view-definitions';

/** The pool, or a client inside the caller's transaction (the projection's, with its checkpoint). */
export type ReadModelDb = Pick<Pool | PoolClient, 'query'>;

/**
 * Writes one stream's document into `ecvet_read_models` at the stream's version. An older version
 * never replaces a newer one; the same version is replaced only when asked (`sameVersion`: a
 * recompute of the document from the events as they read now — after an erasure).
 */
export async function writeReadModelDocument(
  db: ReadModelDb,
  kind: string,
  id: string,
  version: number,
  doc: object,
  options: { sameVersion?: boolean } = {},
): Promise<void> {
  const newer = options.sameVersion
    ? 'ecvet_read_models.version <= EXCLUDED.version'
    : 'ecvet_read_models.version < EXCLUDED.version';
  await db.query(
    `INSERT INTO ecvet_read_models (kind, id, version, doc, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (kind, id) DO UPDATE
       SET version = EXCLUDED.version, doc = EXCLUDED.doc, updated_at = now()
     WHERE ${newer}`,
    [kind, id, version, JSON.stringify(doc)],
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
  const version = events[events.length - 1].version;
  const doc = definition.view(foldView(definition, events), version);
  if (!doc) return false;
  await writeReadModelDocument(db, definition.kind, id, version, doc, { sameVersion: true });
  return true;
}
