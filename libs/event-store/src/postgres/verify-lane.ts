import { hash, type KeyObject } from 'node:crypto';
import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BinaryCopyParser, type CopyTuple } from './binary-copy';
import { decodePgCheckpoint, encodePgCheckpoint } from './pg-checkpoint';
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

// The lane reads its whole range with one `COPY (SELECT …) TO STDOUT (FORMAT binary)`: the
// fields arrive as the stored bytes (json as its text, bytea raw, integers and timestamps as
// big-endian binary), and the canonical encoding is assembled from them in a reused buffer and
// hashed without a string per event. COPY takes no parameters: the bounds are decimal literals
// checked below.
const SELECT = `SELECT e.tx_id, e.position, e.stream_id, e.version, e.event_id::text, e.event_type,
  e.data, e.metadata, e.recorded_at, e.prev_hash, e.hash FROM ecvet_events e`;
const FIELDS = 11;
const [TX, POS, STREAM, VERSION, ID, TYPE, DATA, METADATA, RECORDED, PREV, HASH] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
];

function decimal(value: bigint | string): string {
  const text = value.toString();
  if (!/^\d+$/.test(text)) throw new Error(`not an unsigned decimal: ${text}`);
  return text;
}

/** The lane's statement: events after `after`, up to `upTo` (or open), below the horizon. */
function copyStatement(task: LaneTask): string {
  const from = decodePgCheckpoint(task.after);
  const to = task.upTo === undefined ? undefined : decodePgCheckpoint(task.upTo);
  const where = [
    `(e.tx_id, e.position) > ('${decimal(from.txId)}'::xid8, ${decimal(from.position)})`,
    `e.tx_id < '${decimal(task.horizon)}'::xid8`,
  ];
  if (to)
    where.push(`(e.tx_id, e.position) <= ('${decimal(to.txId)}'::xid8, ${decimal(to.position)})`);
  return `COPY (${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.tx_id, e.position) TO STDOUT (FORMAT binary)`;
}

const EPOCH_2000_MS = 946_684_800_000; // 2000-01-01T00:00:00Z in Unix milliseconds

/** A binary timestamptz (microseconds since 2000-01-01 UTC) as the ISO 8601 of the hash
 * (milliseconds, `Z`; microseconds cut as `to_char(…, 'MS')` cuts them). */
export function isoFromPgMicros(buf: Buffer, at: number): string {
  const micros = buf.readInt32BE(at) * 2 ** 32 + buf.readUInt32BE(at + 4);
  return new Date(EPOCH_2000_MS + Math.floor(micros / 1000)).toISOString();
}

