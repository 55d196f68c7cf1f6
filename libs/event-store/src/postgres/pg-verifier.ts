import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { eventHashDigest, GENESIS_HASH } from '../integrity/event-hash';
import { merkleRoot } from '../integrity/merkle';
import { sealHash, verifySealSignature } from '../integrity/seal-signer';
import { decodePgCheckpoint } from './pg-checkpoint';
import { loadSeals, type StoredSeal } from './pg-sealer';

export type VerificationProblemKind =
  | 'event-hash-mismatch' // the stored fields do not hash to the stored hash: altered
  | 'chain-broken' // prevHash is not the hash of the stream's previous event
  | 'missing-events' // a stream skips versions: rows were deleted
  | 'seal-mismatch' // a seal's range no longer has the events it sealed: deleted, added or reordered
  | 'seal-chain-broken' // a seal does not follow the previous seal
  | 'seal-hash-mismatch' // a seal's stored fields do not hash to its hash
  | 'seal-signature-invalid' // not signed by a trusted key
  | 'seal-key-untrusted';

export interface VerificationProblem {
  kind: VerificationProblemKind;
  message: string;
  stream?: string;
  version?: number;
  position?: string;
  seal?: number;
  /** The range in which events are missing or altered (for seal problems and version gaps). */
  range?: {
    fromCheckpoint?: string;
    toCheckpoint?: string;
    fromVersion?: number;
    toVersion?: number;
    sealedCount?: number;
    foundCount?: number;
  };
}

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  /** Events after the last seal: their per-stream chains are verified, but deleting a whole
   * stream among them would go unnoticed until they are sealed. */
  unsealedEvents: number;
  problem?: VerificationProblem;
}

export interface VerifyOptions {
  /**
   * Where each event's hash is recomputed. `node` (default): here, from the stored text — an
   * auditor's independent check that trusts nothing in the database. `database`: PostgreSQL
   * recomputes it (`pg_catalog.sha256` over the same canonical encoding) and sends back only the
   * verdict, which is several times faster on a large log but trusts the database's functions;
   * chains and seals are still checked here either way.
   */
  hashing?: 'node' | 'database';
  /** Trusted seal public keys by key id. Without them, signatures are not checked (and the
   * report says so through `seal-key-untrusted` only when keys were given but one is unknown). */
  trustedKeys?: Map<string, KeyObject>;
  pageSize?: number;
}

interface VerifyRow {
  /** Only with `hashing: 'database'`: whether PostgreSQL's recomputed hash matched. */
  hash_ok?: boolean;
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: string;
  metadata: string;
  /** ISO 8601 as Date.prototype.toISOString writes it (formatted by the query). */
  recorded_at: string;
  checkpoint: string;
  prev_hash: Buffer;
  hash: Buffer;
}

class Found extends Error {
  constructor(readonly problem: VerificationProblem) {
    super(problem.message);
  }
}

/**
 * Verifies the whole log from the database alone: every event's hash over its stored canonical
 * fields, every stream's chain and versions, and the seals' Merkle roots, chain and signatures.
 * Stops at the first problem in log order and names it.
 */
export async function verifyPostgresEventStore(
  pool: Pool,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const pageSize = options.pageSize ?? 5_000;
  const seals = await loadSeals(pool);
  const report: VerificationReport = {
    ok: true,
    eventsChecked: 0,
    streamsChecked: 0,
    sealsChecked: 0,
    unsealedEvents: 0,
  };
  const heads = new Map<string, { version: number; hash: Buffer }>();
  let sealIndex = 0;
  let leaves: Buffer[] = [];
  let previousSeal: StoredSeal | undefined;

  const closeSeal = () => {
    const seal = seals[sealIndex];
    checkSeal(seal, previousSeal, leaves, options.trustedKeys);
    report.sealsChecked++;
    previousSeal = seal;
    sealIndex++;
    leaves = [];
  };

  try {
    const { rows: horizonRows } = await pool.query<{ xmin: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
    );
    const horizon = horizonRows[0].xmin;
    let from = decodePgCheckpoint('');
    for (;;) {
      const { rows } = await pool.query<VerifyRow>(
        // The checkpoint and the ISO time are formatted by PostgreSQL: parsing a Date and two
        // BigInts per row and formatting them again costs more than the hashing.
        `SELECT e.position::text AS position, e.stream_id, e.version,
           lpad(e.tx_id::text, 20, '0') || '-' || lpad(e.position::text, 20, '0') AS checkpoint,
           ${options.hashing === 'database' ? HASHED_IN_DATABASE : PAYLOAD_FOR_NODE}, e.prev_hash, e.hash
         FROM ecvet_events e
         WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint) AND e.tx_id < $3::text::xid8
         ORDER BY e.tx_id, e.position LIMIT $4`,
        [from.txId.toString(), from.position.toString(), horizon, pageSize],
      );
      for (const row of rows) {
        const checkpoint = row.checkpoint;
        while (sealIndex < seals.length && checkpoint > seals[sealIndex].toCheckpoint) closeSeal();
        checkEvent(row, heads);
        if (sealIndex < seals.length) leaves.push(row.hash);
        else report.unsealedEvents++;
        report.eventsChecked++;
      }
      if (rows.length < pageSize) break;
      from = decodePgCheckpoint(rows[rows.length - 1].checkpoint);
    }
    while (sealIndex < seals.length) closeSeal();
  } catch (err) {
    if (!(err instanceof Found)) throw err;
    report.ok = false;
    report.problem = err.problem;
  }
  report.streamsChecked = heads.size;
  return report;
}

