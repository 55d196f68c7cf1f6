import { hash, type KeyObject } from 'node:crypto';
import type { Client } from 'pg';
import { decodePgCheckpoint } from './pg-checkpoint';
import type { StoredSeal } from './pg-sealer';
import {
  chainProblem,
  checkSeal,
  Found,
  hashMismatch,
  type EventAt,
  type VerificationProblem,
} from './verify-checks';

/**
 * One lane of a parallel verification (`verify-lanes.ts`): the events of a range of seals (the
 * last lane: and everything after the last seal), read in keyset pages on its own connection and
 * checked as the single-lane verifier checks them — each event's hash, the chains and versions
 * inside the lane, each seal's hash, chain, signature and Merkle root. What the lane cannot know
 * (the heads of the streams before its range) it reports: every stream's first event in the lane
 * (`firsts`) and last event (`lasts`), for the stitch to check across lanes.
 */
export interface LaneTask {
  /** Events after this checkpoint ('' = the start of the log)… */
  after: string;
  /** …up to and including this one (the last seal's); none: up to the horizon (the last lane). */
  upTo?: string;
  /** The oldest transaction in flight when the verification began: later ones are not read. */
  horizon: string;
  /** The seals this lane closes, in order, and the one before them (checked by the lane before). */
  seals: StoredSeal[];
  previousSeal?: StoredSeal;
  trustedKeys?: ReadonlyMap<string, KeyObject>;
  pageSize: number;
}

/** A stream's first event in the lane, with the lane's counters just before it. */
export interface LaneFirst extends EventAt {
  prevHash: string;
  checkpoint: string;
  eventsBefore: number;
  sealsBefore: number;
  unsealedBefore: number;
}

export interface LaneResult {
  eventsChecked: number;
  sealsChecked: number;
  unsealedEvents: number;
  /** The first problem inside the lane; `key` orders it in the log (see `problemKey`). */
  problem?: { key: string; problem: VerificationProblem };
  firsts: LaneFirst[];
  /** Stream, version, hash (hex) of each stream's last event in the lane. */
  lasts: Array<[string, number, string]>;
}

/** A seal's problems come after its last event and before the next one. */
export function sealKey(seal: StoredSeal): string {
  return `${seal.toCheckpoint}~`;
}

// Text of every column (no parsing in the driver but int4), hashes as hex: the canonical encoding
// wants prevHash as hex, and hex strings compare without a Buffer per row. recorded_at comes as
// `YYYY-MM-DD HH:MI:SS[.ffffff]+00` (the session is set to UTC and ISO below); turning that into
// the ISO 8601 of the hash here costs less than to_char() in the server.
const COLUMNS = `e.tx_id::text, e.position::text, e.stream_id, e.version, e.event_id::text,
  e.event_type, e.data::text, e.metadata::text, e.recorded_at::text, encode(e.prev_hash, 'hex'),
  encode(e.hash, 'hex')`;
const PAGE_TO = `SELECT ${COLUMNS} FROM ecvet_events e
  WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint)
    AND (e.tx_id, e.position) <= ($3::text::xid8, $4::bigint) AND e.tx_id < $5::text::xid8
  ORDER BY e.tx_id, e.position LIMIT $6`;
const PAGE_OPEN = `SELECT ${COLUMNS} FROM ecvet_events e
  WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint) AND e.tx_id < $3::text::xid8
  ORDER BY e.tx_id, e.position LIMIT $4`;

type Row = [
  txId: string,
  position: string,
  stream: string,
  version: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
  prevHash: string,
  hash: string,
];

/** The ISO 8601 (milliseconds, `Z`) of a timestamptz printed in UTC with DateStyle ISO;
 * microseconds are cut as `to_char(…, 'MS')` cuts them. */
