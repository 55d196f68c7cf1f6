import { createHash } from 'node:crypto';

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/**
 * The levels of the RFC 9162 Merkle tree over `leaves` (the events' 32-byte hashes), bottom-up:
 * level 0 holds the leaf hashes SHA-256(0x00 || leaf), each next level pairs the nodes left to
 * right, SHA-256(0x01 || left || right), and promotes an odd last node unchanged. For RFC 9162's
 * split rule (k the largest power of two below n) this is the same tree, so its top is MTH(D[n])
 * (the seal's `merkleRoot`) and the siblings met on the way up are PATH(m, D[n]) of §2.1.3.1.
 */
export function merkleLevels(leaves: readonly Buffer[]): Buffer[][] {
  if (leaves.length === 0) return [[createHash('sha256').digest()]];
  const levels: Buffer[][] = [
    leaves.map((leaf) => createHash('sha256').update(LEAF).update(leaf).digest()),
  ];
  for (let level = levels[0]; level.length > 1;) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(
        createHash('sha256')
          .update(NODE)
          .update(level[i])
          .update(level[i + 1])
          .digest(),
      );
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    levels.push(next);
    level = next;
  }
  return levels;
}

/** The root: MTH(D[n]). */
export function rootOf(levels: Buffer[][]): Buffer {
  return levels[levels.length - 1][0];
}

/**
 * The inclusion proof (audit path) of leaf `index`: RFC 9162 §2.1.3.1 PATH(m, D[n]), the sibling
 * nodes from the leaf up to the root. It reveals nothing of the other leaves but these hashes.
 */
export function auditPath(levels: Buffer[][], index: number): Buffer[] {
  const n = levels[0].length;
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new RangeError(`leaf ${index} is not in a tree of ${n}`);
  const path: Buffer[] = [];
  let i = index;
  for (let l = 0; l < levels.length - 1; l++) {
    const sibling = i ^ 1;
    if (sibling < levels[l].length) path.push(levels[l][sibling]);
    i >>= 1;
  }
  return path;
}

/** PATH(m, D[n]) straight from RFC 9162's recursive definition, for tests of `auditPath`. */
export function auditPathRecursive(leaves: readonly Buffer[], m: number): Buffer[] {
  const n = leaves.length;
  if (n <= 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k
    ? [...auditPathRecursive(leaves.slice(0, k), m), rootOf(merkleLevels(leaves.slice(k)))]
    : [...auditPathRecursive(leaves.slice(k), m - k), rootOf(merkleLevels(leaves.slice(0, k)))];
}
