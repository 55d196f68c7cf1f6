import { StreamNotFound, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import type { ViewDefinition } from '../read-models/view-definitions';

/** Where to stop a fold: at a version, at an instant (events recorded at or before it), or both. */
export interface FoldAsOf {
  version?: number;
  recordedAt?: Date;
}

/** A stream folded as of a point, and as it stands now (what visibility is decided on). */
export interface FoldResult {
  version: number;
  state: unknown;
  now: unknown;
}

export interface StreamFoldCacheOptions {
  /** A fold point is kept every this many events. */
  interval?: number;
  /** Streams shorter than this are folded from their events each time (it costs little). */
  minEvents?: number;
  /** How many streams are kept (least recently used first out). */
  maxStreams?: number;
}

/** A state of the stream after `version` events; `recordedAt` is that event's (ms). */
interface FoldPoint {
  version: number;
  recordedAt: number;
  state: unknown;
}

interface Entry {
  definition: ViewDefinition;
  /** Ascending; the first is the empty stream (version 0), the last the head folded so far. */
  points: FoldPoint[];
  /** Whether every event was recorded no earlier than the one before it: then the events recorded
   * up to an instant are a prefix of the stream, and a fold point can stand in for them. */
  monotone: boolean;
  /** Subjects whose personal fields were folded in clear: erasing one drops the entry. */
  subjects: Set<string>;
}

/**
 * Folds of long streams, kept per process, so that replaying a stream as of any version or
 * instant reads and folds only the events since the nearest kept state, not the whole stream —
 * an auditor scrubbing through a mobility's history asks for many points of the same stream.
 *
 * Sound because a stream's events never change once written (they are hash-chained): a kept state
 * stays the fold of its prefix. Two things can still change what a read returns, and both are
 * checked on every use: events appended since (read from the head on and folded on, in version
 * order, once) and personal data erased since (an entry that folded a subject's fields in clear is
 * dropped once that subject reads as erased — as quickly as any read of the store notices it).
 * A stream whose recording times ever go backwards is not cached for instants: the events of an
 * instant need not be a prefix there, so such reads fold exactly what the store returns.
 */
export class StreamFoldCache {
  private readonly entries = new Map<string, Entry>();
  private readonly interval: number;
  private readonly minEvents: number;
  private readonly maxStreams: number;

  constructor(
    private readonly store: EventStore,
    options: StreamFoldCacheOptions = {},
  ) {
    this.interval = options.interval ?? 256;
    this.minEvents = options.minEvents ?? 512;
    this.maxStreams = options.maxStreams ?? 64;
  }

  /** How many streams are kept (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Throws `StreamNotFound` when the stream has no events (as of the point asked for). */
  async fold(definition: ViewDefinition, stream: string, asOf: FoldAsOf = {}): Promise<FoldResult> {
    let entry = await this.current(stream, definition);
    if (!entry) {
      const events = await this.store.readStream(stream);
      if (events.length < this.minEvents) return foldEvents(definition, stream, events, asOf);
      entry = this.keep(stream, definition, events);
    }
    const head = entry.points[entry.points.length - 1];
    if (asOf.version === undefined && asOf.recordedAt === undefined) {
      return { version: head.version, state: head.state, now: head.state };
    }
    if (asOf.recordedAt !== undefined && !entry.monotone) {
      const events = await this.store.readStream(stream, readOptions(asOf));
      return { ...foldEvents(definition, stream, events, asOf), now: head.state };
    }
    const at = this.startingPoint(entry, asOf);
    const next = entry.points[at + 1];
    const from = entry.points[at];
    const upTo = Math.min(asOf.version ?? Infinity, next ? next.version : Infinity);
    const events =
      upTo > from.version
        ? await this.store.readStream(stream, {
            fromVersion: from.version + 1,
            ...(Number.isFinite(upTo) && { toVersion: upTo }),
            ...(asOf.recordedAt !== undefined && { toRecordedAt: asOf.recordedAt }),
          })
        : [];
    const state = events.reduce((s, e) => definition.evolve(s, e), from.state);
    const version = events.length > 0 ? events[events.length - 1].version : from.version;
    if (version === 0) throw new StreamNotFound(stream);
    return { version, state, now: head.state };
  }

  /** The kept entry, brought up to the stream's head; none when there is none or it is stale. */
  private async current(stream: string, definition: ViewDefinition): Promise<Entry | undefined> {
    const entry = this.entries.get(stream);
    if (!entry || entry.definition !== definition) return undefined;
    for (const subject of entry.subjects) {
      if (await this.store.isSubjectErased(subject)) {
        this.entries.delete(stream);
        return undefined;
      }
    }
    const head = entry.points[entry.points.length - 1];
    const tail = await this.store.readStream(stream, { fromVersion: head.version + 1 });
    if (!this.extend(entry, tail)) {
      this.entries.delete(stream);
      return undefined;
    }
    // Most recently used last: the first in the map is the first out.
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry;
  }

  private keep(stream: string, definition: ViewDefinition, events: RecordedEvent[]): Entry {
    const entry: Entry = {
      definition,
      points: [{ version: 0, recordedAt: -Infinity, state: definition.initialState }],
      monotone: true,
      subjects: new Set(),
    };
    this.extend(entry, events);
    this.entries.set(stream, entry);
    while (this.entries.size > this.maxStreams) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }

  /** Folds events after the head onto it (skipping any a concurrent read already folded); false
   * when they do not follow it (the entry is then unusable). */
  private extend(entry: Entry, events: RecordedEvent[]): boolean {
    const points = entry.points;
    let head = points[points.length - 1];
    let state = head.state;
    let version = head.version;
    let recordedAt = head.recordedAt;
    for (const event of events) {
      if (event.version <= version) continue;
      if (event.version !== version + 1) return false;
      const at = event.recordedAt.getTime();
      if (at < recordedAt) entry.monotone = false;
      if (event.personal && !event.personal.erased) entry.subjects.add(event.personal.subject);
      state = entry.definition.evolve(state, event);
      version = event.version;
      recordedAt = at;
      const point = { version, recordedAt, state };
      // The head is always a point; the one before it is kept only on the interval.
      if (head.version % this.interval !== 0 && head.version !== 0) points.pop();
      points.push(point);
      head = point;
    }
    return true;
  }

  /** The index of the last point at or before the as-of point (version and instant). */
  private startingPoint(entry: Entry, asOf: FoldAsOf): number {
    const version = asOf.version ?? Infinity;
    const instant = asOf.recordedAt?.getTime() ?? Infinity;
    const points = entry.points;
    let low = 0;
    let high = points.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (points[mid].version <= version && points[mid].recordedAt <= instant) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function readOptions(asOf: FoldAsOf) {
  return {
    ...(asOf.version !== undefined && { toVersion: asOf.version }),
    ...(asOf.recordedAt !== undefined && { toRecordedAt: asOf.recordedAt }),
  };
}

/** Folds events already read: as of the point, and (all of them) now. */
function foldEvents(
  definition: ViewDefinition,
  stream: string,
  events: RecordedEvent[],
  asOf: FoldAsOf,
): FoldResult {
  const instant = asOf.recordedAt?.getTime();
  const upTo = events.filter(
    (e) =>
      (asOf.version === undefined || e.version <= asOf.version) &&
      (instant === undefined || e.recordedAt.getTime() <= instant),
  );
  if (upTo.length === 0) throw new StreamNotFound(stream);
  const fold = (list: RecordedEvent[], from: unknown) =>
    list.reduce((s, e) => definition.evolve(s, e), from);
  const state = fold(upTo, definition.initialState);
  // The events up to the point are a prefix (recording times in order): fold on from there;
  // otherwise (times that go backwards) fold them all anew.
  const prefix = upTo[upTo.length - 1] === events[upTo.length - 1];
  return {
    version: upTo[upTo.length - 1].version,
    state,
    now: prefix ? fold(events.slice(upTo.length), state) : fold(events, definition.initialState),
  };
}
