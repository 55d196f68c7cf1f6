import fc from 'fast-check';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { DuplicateEventId, InvalidAppend } from '../port/event-store.errors';
import { START } from '../port/event-store.port';
import {
  actualVersion,
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  exactExpectedVersion,
  judgeAppend,
  matchesFilter,
  revisionOf,
  satisfiesExpected,
  serverFilterSpec,
  toStreamState,
  versionOf,
  type TailEvent,
} from './kurrentdb-mapping';

const U64_MAX = (1n << 64n) - 1n;
const u64 = fc.bigInt({ min: 0n, max: U64_MAX });
/** Mostly small positions (where collisions of commit positions happen), sometimes huge ones. */
const logPart = fc.oneof(fc.bigInt({ min: 0n, max: 50n }), u64);
const position = fc.record({ commit: logPart, prepare: logPart });

describe('KurrentDB checkpoints', () => {
  it('round-trip: decoding an encoded position gives the position back', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(decodeCheckpoint(encodeCheckpoint(p))).toEqual(p);
      }),
    );
  });

  it('string order of checkpoints is the (commit, prepare) order of the log', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const ca = encodeCheckpoint(a);
        const cb = encodeCheckpoint(b);
        const stringOrder = ca < cb ? -1 : ca > cb ? 1 : 0;
        expect(stringOrder).toBe(comparePositions(a, b));
      }),
    );
  });

  it('sorting checkpoints as strings sorts their positions in log order', () => {
    fc.assert(
      fc.property(fc.array(position, { maxLength: 30 }), (positions) => {
        const byString = positions.map(encodeCheckpoint).sort();
        const byLog = [...positions].sort(comparePositions).map(encodeCheckpoint);
        expect(byString).toEqual(byLog);
      }),
    );
  });

  it('START is the empty string, decodes to no position and sorts before every checkpoint', () => {
    expect(START).toBe('');
    expect(decodeCheckpoint(START)).toBeUndefined();
    fc.assert(fc.property(position, (p) => expect(START < encodeCheckpoint(p)).toBe(true)));
  });

  it('writes commit then prepare, zero-padded to the 20 digits of 2^64 - 1', () => {
    expect(encodeCheckpoint({ commit: 1234n, prepare: 1200n })).toBe(
      '00000000000000001234:00000000000000001200',
    );
    expect(encodeCheckpoint({ commit: U64_MAX, prepare: 0n })).toBe(
      '18446744073709551615:00000000000000000000',
    );
  });

  it('refuses positions outside the unsigned 64-bit range', () => {
    expect(() => encodeCheckpoint({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeCheckpoint({ commit: 0n, prepare: U64_MAX + 1n })).toThrow(RangeError);
  });

  it.each([
    ['garbage', 'abc'],
    ['a PostgreSQL checkpoint', '00000000000000000001-00000000000000000002'],
    ['unpadded parts', '12:34'],
    ['a part beyond 2^64 - 1', '99999999999999999999:00000000000000000000'],
    ['a trailing newline', '00000000000000000001:00000000000000000002\n'],
  ])('refuses to decode %s', (_what, checkpoint) => {
    expect(() => decodeCheckpoint(checkpoint)).toThrow(RangeError);
  });
});

describe('KurrentDB expected versions', () => {
  it('maps the named expectations to the client constants', () => {
    expect(toStreamState()).toBe(ANY);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no-stream')).toBe(NO_STREAM);
    expect(toStreamState('stream-exists')).toBe(STREAM_EXISTS);
  });

  it('treats expected 0 as no-stream', () => {
    expect(toStreamState(0)).toBe(NO_STREAM);
    expect(exactExpectedVersion(0)).toBe(0);
    expect(exactExpectedVersion('no-stream')).toBe(0);
  });

  it('maps our version n (1-based) to the revision n - 1 (0-based)', () => {
    expect(toStreamState(1)).toBe(0n);
    expect(toStreamState(42)).toBe(41n);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(toStreamState(n)).toBe(BigInt(n - 1));
        expect(versionOf(revisionOf(n))).toBe(n);
      }),
    );
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses the expected version %p with InvalidAppend',
    (n) => {
      expect(() => toStreamState(n)).toThrow(InvalidAppend);
      expect(() => satisfiesExpected(n, 0)).toThrow(InvalidAppend);
    },
  );

  it('names no exact version for any and stream-exists', () => {
    expect(exactExpectedVersion('any')).toBeUndefined();
    expect(exactExpectedVersion('stream-exists')).toBeUndefined();
    expect(exactExpectedVersion(7)).toBe(7);
  });

  it('checks an expectation against the stream version (0: no stream)', () => {
    const table: [Parameters<typeof satisfiesExpected>[0], number, boolean][] = [
      ['any', 0, true],
      ['any', 5, true],
      ['no-stream', 0, true],
      ['no-stream', 1, false],
      [0, 0, true],
      [0, 1, false],
      ['stream-exists', 0, false],
      ['stream-exists', 1, true],
      [3, 3, true],
      [3, 2, false],
      [3, 4, false],
    ];
    for (const [expected, version, ok] of table) {
      expect([expected, version, satisfiesExpected(expected, version)]).toEqual([
        expected,
        version,
        ok,
      ]);
    }
  });

  it("reads the actual version off a WrongExpectedVersionError's state", () => {
    expect(actualVersion(NO_STREAM)).toBe(0);
    expect(actualVersion(0n)).toBe(1);
    expect(actualVersion(4n)).toBe(5);
    // The server's markers of deleted (-5) and tombstoned (-6) streams, and -1 (no stream).
    expect(actualVersion(-1n)).toBe(0);
    expect(actualVersion(-6n)).toBe(0);
  });
});

