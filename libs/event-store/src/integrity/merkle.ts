import { createHash } from 'node:crypto';

/**
 * Merkle tree hash in the style of RFC 9162 (Certificate Transparency v2), section 2.1.1:
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n.
 * Leaves are the events' hashes (32 bytes each). Computed bottom-up without recursion: for RFC
 * 9162's split rule, pairing left to right and promoting an odd last node gives the same root.
 */
export function merkleRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  let level: Buffer[] = leaves.map((leaf) =>
    createHash('sha256').update(LEAF).update(leaf).digest(),
  );
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(
        createHash('sha256')
          .update(NODE)
          .update(level[i])
          .update(level[i + 1])
          .digest(),
      );
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** The recursive definition straight from RFC 9162, for tests of `merkleRoot`. */
export function merkleRootRecursive(leaves: Buffer[]): Buffer {
  const n = leaves.length;
  if (n === 0) return createHash('sha256').digest();
  if (n === 1) return createHash('sha256').update(LEAF).update(leaves[0]).digest();
  let k = 1;
  while (k * 2 < n) k *= 2;
  return createHash('sha256')
    .update(NODE)
    .update(merkleRootRecursive(leaves.slice(0, k)))
    .update(merkleRootRecursive(leaves.slice(k)))
    .digest();
}
