/**
 * Pure translations between the event store port and KurrentDB's vocabulary: expected versions,
 * revisions, log positions and checkpoints, filters. No I/O and no runtime dependency on the
 * client (type imports only), so it is unit-tested without a server.
 *
 * Versions: our first event of a stream has version 1; KurrentDB revisions are 0-based.
 */
import type { AppendStreamState, CurrentStreamState, Position } from '@kurrent/kurrentdb-client';
import type { EventFilter, ExpectedVersion } from '../port/event-store.port';
import { START } from '../port/event-store.port';
import { DuplicateEventId, InvalidAppend } from '../port/event-store.errors';

/** The client's `ANY`, `NO_STREAM` and `STREAM_EXISTS` constants (`dist/constants.d.ts`). */
const ANY = 'any' satisfies AppendStreamState;
const NO_STREAM = 'no_stream' satisfies AppendStreamState;
const STREAM_EXISTS = 'stream_exists' satisfies AppendStreamState;

/** Largest KurrentDB log position / revision: they are unsigned 64-bit integers. */
const U64_MAX = (1n << 64n) - 1n;
/** Decimal digits of `U64_MAX`: every checkpoint part is zero-padded to this width. */
const WIDTH = U64_MAX.toString().length;
const CHECKPOINT = new RegExp(`^(\\d{${WIDTH}}):(\\d{${WIDTH}})$`);

/** The port's expected version as the client's `streamState` option of `appendToStream`. */
export function toStreamState(expected: ExpectedVersion = 'any'): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      assertVersion(expected);
      return expected === 0 ? NO_STREAM : revisionOf(expected);
  }
}

/** Whether a stream currently at `version` (0: no stream) meets the writer's expectation. */
export function satisfiesExpected(expected: ExpectedVersion, version: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return version === 0;
    case 'stream-exists':
      return version > 0;
    default:
      assertVersion(expected);
      return version === expected;
  }
}

/** The exact version an expectation names, when it names one (`no-stream` is version 0). */
export function exactExpectedVersion(expected: ExpectedVersion): number | undefined {
  if (expected === 'no-stream') return 0;
  if (typeof expected === 'number') {
    assertVersion(expected);
    return expected;
  }
  return undefined;
}

/** Our 1-based version of the event at a 0-based KurrentDB revision. */
export function versionOf(revision: bigint): number {
  if (revision < 0n) throw new RangeError(`revision ${revision} is negative`);
  return Number(revision) + 1;
}

/** The 0-based KurrentDB revision of the event at our (1-based) version. */
export function revisionOf(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`version ${version} is not a positive integer`);
  }
  return BigInt(version - 1);
}

/** A stream's actual state from a `WrongExpectedVersionError` as our version (0: no stream;
 * negative revisions are the server's markers for deleted or tombstoned streams). */
export function actualVersion(state: CurrentStreamState | bigint): number {
  if (typeof state !== 'bigint' || state < 0n) return 0;
  return versionOf(state);
}

/**
 * The checkpoint of the event at `position`: `<commit>:<prepare>`, each zero-padded decimal of
 * fixed width, so that the string order of checkpoints is the (commit, prepare) order of the log
 * and `START` (the empty string) sorts before all of them.
 */
export function encodeCheckpoint(position: Position): string {
  return `${part(position.commit, 'commit')}:${part(position.prepare, 'prepare')}`;
}

/** The position a checkpoint encodes; undefined for `START`. */
export function decodeCheckpoint(checkpoint: string): Position | undefined {
  if (checkpoint === START) return undefined;
  const match = CHECKPOINT.exec(checkpoint);
  if (!match) throw new RangeError(`"${checkpoint}" is not a KurrentDB checkpoint`);
  const commit = BigInt(match[1]);
  const prepare = BigInt(match[2]);
  if (commit > U64_MAX || prepare > U64_MAX) {
    throw new RangeError(`"${checkpoint}" is not a KurrentDB checkpoint`);
  }
  return { commit, prepare };
}

/** Log order: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** System streams (`$stats-…`, `$$meta`, `$ce-…`) and system event types (`$>`, `$metadata`). */
export function isSystemName(name: string): boolean {
  return name.startsWith('$');
}

