import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { merkleRoot } from '@ecvet/event-store';
import { verifyInclusion } from '../../../cli/src/bundle/verify';
import { auditPath, auditPathRecursive, merkleLevels, rootOf } from './merkle-path';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it("the levels' root is the seals' Merkle root, and each audit path is PATH(m, D[n])", () => {
    for (let n = 1; n <= 70; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leaf(i));
      const levels = merkleLevels(leaves);
      expect(rootOf(levels).equals(merkleRoot(leaves))).toBe(true);
      for (let m = 0; m < n; m++)
        expect(auditPath(levels, m).map((h) => h.toString('hex'))).toEqual(
          auditPathRecursive(leaves, m).map((h) => h.toString('hex')),
        );
    }
  });

  it('every proof verifies with the RFC 9162 algorithm; another leaf, index, size or root does not', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, m]) => {
          const leaves = Array.from({ length: n }, (_, i) => leaf(i));
          const levels = merkleLevels(leaves);
          const root = rootOf(levels);
          const path = auditPath(levels, m);
          expect(verifyInclusion(leaves[m], m, n, path, root)).toBe(true);
          expect(verifyInclusion(leaf(n + 1), m, n, path, root)).toBe(false);
          expect(verifyInclusion(leaves[m], m, n, path, leaf(-1))).toBe(false);
          if (n > 1) {
            expect(verifyInclusion(leaves[m], (m + 1) % n, n, path, root)).toBe(false);
            expect(verifyInclusion(leaves[m], m, n, path.slice(1), root)).toBe(false);
          }
          expect(verifyInclusion(leaves[m], n, n, path, root)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