// The canonical encoding of event-hash.ts, assembled by PostgreSQL: to_json() escapes strings as
// JSON.stringify does, and recorded_at is printed as Date.prototype.toISOString prints it.
const HASHED_IN_DATABASE = `pg_catalog.sha256(convert_to(
    '{"data":' || e.data::text || ',"id":' || to_json(e.event_id::text)::text
    || ',"metadata":' || e.metadata::text || ',"prevHash":"' || encode(e.prev_hash, 'hex')
    || '","recordedAt":' || to_json(to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
    || ',"stream":' || to_json(e.stream_id)::text || ',"type":' || to_json(e.event_type)::text
    || ',"version":' || e.version::text || '}', 'UTF8')) = e.hash AS hash_ok`;
const PAYLOAD_FOR_NODE = `e.event_id::text AS event_id, e.event_type, e.data::text AS data,
  e.metadata::text AS metadata,
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

function hashMatches(row: VerifyRow): boolean {
  if (row.hash_ok !== undefined) return row.hash_ok;
  return eventHashDigest({
    stream: row.stream_id,
    version: row.version,
    id: row.event_id,
    type: row.event_type,
    dataJson: row.data,
    metadataJson: row.metadata,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash.toString('hex'),
  }).equals(row.hash);
}

function checkEvent(row: VerifyRow, heads: Map<string, { version: number; hash: Buffer }>): void {
  const at = { stream: row.stream_id, version: row.version, position: row.position };
  if (!hashMatches(row)) {
    throw new Found({
      kind: 'event-hash-mismatch',
      message: `${row.stream_id}@${row.version} (position ${row.position}) was altered: its fields no longer hash to its stored hash`,
      ...at,
    });
  }
  const head = heads.get(row.stream_id);
  const expectedVersion = (head?.version ?? 0) + 1;
  if (row.version !== expectedVersion) {
    throw new Found({
      kind: 'missing-events',
      message: `${row.stream_id} jumps from version ${expectedVersion - 1} to ${row.version}: versions ${expectedVersion}..${row.version - 1} are missing`,
      ...at,
      range: { fromVersion: expectedVersion, toVersion: row.version - 1 },
    });
  }
  const expectedPrev = head?.hash ?? Buffer.from(GENESIS_HASH, 'hex');
  if (!expectedPrev.equals(row.prev_hash)) {
    throw new Found({
      kind: 'chain-broken',
      message: `${row.stream_id}@${row.version} (position ${row.position}) does not chain to the stream's previous event`,
      ...at,
    });
  }
  heads.set(row.stream_id, { version: row.version, hash: row.hash });
}

function checkSeal(
  seal: StoredSeal,
  previous: StoredSeal | undefined,
  leaves: Buffer[],
  trustedKeys: Map<string, KeyObject> | undefined,
): void {
  const at = {
    seal: seal.seq,
    range: { fromCheckpoint: seal.fromCheckpoint, toCheckpoint: seal.toCheckpoint },
  };
  const { sealHash: storedHash, signature, ...body } = seal;
  const recomputed = sealHash(body);
  if (recomputed.toString('hex') !== storedHash) {
    throw new Found({ kind: 'seal-hash-mismatch', message: `seal ${seal.seq} was altered`, ...at });
  }
  const expectedPrev = previous?.sealHash ?? GENESIS_HASH;
  const expectedFrom = previous?.toCheckpoint ?? '';
  if (
    seal.seq !== (previous?.seq ?? 0) + 1 ||
    seal.prevSealHash !== expectedPrev ||
    seal.fromCheckpoint !== expectedFrom
  ) {
    throw new Found({
      kind: 'seal-chain-broken',
      message: `seal ${seal.seq} does not follow seal ${previous?.seq ?? 0} (a seal was removed or replaced)`,
      ...at,
    });
  }
  if (trustedKeys) {
    const key = trustedKeys.get(seal.keyId);
    if (!key) {
      throw new Found({
        kind: 'seal-key-untrusted',
        message: `seal ${seal.seq} is signed with unknown key ${seal.keyId}`,
        ...at,
      });
    }
    if (!verifySealSignature(recomputed, Buffer.from(signature, 'base64'), key)) {
      throw new Found({
        kind: 'seal-signature-invalid',
        message: `seal ${seal.seq} has an invalid signature`,
        ...at,
      });
    }
  }
  const root = merkleRoot(leaves).toString('hex');
  if (leaves.length !== seal.eventCount || root !== seal.merkleRoot) {
    const missing = leaves.length < seal.eventCount;
    throw new Found({
      kind: 'seal-mismatch',
      message:
        `seal ${seal.seq} covers ${seal.eventCount} events between ${seal.fromCheckpoint || 'the start'} and ${seal.toCheckpoint}, ` +
        (missing
          ? `but only ${leaves.length} are there: ${seal.eventCount - leaves.length} were removed`
          : leaves.length > seal.eventCount
            ? `but ${leaves.length} are there: events were inserted`
            : 'but their hashes or order differ: events were replaced or reordered'),
      seal: seal.seq,
      range: { ...at.range, sealedCount: seal.eventCount, foundCount: leaves.length },
    });
  }
}
