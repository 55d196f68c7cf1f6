import type { Pool } from 'pg';
import { GENESIS_HASH } from '../integrity/event-hash';
import { merkleRoot } from '../integrity/merkle';
import { sealHash, signSeal, type SealBody, type SealSigner } from '../integrity/seal-signer';
import { encodePgCheckpoint, decodePgCheckpoint } from './pg-checkpoint';

export interface StoredSeal extends SealBody {
  sealHash: string;
  signature: string;
}

interface SealRow {
  seq: string;
  from_checkpoint: string;
  to_checkpoint: string;
  event_count: number;
  merkle_root: Buffer;
  prev_seal_hash: Buffer;
  sealed_at: Date;
  key_id: string;
  seal_hash: Buffer;
  signature: Buffer;
}

export function toStoredSeal(row: SealRow): StoredSeal {
  return {
    seq: Number(row.seq),
    fromCheckpoint: row.from_checkpoint,
    toCheckpoint: row.to_checkpoint,
    eventCount: row.event_count,
    merkleRoot: row.merkle_root.toString('hex'),
    prevSealHash: row.prev_seal_hash.toString('hex'),
    sealedAt: row.sealed_at.toISOString(),
    keyId: row.key_id,
    sealHash: row.seal_hash.toString('hex'),
    signature: row.signature.toString('base64'),
  };
}

export async function loadSeals(pool: Pool): Promise<StoredSeal[]> {
  const { rows } = await pool.query<SealRow>('SELECT * FROM ecvet_event_seals ORDER BY seq');
  return rows.map(toStoredSeal);
}

/**
 * Seals the global log: each seal covers the events after the previous seal (in the log's
 * (transaction, position) order, only below the oldest transaction in flight, like every reader)
 * with the Merkle root of their hashes, chains to the previous seal's hash and is signed. Several
 * sealers may run: the seal's sequence number is its primary key, so only one wins each seal.
 */
export class PostgresSealer {
  constructor(
    private readonly pool: Pool,
    private readonly signer: SealSigner,
    private readonly maxEventsPerSeal = 10_000,
  ) {}

  /** Seals everything readable now; returns the new seals (none when the log is sealed up). */
  async sealPending(): Promise<StoredSeal[]> {
    const made: StoredSeal[] = [];
    for (;;) {
      const seal = await this.sealNext();
      if (!seal) return made;
      made.push(seal);
    }
  }

  private async sealNext(): Promise<StoredSeal | undefined> {
    const { rows: last } = await this.pool.query<SealRow>(
      'SELECT * FROM ecvet_event_seals ORDER BY seq DESC LIMIT 1',
    );
    const previous = last[0] ? toStoredSeal(last[0]) : undefined;
    const from = decodePgCheckpoint(previous?.toCheckpoint);
    const { rows } = await this.pool.query<{ tx_id: string; position: string; hash: Buffer }>(
      // Qualified columns in ORDER BY: a bare `tx_id` would mean the text output column and sort
      // '100' before '99' (and miss the index).
      `SELECT e.tx_id::text AS tx_id, e.position::text AS position, e.hash FROM ecvet_events e
       WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint)
         AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.tx_id, e.position LIMIT $3`,
      [from.txId.toString(), from.position.toString(), this.maxEventsPerSeal],
    );
    if (rows.length === 0) return undefined;
    const lastRow = rows[rows.length - 1];
    const body: SealBody = {
      seq: (previous?.seq ?? 0) + 1,
      fromCheckpoint: previous?.toCheckpoint ?? '',
      toCheckpoint: encodePgCheckpoint({
        txId: BigInt(lastRow.tx_id),
        position: BigInt(lastRow.position),
      }),
      eventCount: rows.length,
      merkleRoot: merkleRoot(rows.map((r) => r.hash)).toString('hex'),
      prevSealHash: previous?.sealHash ?? GENESIS_HASH,
      sealedAt: new Date().toISOString(),
      keyId: this.signer.keyId,
    };
    const hash = sealHash(body);
    const signature = signSeal(hash, this.signer);
    const inserted = await this.pool.query(
      `INSERT INTO ecvet_event_seals (seq, from_checkpoint, to_checkpoint, event_count, merkle_root,
         prev_seal_hash, sealed_at, key_id, seal_hash, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (seq) DO NOTHING`,
      [
        body.seq,
        body.fromCheckpoint,
        body.toCheckpoint,
        body.eventCount,
        Buffer.from(body.merkleRoot, 'hex'),
        Buffer.from(body.prevSealHash, 'hex'),
        new Date(body.sealedAt),
        body.keyId,
        hash,
        signature,
      ],
    );
    if (inserted.rowCount === 0) return undefined; // another sealer won this one
    return { ...body, sealHash: hash.toString('hex'), signature: signature.toString('base64') };
  }
}