/** An event of ours: neither in a system stream nor of a system type. */
export function isUserEvent(stream: string, type: string): boolean {
  return !isSystemName(stream) && !isSystemName(type);
}

/** The port's filter, applied client-side (exact event types, stream name prefixes). An absent or
 * empty list does not constrain. */
export function matchesFilter(
  filter: EventFilter | undefined,
  stream: string,
  type: string,
): boolean {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (types.length > 0 && !types.includes(type)) return false;
  if (prefixes.length > 0 && !prefixes.some((prefix) => stream.startsWith(prefix))) return false;
  return true;
}

/**
 * What to ask the server to filter on. KurrentDB takes one filter per read or subscription,
 * either on event types or on stream names, by prefixes or by a regex; so:
 *   - event types given: an event-type prefix filter with those types (a type that is a prefix
 *     of another lets the longer one through: `matchesFilter` removes it client-side);
 *   - else stream prefixes given: a stream-name prefix filter;
 *   - else: exclude system events (event types starting with `$`).
 * Whatever the server lets through is checked again with `isUserEvent` and `matchesFilter`.
 */
export type ServerFilterSpec =
  { on: 'eventType' | 'streamName'; prefixes: string[] } | { on: 'excludeSystemEvents' };

export function serverFilterSpec(filter: EventFilter | undefined): ServerFilterSpec {
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) return { on: 'eventType', prefixes: [...new Set(types)] };
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) return { on: 'streamName', prefixes: [...new Set(prefixes)] };
  return { on: 'excludeSystemEvents' };
}

/** One of a stream's last events, as far as an append needs to know it. */
export interface TailEvent {
  /** Lower case. */
  id: string;
  version: number;
  /** Commit position, when known. */
  position: bigint | undefined;
}

/** Where a batch of ids stands in a stream. */
export interface LocatedBatch {
  firstVersion: number;
  lastVersion: number;
  /** Commit position of the last event, when known. */
  position: bigint | undefined;
}

export type AppendVerdict =
  { kind: 'retry'; batch: LocatedBatch } | { kind: 'write' } | { kind: 'conflict' };

/**
 * What an append of `ids` (lower case) expecting `expected` should do, given the stream's current
 * version and its last events (`tail`, ascending versions):
 *   - retry: every id stands in the tail, in order and contiguous, and (when `expected` names a
 *     version) right after that version: the batch was written already, write nothing;
 *   - write / conflict: none of the ids is in the tail, and the version does / does not meet
 *     `expected`.
 * Throws `DuplicateEventId` when some of the ids are in the tail but not as that same batch.
 */
export function judgeAppend(
  stream: string,
  version: number,
  tail: TailEvent[],
  ids: string[],
  expected: ExpectedVersion,
): AppendVerdict {
  const batch = locateBatch(stream, tail, ids);
  if (batch) {
    const exact = exactExpectedVersion(expected);
    if (exact !== undefined && batch.firstVersion !== exact + 1) {
      throw new DuplicateEventId(ids[0], stream, batch.firstVersion);
    }
    return { kind: 'retry', batch };
  }
  return satisfiesExpected(expected, version) ? { kind: 'write' } : { kind: 'conflict' };
}

/** Where `ids` stand, in order and contiguous, among `events` (ascending versions); undefined when
 * none of them is there. Throws `DuplicateEventId` when only some are, or not in that order. */
export function locateBatch(
  stream: string,
  events: TailEvent[],
  ids: string[],
): LocatedBatch | undefined {
  const index = new Map(events.map((event, i) => [event.id, i]));
  const start = index.get(ids[0]);
  if (start !== undefined && ids.every((id, i) => index.get(id) === start + i)) {
    const last = events[start + ids.length - 1];
    return {
      firstVersion: events[start].version,
      lastVersion: last.version,
      position: last.position,
    };
  }
  for (const id of ids) {
    const at = index.get(id);
    if (at !== undefined) throw new DuplicateEventId(id, stream, events[at].version);
  }
  return undefined;
}

function assertVersion(expected: number): void {
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidAppend(`expected version ${expected} is not a non-negative integer`);
  }
}

function part(value: bigint, name: string): string {
  if (value < 0n || value > U64_MAX) {
    throw new RangeError(`${name} position ${value} is outside the 64-bit unsigned range`);
  }
  return value.toString().padStart(WIDTH, '0');
}
