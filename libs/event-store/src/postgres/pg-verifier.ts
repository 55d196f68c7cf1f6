import { availableParallelism } from 'node:os';
import type { Pool } from 'pg';
import { eventHashDigest, GENESIS_HASH } from '../integrity/event-hash';
import { merkleRoot } from '../integrity/merkle';
import { decodePgCheckpoint } from './pg-checkpoint';
import { loadSeals, type StoredSeal } from './pg-sealer';
import {
  chainBroken,
  checkSeal,
  Found,
  hashMismatch,
  missingEvents,
  type VerificationReport,
  type VerifyOptions,
} from './verify-checks';
import { verifyInLanes } from './verify-lanes';

export type {
  VerifyOptions,
  VerificationProblem,
  VerificationProblemKind,
  VerificationReport,
} from './verify-checks';

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

/**
 * Verifies the whole log from the database alone: every event's hash over its stored canonical
 * fields, every stream's chain and versions, and the seals' Merkle roots, chain and signatures.
 * Stops at the first problem in log order and names it. A large sealed log is verified in
 * parallel lanes over ranges of seals (`verify-lanes.ts`), with the same report.
 */
export async function verifyPostgresEventStore(
  pool: Pool,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const lanes = options.lanes ?? availableParallelism();
  const seals = await loadSeals(pool);
  const sealed = seals.reduce((sum, seal) => sum + seal.eventCount, 0);
  if (
    lanes > 1 &&
    options.hashing !== 'database' &&
    seals.length > 1 &&
    sealed >= (options.minEventsForLanes ?? 100_000)
  ) {
    return verifyInLanes(pool, seals, { ...options, lanes });
  }
  return verifyInOneLane(pool, options, seals);
}

/**
 * The single-lane verifier: the whole log in this thread, in pages over the pool. Exported for
 * the benchmark and the tests, which compare the lanes with it.
 */
export async function verifyInOneLane(
  pool: Pool,
  options: VerifyOptions = {},
  loadedSeals?: StoredSeal[],
): Promise<VerificationReport> {
  const pageSize = options.pageSize ?? 5_000;
  const seals = loadedSeals ?? (await loadSeals(pool));
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
    checkSeal(
      seal,
      previousSeal,
      leaves.length,
      () => merkleRoot(leaves).toString('hex'),
      options.trustedKeys,
    );
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
      options.onProgress?.(report.eventsChecked);
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
  if (!hashMatches(row)) throw new Found(hashMismatch(at));
  const head = heads.get(row.stream_id);
  const expectedVersion = (head?.version ?? 0) + 1;
  if (row.version !== expectedVersion) throw new Found(missingEvents(at, expectedVersion));
  const expectedPrev = head?.hash ?? GENESIS_BYTES;
  if (!expectedPrev.equals(row.prev_hash)) throw new Found(chainBroken(at));
  heads.set(row.stream_id, { version: row.version, hash: row.hash });
}

const GENESIS_BYTES = Buffer.from(GENESIS_HASH, 'hex');