describe('KurrentDB retries and duplicates (judgeAppend)', () => {
  const tail = (...ids: string[]): TailEvent[] =>
    ids.map((id, i) => ({ id, version: i + 1, position: BigInt(100 + i) }));

  it('writes when none of the ids is in the tail and the version meets the expectation', () => {
    expect(judgeAppend('S', 2, tail('a', 'b'), ['c'], 2)).toEqual({ kind: 'write' });
    expect(judgeAppend('S', 2, tail('a', 'b'), ['c'], 'any')).toEqual({ kind: 'write' });
    expect(judgeAppend('S', 0, [], ['a'], 'no-stream')).toEqual({ kind: 'write' });
  });

  it('is a conflict when the version does not meet the expectation', () => {
    expect(judgeAppend('S', 2, tail('a', 'b'), ['c'], 1)).toEqual({ kind: 'conflict' });
    expect(judgeAppend('S', 0, [], ['a'], 'stream-exists')).toEqual({ kind: 'conflict' });
  });

  it('recognises a retry at the expected version, even after the stream moved on', () => {
    expect(judgeAppend('S', 3, tail('a', 'b', 'c'), ['b'], 1)).toEqual({
      kind: 'retry',
      batch: { firstVersion: 2, lastVersion: 2, position: 101n },
    });
    expect(judgeAppend('S', 2, tail('a', 'b'), ['a', 'b'], 'no-stream')).toEqual({
      kind: 'retry',
      batch: { firstVersion: 1, lastVersion: 2, position: 101n },
    });
  });

  it('recognises a retry anywhere in the tail for any and stream-exists', () => {
    expect(judgeAppend('S', 3, tail('a', 'b', 'c'), ['a', 'b'], 'any')).toMatchObject({
      kind: 'retry',
      batch: { lastVersion: 2 },
    });
    expect(judgeAppend('S', 3, tail('a', 'b', 'c'), ['c'], 'stream-exists')).toMatchObject({
      kind: 'retry',
      batch: { lastVersion: 3 },
    });
  });

  it('reports the same ids at another position as DuplicateEventId', () => {
    // At another version than the expected one.
    expect(() => judgeAppend('S', 2, tail('a', 'b'), ['a'], 1)).toThrow(DuplicateEventId);
    // Mixed with new ids, or out of order.
    expect(() => judgeAppend('S', 2, tail('a', 'b'), ['c', 'a'], 2)).toThrow(DuplicateEventId);
    expect(() => judgeAppend('S', 2, tail('a', 'b'), ['b', 'a'], 'any')).toThrow(
      expect.objectContaining({ eventId: 'b', existingStream: 'S', existingVersion: 2 }),
    );
  });
});

describe('KurrentDB filters', () => {
  it('asks the server for event types first, else stream prefixes, else no system events', () => {
    expect(serverFilterSpec({ eventTypes: ['Opened', 'Opened'], streamPrefixes: ['A-'] })).toEqual({
      on: 'eventType',
      prefixes: ['Opened'],
    });
    expect(serverFilterSpec({ streamPrefixes: ['A-'] })).toEqual({
      on: 'streamName',
      prefixes: ['A-'],
    });
    expect(serverFilterSpec(undefined)).toEqual({ on: 'excludeSystemEvents' });
    expect(serverFilterSpec({ eventTypes: [], streamPrefixes: [] })).toEqual({
      on: 'excludeSystemEvents',
    });
  });

  it('matches exact event types (the server only filters by prefix) and stream prefixes', () => {
    const filter = { eventTypes: ['Opened'], streamPrefixes: ['Alpha-', 'Beta-'] };
    expect(matchesFilter(filter, 'Alpha-1', 'Opened')).toBe(true);
    expect(matchesFilter(filter, 'Beta-1', 'Opened')).toBe(true);
    expect(matchesFilter(filter, 'Alpha-1', 'OpenedAgain')).toBe(false);
    expect(matchesFilter(filter, 'Gamma-1', 'Opened')).toBe(false);
    expect(matchesFilter(undefined, 'Gamma-1', 'Anything')).toBe(true);
  });
});
