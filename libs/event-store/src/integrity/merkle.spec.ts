import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { merkleRoot, merkleRootRecursive } from './merkle';

const leaf = (i: number) => createHash('sha256').update(String(i)).digest();

describe('the Merkle root (RFC 9162 tree hash)', () => {
  it('matches the recursive definition for every size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const leaves = Array.from({ length: n }, (_, i) => leaf(i));
        expect(merkleRoot(leaves).equals(merkleRootRecursive(leaves))).toBe(true);
      }),
    );
  });

  it('follows RFC 9162 for one and two leaves', () => {
    const [a, b] = [leaf(1), leaf(2)];
    const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    expect(merkleRoot([a])).toEqual(h(Buffer.from([0]), a));
    expect(merkleRoot([a, b])).toEqual(
      h(Buffer.from([1]), h(Buffer.from([0]), a), h(Buffer.from([0]), b)),
    );
    expect(merkleRoot([])).toEqual(h());
  });

  it('changes when a leaf is removed, altered or two are swapped', () => {
    const leaves = Array.from({ length: 10 }, (_, i) => leaf(i));
    const root = merkleRoot(leaves);
    expect(merkleRoot(leaves.slice(1))).not.toEqual(root);
    expect(merkleRoot([leaf(99), ...leaves.slice(1)])).not.toEqual(root);
    const swapped = [...leaves];
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(merkleRoot(swapped)).not.toEqual(root);
  });
});
