/** The rows an audit bundle is assembled from: events as stored, seals, Merkle leaves. */
import type { Pool, PoolClient } from 'pg';
import { decodePgCheckpoint, toStoredSeal, type StoredSeal } from '@ecvet/event-store';
import type { StoredEvent } from './bundle-writer';

export interface EventRow {
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  checkpoint: string;
  prev_hash: Buffer;
  hash: Buffer;
}

/** The pool, or a client holding the bundle's snapshot. */
export type Db = Pick<Pool | PoolClient, 'query'>;

/** A row of ecvet_event_seals, as `toStoredSeal` reads it. */
export type SealRow = Parameters<typeof toStoredSeal>[0];

export const CHECKPOINT_SQL = `lpad(e.tx_id::text, 20, '0') || '-' || lpad(e.position::text, 20, '0')`;

export function storedEvent(r: EventRow): StoredEvent {
  return {
    stream: r.stream_id,
    version: r.version,
    id: r.event_id,
    type: r.event_type,
    dataJson: r.data,
    metadataJson: r.metadata,
    recordedAt: r.recorded_at,
    prevHash: r.prev_hash.toString('hex'),
    hash: r.hash.toString('hex'),
    checkpoint: r.checkpoint,
  };
}

export function coveringSeal(seals: StoredSeal[], checkpoint: string): StoredSeal {
  const seal = seals.find((s) => s.toCheckpoint >= checkpoint);
  if (!seal || checkpoint <= seal.fromCheckpoint)
    throw new Error(`no seal covers the sealed event at ${checkpoint}`);
  return seal;
}

/** Every event hash a seal covers, in log order: the leaves its Merkle root is over. */
export async function leavesOf(
  db: Db,
  seal: StoredSeal,
): Promise<Array<{ checkpoint: string; hash: Buffer }>> {
  const from = decodePgCheckpoint(seal.fromCheckpoint);
  const to = decodePgCheckpoint(seal.toCheckpoint);
  const { rows } = await db.query<{ checkpoint: string; hash: Buffer }>(
    `SELECT ${CHECKPOINT_SQL} AS checkpoint, e.hash FROM ecvet_events e
        WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint)
          AND (e.tx_id, e.position) <= ($3::text::xid8, $4::bigint)
        ORDER BY e.tx_id, e.position`,
    [from.txId.toString(), from.position.toString(), to.txId.toString(), to.position.toString()],
  );
  return rows;
}

export async function treeSize(db: Db, seq: number): Promise<number> {
  const { rows } = await db.query<{ size: string }>(
    'SELECT coalesce(sum(event_count), 0)::text AS size FROM ecvet_event_seals WHERE seq <= $1',
    [seq],
  );
  return Number(rows[0].size);
}