function checkpointOf(buf: Buffer, starts: Int32Array): string {
  return encodePgCheckpoint({
    txId: buf.readBigUInt64BE(starts[TX]),
    position: buf.readBigInt64BE(starts[POS]),
  });
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** Writes `src[from, from + 32)` as 64 lower-case hex digits at `out[at]`; returns the end. */
function writeHex(out: Buffer, at: number, src: Buffer, from: number): number {
  for (let i = 0; i < 32; i++) {
    const byte = src[from + i];
    out[at++] = HEX[byte >> 4];
    out[at++] = HEX[byte & 15];
  }
  return at;
}

const ascii = (text: string) => Buffer.from(text, 'utf8');
const P_DATA = ascii('{"data":');
const P_ID = ascii(',"id":"');
const P_METADATA = ascii('","metadata":');
const P_PREV = ascii(',"prevHash":"');
const P_RECORDED = ascii('","recordedAt":"');
const P_STREAM = ascii('","stream":');
const P_TYPE = ascii(',"type":');
const P_VERSION = ascii(',"version":');

/** The canonical encoding (`canonicalEventEncoding`) of the event in `t`, assembled in `out`
 * (grown when too small); returns its length. */
class EncodingBuffer {
  private out = Buffer.alloc(64 * 1024);

  assemble(
    t: CopyTuple,
    quotedStream: Buffer,
    quotedType: Buffer,
    iso: Buffer,
    version: number,
  ): Buffer {
    const { buf, starts, lengths } = t;
    const need =
      lengths[DATA] +
      lengths[METADATA] +
      lengths[ID] +
      quotedStream.length +
      quotedType.length +
      256;
    if (this.out.length < need) this.out = Buffer.alloc(need * 2);
    const out = this.out;
    let at = P_DATA.copy(out, 0);
    at += buf.copy(out, at, starts[DATA], starts[DATA] + lengths[DATA]);
    at += P_ID.copy(out, at);
    at += buf.copy(out, at, starts[ID], starts[ID] + lengths[ID]);
    at += P_METADATA.copy(out, at);
    at += buf.copy(out, at, starts[METADATA], starts[METADATA] + lengths[METADATA]);
    at += P_PREV.copy(out, at);
    at = writeHex(out, at, buf, starts[PREV]);
    at += P_RECORDED.copy(out, at);
    at += iso.copy(out, at);
    at += P_STREAM.copy(out, at);
    at += quotedStream.copy(out, at);
    at += P_TYPE.copy(out, at);
    at += quotedType.copy(out, at);
    at += P_VERSION.copy(out, at);
    at += out.write(String(version), at, 'latin1');
    out[at++] = 0x7d; // }
    return out.subarray(0, at);
  }
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

  /** Adds the leaf of the event hash at `src[from, from + 32)`. */
  add(src: Buffer, from: number): void {
    src.copy(this.leafInput, 1, from, from + 32);
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

/** Per stream in the lane: its last event so far and its name as a JSON string (UTF-8). */
interface Head {
  version: number;
  hash: Buffer;
  quoted: Buffer;
}

/**
 * Runs one lane on `client` (a connection of its own: after a problem the COPY is abandoned
 * under it, and the caller closes it).
 */
export async function verifyLane(
  client: Queryable,
  task: LaneTask,
  onPage: (eventsChecked: number) => void = () => undefined,
): Promise<LaneResult> {
  const { seals, trustedKeys } = task;
  const result: LaneResult = {
    eventsChecked: 0,
    sealsChecked: 0,
    unsealedEvents: 0,
    firsts: [],
    lasts: [],
  };
  const heads = new Map<string, Head>();
  const quotedTypes = new Map<string, Buffer>();
  // Seal ends as big-endian bytes: compared with the tuple's tx id and position as stored.
  const sealEnds = seals.map((seal) => {
    const end = decodePgCheckpoint(seal.toCheckpoint);
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64BE(end.txId, 0);
    bytes.writeBigInt64BE(end.position, 8);
    return bytes;
  });
  const leaves = new MerkleLeaves();
  const encoding = new EncodingBuffer();
  let sealIndex = 0;
  let previousSeal = task.previousSeal;
  let lastMicros = -1;
  let lastIso = Buffer.alloc(0);

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
  /** Whether the tuple's event comes after the end of seal `i`. */
  const pastSeal = (buf: Buffer, starts: Int32Array, i: number) => {
    const end = sealEnds[i];
    const byTx = buf.compare(end, 0, 8, starts[TX], starts[TX] + 8);
    return byTx !== 0 ? byTx > 0 : buf.compare(end, 8, 16, starts[POS], starts[POS] + 8) > 0;
  };
  const at = (buf: Buffer, starts: Int32Array, stream: string, version: number): EventAt => ({
    stream,
    version,
    position: buf.readBigInt64BE(starts[POS]).toString(),
  });
  const found = (key: string, problem: VerificationProblem): never => {
    result.problem = { key, problem };
    throw new Found(problem);
  };

  const onTuple = (t: CopyTuple) => {
    const { buf, starts, lengths } = t;
    while (sealIndex < seals.length && pastSeal(buf, starts, sealIndex)) closeSeal();
    const stream = buf.toString('utf8', starts[STREAM], starts[STREAM] + lengths[STREAM]);
    const type = buf.toString('utf8', starts[TYPE], starts[TYPE] + lengths[TYPE]);
    const version = buf.readInt32BE(starts[VERSION]);
    const micros =
      buf.readInt32BE(starts[RECORDED]) * 2 ** 32 + buf.readUInt32BE(starts[RECORDED] + 4);
    if (micros !== lastMicros) {
      lastMicros = micros;
      lastIso = Buffer.from(isoFromPgMicros(buf, starts[RECORDED]), 'latin1');
    }
    let head = heads.get(stream);
    let quotedType = quotedTypes.get(type);
    if (!quotedType) {
      quotedType = Buffer.from(JSON.stringify(type), 'utf8');
      quotedTypes.set(type, quotedType);
    }
    const quoted = head ? head.quoted : Buffer.from(JSON.stringify(stream), 'utf8');
    const digest = hash(
      'sha256',
      encoding.assemble(t, quoted, quotedType, lastIso, version),
      'buffer',
    );
    if (lengths[HASH] !== 32 || buf.compare(digest, 0, 32, starts[HASH], starts[HASH] + 32) !== 0) {
      found(checkpointOf(buf, starts), hashMismatch(at(buf, starts, stream, version)));
    }
    if (head) {
      if (
        version !== head.version + 1 ||
        buf.compare(head.hash, 0, 32, starts[PREV], starts[PREV] + 32) !== 0
      ) {
        const prevHex = buf.toString('hex', starts[PREV], starts[PREV] + lengths[PREV]);
        const problem = chainProblem(at(buf, starts, stream, version), prevHex, {
          version: head.version,
          hash: head.hash.toString('hex'),
        });
        if (problem) found(checkpointOf(buf, starts), problem);
      }
      head.version = version;
      buf.copy(head.hash, 0, starts[HASH], starts[HASH] + 32);
    } else {
      const checkpoint = checkpointOf(buf, starts);
      result.firsts.push({
        ...at(buf, starts, stream, version),
        prevHash: buf.toString('hex', starts[PREV], starts[PREV] + lengths[PREV]),
        checkpoint,
        eventsBefore: result.eventsChecked,
        sealsBefore: result.sealsChecked,
        unsealedBefore: result.unsealedEvents,
      });
      head = { version, hash: Buffer.alloc(32), quoted };
      buf.copy(head.hash, 0, starts[HASH], starts[HASH] + 32);
      heads.set(stream, head);
    }
    if (sealIndex < seals.length) leaves.add(buf, starts[HASH]);
    else result.unsealedEvents++;
    result.eventsChecked++;
    if (result.eventsChecked % task.pageSize === 0) onPage(result.eventsChecked);
  };

  const parser = new BinaryCopyParser(FIELDS);
  const rows = client.query(copyTo(copyStatement(task)));
  try {
    for await (const chunk of rows as AsyncIterable<Buffer>) parser.push(chunk, onTuple);
    if (!parser.done) throw new Error('verify lane: the COPY ended without its end marker');
    onPage(result.eventsChecked);
    while (sealIndex < seals.length) closeSeal();
  } catch (err) {
    rows.destroy();
    if (!(err instanceof Found)) throw err;
  }
  for (const [stream, head] of heads) {
    result.lasts.push([stream, head.version, head.hash.toString('hex')]);
  }
  return result;
}
