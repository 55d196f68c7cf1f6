import fc from 'fast-check';
import {
  StreamNotFound,
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@ecvet/event-store';
import type { ViewDefinition } from '../read-models/view-definitions';
import { StreamFoldCache, type FoldAsOf } from './stream-fold-cache';

/**
 * The cache must answer exactly what folding the store's events answers, for any stream, any
 * as-of point, appends in between, clocks that go backwards and erasures. The store here is a
 * list in memory with the PostgreSQL adapter's read semantics (filters on version and
 * recorded_at, StreamNotFound for a stream without events): the cache's own logic is what is
 * under test; its use against PostgreSQL is in test/api/as-of-fold-cache.int.spec.ts.
 */
class ListStore {
  events: RecordedEvent[] = [];
  erased = new Set<string>();
  reads = 0;
  readEvents = 0;

  append(recordedAt: number, subject?: string): void {
    const version = this.events.length + 1;
    this.events.push({
      id: `e${version}`,
      stream: 'S-1',
      type: 'Happened',
      version,
      position: BigInt(version),
      checkpoint: String(version),
      data: {},
      metadata: {},
      recordedAt: new Date(recordedAt),
      hash: '',
      prevHash: '',
      ...(subject && { personal: { subject, fields: ['name'], erased: false } }),
    });
  }

  readStream(stream: string, o: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (this.events.length === 0) return Promise.reject(new StreamNotFound(stream));
    const out = this.events
      .filter(
        (e) =>
          (o.fromVersion === undefined || e.version >= o.fromVersion) &&
          (o.toVersion === undefined || e.version <= o.toVersion) &&
          (o.toRecordedAt === undefined || e.recordedAt <= o.toRecordedAt),
      )
      .map((e) =>
        e.personal
          ? { ...e, personal: { ...e.personal, erased: this.erased.has(e.personal.subject) } }
          : e,
      );
    this.reads++;
    this.readEvents += out.length;
    return Promise.resolve(out);
  }

  isSubjectErased(subject: string): Promise<boolean> {
    return Promise.resolve(this.erased.has(subject));
  }

  asPort(): EventStore {
    // Only the reads the cache makes; anything else fails loudly.
    const fail = () => Promise.reject(new Error('not used by the cache'));
    return {
      readStream: (s, o) => this.readStream(s, o),
      isSubjectErased: (s) => this.isSubjectErased(s),
      append: fail,
      streamVersion: fail,
      readAll: fail,
      subscribeToAll: () => {
        throw new Error('not used by the cache');
      },
      forgetSubject: fail,
      dispose: fail,
    };
  }
}

/** State = the versions folded and whether each one's personal data was erased, as a string. */
const definition: ViewDefinition = {
  kind: 'things',
  initialState: '',
  evolve: (state, e) => `${String(state)}${e.version}${e.personal?.erased ? 'x' : ''},`,
  view: () => ({}),
};

async function plainFold(store: ListStore, asOf: FoldAsOf) {
  const all = await store.readStream('S-1');
  const upTo = all.filter(
    (e) =>
      (asOf.version === undefined || e.version <= asOf.version) &&
      (asOf.recordedAt === undefined || e.recordedAt <= asOf.recordedAt),
  );
  const fold = (list: RecordedEvent[]) =>
    list.reduce((s, e) => definition.evolve(s, e), definition.initialState);
  if (upTo.length === 0) return 'not found';
  return { version: upTo[upTo.length - 1].version, state: fold(upTo), now: fold(all) };
}

type Step =
  | { kind: 'append'; count: number; step: number; back: boolean; subject: boolean }
  | { kind: 'read'; version?: number; instant?: number }
  | { kind: 'erase' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('append' as const),
    count: fc.integer({ min: 1, max: 30 }),
    step: fc.integer({ min: 0, max: 3 }),
    back: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    subject: fc.boolean(),
  }),
  fc.record(
    {
      kind: fc.constant('read' as const),
      version: fc.integer({ min: 0, max: 120 }),
      instant: fc.integer({ min: -5, max: 400 }),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.constant({ kind: 'erase' as const }),
);

describe('StreamFoldCache', () => {
  it('answers as a plain fold of the store would, whatever is appended, asked or erased', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const store = new ListStore();
        const cache = new StreamFoldCache(store.asPort(), { interval: 4, minEvents: 8 });
        let clock = 0;
        for (const s of steps) {
          if (s.kind === 'append') {
            for (let i = 0; i < s.count; i++) {
              clock += s.back && i === 0 ? -7 : s.step;
              store.append(clock, s.subject ? 'learner-1' : undefined);
            }
            continue;
          }
          if (s.kind === 'erase') {
            store.erased.add('learner-1');
            continue;
          }
          if (store.events.length === 0) continue;
          const asOf: FoldAsOf = {
            ...(s.version !== undefined && { version: s.version }),
            ...(s.instant !== undefined && { recordedAt: new Date(s.instant) }),
          };
          const expected = await plainFold(store, asOf);
          const actual = await cache
            .fold(definition, 'S-1', asOf)
            .catch((err: unknown) => (err instanceof StreamNotFound ? 'not found' : err));
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads only the events since the nearest kept state once a long stream is kept', async () => {
    const store = new ListStore();
    for (let i = 0; i < 10_000; i++) store.append(i);
    const cache = new StreamFoldCache(store.asPort(), { interval: 256 });
    await cache.fold(definition, 'S-1');
    expect(cache.size).toBe(1);
    store.readEvents = 0;
    store.reads = 0;
    const result = await cache.fold(definition, 'S-1', { recordedAt: new Date(7_000) });
    expect(result.version).toBe(7_001);
    // The tail since the head (none) and the events from the kept state at 6,912 up to 7,001.
    expect(store.reads).toBe(2);
    expect(store.readEvents).toBe(7_001 - 6_912);
  });

  it('drops a stream once a subject it folded in clear is erased', async () => {
    const store = new ListStore();
    for (let i = 0; i < 600; i++) store.append(i, i === 3 ? 'learner-1' : undefined);
    const cache = new StreamFoldCache(store.asPort());
    // Version 300 starts from the state kept at 256, which folded event 4 in clear.
    const before = await cache.fold(definition, 'S-1', { version: 300 });
    expect(String(before.state)).toContain(',4,');
    store.erased.add('learner-1');
    const after = await cache.fold(definition, 'S-1', { version: 300 });
    expect(String(after.state)).toContain(',4x,');
    expect(String(after.now)).toContain(',4x,');
  });

  it('folds a short stream whose clock went back as the store returns it, now included', async () => {
    const store = new ListStore();
    for (const at of [0, 10, 5]) store.append(at);
    const cache = new StreamFoldCache(store.asPort());
    // Recorded at or before 6: versions 1 and 3, not a prefix of the stream.
    const result = await cache.fold(definition, 'S-1', { recordedAt: new Date(6) });
    expect(result).toEqual({ version: 3, state: '1,3,', now: '1,2,3,' });
  });

  it('keeps no more streams than it is allowed, and none shorter than its minimum', async () => {
    const store = new ListStore();
    for (let i = 0; i < 20; i++) store.append(i);
    const cache = new StreamFoldCache(store.asPort(), { minEvents: 21, maxStreams: 2 });
    await cache.fold(definition, 'S-1');
    expect(cache.size).toBe(0);
    store.append(21);
    await cache.fold(definition, 'S-1');
    expect(cache.size).toBe(1);
    // The list store answers every stream name with the same events: three streams, two kept.
    await cache.fold(definition, 'S-2');
    await cache.fold(definition, 'S-3');
    expect(cache.size).toBe(2);
  });
});