export function isoFromPgText(text: string): string {
  const dot = text.indexOf('.', 19);
  const millis = dot < 0 ? '000' : `${text.slice(dot + 1, text.length - 3)}00`.slice(0, 3);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millis}Z`;
}

/** Whether a > b, both unsigned decimals without leading zeros. */
function greater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** Whether the event at (txId, position) comes after a seal's last event (all decimal text). */
function after(txId: string, position: string, end: { txId: string; position: string }): boolean {
  return txId === end.txId ? greater(position, end.position) : greater(txId, end.txId);
}

function quote(type: string, cache: Map<string, string>): string {
  const quoted = JSON.stringify(type);
  cache.set(type, quoted);
  return quoted;
}

function checkpointOf(txId: string, position: string): string {
  return `${txId.padStart(20, '0')}-${position.padStart(20, '0')}`;
}

/** Merkle root (RFC 9162, as `merkleRoot`) over leaves already hashed as leaves (0x00 ‖ hash). */
class MerkleLeaves {
  private level: Buffer[] = [];
  private readonly leafInput = Buffer.alloc(33); // 0x00 ‖ event hash
  private readonly nodeInput = Buffer.alloc(65); // 0x01 ‖ left ‖ right

  constructor() {
    this.nodeInput[0] = 1;
  }

  get count(): number {
    return this.level.length;
  }

  add(hashHex: string): void {
    this.leafInput.write(hashHex, 1, 'hex');
    this.level.push(hash('sha256', this.leafInput, 'buffer'));
  }

  rootHex(): string {
    let level = this.level;
    if (level.length === 0) return hash('sha256', '', 'hex');
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) {
        level[i].copy(this.nodeInput, 1);
        level[i + 1].copy(this.nodeInput, 33);
        next.push(hash('sha256', this.nodeInput, 'buffer'));
      }
      if (level.length % 2 === 1) next.push(level[level.length - 1]);
      level = next;
    }
    return level[0].toString('hex');
  }

  reset(): void {
    this.level = [];
  }
}

type Queryable = Pick<Client, 'query'>;

/** Runs one lane on `client` (a connection of its own; its session is set to UTC here). */
export async function verifyLane(
  client: Queryable,
  task: LaneTask,
  onPage: (eventsChecked: number) => void = () => undefined,
): Promise<LaneResult> {
  await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");
  const { seals, trustedKeys } = task;
  const result: LaneResult = {
    eventsChecked: 0,
    sealsChecked: 0,
    unsealedEvents: 0,
    firsts: [],
    lasts: [],
  };
  // Per stream: its last event so far, and its name as a JSON string (the encoding's `stream`).
  const heads = new Map<string, { version: number; hash: string; quoted: string }>();
  const quotedTypes = new Map<string, string>();
  const sealEnds = seals.map((seal) => {
    const end = decodePgCheckpoint(seal.toCheckpoint);
    return { txId: end.txId.toString(), position: end.position.toString() };
  });
  const leaves = new MerkleLeaves();
  let sealIndex = 0;
  let previousSeal = task.previousSeal;
  const to = task.upTo === undefined ? undefined : decodePgCheckpoint(task.upTo);
  const page = (after: string) => {
    const from = decodePgCheckpoint(after);
    return client.query<Row>({
      text: to ? PAGE_TO : PAGE_OPEN,
      values: to
        ? [from.txId, from.position, to.txId, to.position, task.horizon, task.pageSize].map(String)
        : [from.txId, from.position, task.horizon, task.pageSize].map(String),
      rowMode: 'array',
    });
  };
  const closeSeal = () => {
    const seal = seals[sealIndex];
    try {
      checkSeal(seal, previousSeal, leaves.count, () => leaves.rootHex(), trustedKeys);
    } catch (err) {
      if (err instanceof Found) result.problem = { key: sealKey(seal), problem: err.problem };
      throw err;
    }
    result.sealsChecked++;
    previousSeal = seal;
    sealIndex++;
    leaves.reset();
  };

  let pending = page(task.after);
  try {
    for (;;) {
      const { rows } = await pending;
      // The next page is asked for before this one is checked: the server reads it meanwhile.
      const full = rows.length === task.pageSize;
      if (full) {
        const last = rows[rows.length - 1];
        pending = page(checkpointOf(last[0], last[1]));
      }
      for (const row of rows) {
        const [
          txId,
          position,
          stream,
          version,
          id,
          type,
          data,
          metadata,
          recordedAt,
          prev,
          stored,
        ] = row;
        while (sealIndex < seals.length && after(txId, position, sealEnds[sealIndex])) closeSeal();
        const head = heads.get(stream);
        const quotedType = quotedTypes.get(type) ?? quote(type, quotedTypes);
        const encoding =
          `{"data":${data},"id":"${id}","metadata":${metadata},"prevHash":"${prev}",` +
          `"recordedAt":"${isoFromPgText(recordedAt)}","stream":${head ? head.quoted : JSON.stringify(stream)},` +
          `"type":${quotedType},"version":${version}}`;
        if (hash('sha256', encoding, 'hex') !== stored) {
          result.problem = {
            key: checkpointOf(txId, position),
            problem: hashMismatch({ stream, version, position }),
          };
          throw new Found(result.problem.problem);
        }
        if (head) {
          const problem = chainProblem({ stream, version, position }, prev, head);
          if (problem) {
            result.problem = { key: checkpointOf(txId, position), problem };
            throw new Found(problem);
          }
          head.version = version;
          head.hash = stored;
        } else {
          result.firsts.push({
            stream,
            version,
            position,
            prevHash: prev,
            checkpoint: checkpointOf(txId, position),
            eventsBefore: result.eventsChecked,
            sealsBefore: result.sealsChecked,
            unsealedBefore: result.unsealedEvents,
          });
          heads.set(stream, { version, hash: stored, quoted: JSON.stringify(stream) });
        }
        if (sealIndex < seals.length) leaves.add(stored);
        else result.unsealedEvents++;
        result.eventsChecked++;
      }
      onPage(result.eventsChecked);
      if (!full) break;
    }
    while (sealIndex < seals.length) closeSeal();
  } catch (err) {
    // A page asked for ahead is not wanted any more; the connection closes under it.
    pending.catch(() => undefined);
    if (!(err instanceof Found)) throw err;
  }
  for (const [stream, head] of heads) result.lasts.push([stream, head.version, head.hash]);
  return result;
}
