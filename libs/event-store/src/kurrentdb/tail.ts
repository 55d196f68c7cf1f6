import { BACKWARDS, END, FORWARDS, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { GENESIS_HASH } from '../integrity/event-hash';
import { locateBatch, versionOf } from './kurrentdb-mapping';
import type { LocatedBatch, TailEvent } from './kurrentdb-mapping';
import { integrityOf, isMissingStream, type RawEvent } from './recorded-events';

/** A stream's last events that an append checks its ids against (retries, duplicates), on top of
 * the appended batch's own size. */
export const TAIL_WINDOW = 32;
/** Streams whose tail (hash chain head and last ids) is remembered between appends. */
const TAIL_CACHE_SIZE = 5_000;

/** The last event of a stream: what the next append chains onto. */
export interface Head {
  version: number;
  /** Undefined when the last event carries no `$integrity` (not written by this adapter). */
  hash: string | undefined;
  recordedAtMs: number;
  position: bigint;
}

/** A stream's head and its last events (ascending versions). */
export interface Tail {
  head: Head;
  events: TailEvent[];
}

const EMPTY_TAIL: Tail = {
  head: { version: 0, hash: GENESIS_HASH, recordedAtMs: 0, position: 0n },
  events: [],
};

/** Found in the stream already: the append is a retry of a write that succeeded. */
export interface ExistingBatch {
  nextExpectedVersion: number;
  position: bigint;
}

/** The tails of recently appended streams. It only saves a read: a stale entry makes the server
 * refuse the write, never corrupts a chain. */
export class TailCache {
  private readonly tails = new Map<string, Tail>();

  get(stream: string): Tail | undefined {
    return this.tails.get(stream);
  }

  delete(stream: string): void {
    this.tails.delete(stream);
  }

  clear(): void {
    this.tails.clear();
  }

  remember(stream: string, tail: Tail): void {
    const current = this.tails.get(stream);
    if (current && current.head.version > tail.head.version) return; // streams only grow
    this.tails.delete(stream);
    this.tails.set(stream, { head: tail.head, events: tail.events.slice(-TAIL_WINDOW) });
    if (this.tails.size > TAIL_CACHE_SIZE) {
      const oldest = this.tails.keys().next();
      if (!oldest.done) this.tails.delete(oldest.value);
    }
  }
}

/** The stream's last `count` events and its head. */
export async function readTail(
  client: KurrentDBClient,
  stream: string,
  count: number,
): Promise<Tail> {
  const raws: RawEvent[] = [];
  try {
    for await (const resolved of client.readStream(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: count,
    })) {
      if (resolved.event) raws.push(resolved.event);
    }
  } catch (err) {
    if (isMissingStream(err)) return EMPTY_TAIL;
    throw err;
  }
  const last = raws[0];
  if (!last) return EMPTY_TAIL;
  const integrity = integrityOf(last);
  return {
    head: {
      version: versionOf(last.revision),
      hash: integrity?.hash,
      recordedAtMs: integrity ? new Date(integrity.recordedAt).getTime() : last.created.getTime(),
      position: last.position?.commit ?? 0n,
    },
    events: raws.reverse().map(tailEvent),
  };
}

/** The events right after `version`, when they are exactly the batch with these ids. */
export async function readBatchAt(
  client: KurrentDBClient,
  stream: string,
  version: number,
  ids: string[],
): Promise<ExistingBatch | undefined> {
  const raws: RawEvent[] = [];
  try {
    for await (const resolved of client.readStream(stream, {
      direction: FORWARDS,
      fromRevision: BigInt(version),
      maxCount: ids.length,
    })) {
      if (resolved.event) raws.push(resolved.event);
    }
  } catch (err) {
    if (isMissingStream(err)) return undefined;
    throw err;
  }
  const found = locateBatch(stream, raws.map(tailEvent), ids);
  return found?.firstVersion === version + 1 ? existingBatch(found) : undefined;
}

export function existingBatch(found: LocatedBatch | undefined): ExistingBatch | undefined {
  if (found?.position === undefined) return undefined;
  return { nextExpectedVersion: found.lastVersion, position: found.position };
}

function tailEvent(raw: RawEvent): TailEvent {
  return {
    id: raw.id.toLowerCase(),
    version: versionOf(raw.revision),
    position: raw.position?.commit,
  };
}
