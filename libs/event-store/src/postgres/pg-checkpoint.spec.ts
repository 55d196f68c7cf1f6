import fc from 'fast-check';
import { decodePgCheckpoint, encodePgCheckpoint } from './pg-checkpoint';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe('PostgreSQL checkpoints', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(u64, u64, (txId, position) => {
        expect(decodePgCheckpoint(encodePgCheckpoint({ txId, position }))).toEqual({
          txId,
          position,
        });
      }),
    );
  });

  it('order as strings exactly as (transaction, position) order', () => {
    fc.assert(
      fc.property(u64, u64, u64, u64, (t1, p1, t2, p2) => {
        const a = encodePgCheckpoint({ txId: t1, position: p1 });
        const b = encodePgCheckpoint({ txId: t2, position: p2 });
        const byPair = t1 === t2 ? Math.sign(Number(p1 - p2)) : t1 < t2 ? -1 : 1;
        expect(a === b ? 0 : a < b ? -1 : 1).toBe(byPair);
      }),
    );
  });

  it('start from the empty string and reject garbage', () => {
    expect(decodePgCheckpoint('')).toEqual({ txId: 0n, position: 0n });
    expect(() => decodePgCheckpoint('12-34')).toThrow(/not a PostgreSQL event-store checkpoint/);
  });
});
