/** Checkpoints: the bundle's signed one and the one the auditor kept (docs/audit-bundle.md, steps 5 and 6). */
import type { KeyObject } from 'node:crypto';
import type { BundleLine } from './bundle-lines';
import { checkpointShape, isB64, type CheckpointBody, type SealLine } from './line-shapes';
import { fail, type BundleReport, type KeptCheckpoint } from './problems';
import { bodyDigest } from './primitives';
import { sealedAfter as sealedAfterIn, signatureValid } from './seal-checks';

/** A kept checkpoint from the `--checkpoint` argument's text: 64 hex digits, or a checkpoint's JSON. */
export function parseKeptCheckpoint(text: string): KeptCheckpoint {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { sealHash: trimmed.toLowerCase() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('a checkpoint is a seal hash (64 hex digits) or a checkpoint as JSON');
  }
  const c = parsed as { body?: unknown; signature?: unknown };
  const problem = checkpointShape(c.body) ?? (isB64(c.signature) ? undefined : 'its signature');
  if (problem) throw new Error(`not a checkpoint (${problem})`);
  const body = c.body as CheckpointBody;
  return {
    sealHash: body.sealHash,
    seq: body.seq,
    treeSize: body.treeSize,
    signed: { body, signature: c.signature as string },
  };
}

/** Step 5. The bundle's checkpoint: the server's signed statement of the latest seal and tree size. */
export function checkBundleCheckpoint(
  cpLine: BundleLine | undefined,
  seals: SealLine[],
  trusted: Map<string, KeyObject>,
  report: BundleReport,
): number | undefined {
  const last = seals[seals.length - 1];
  const sealedAfter = (index: number) => sealedAfterIn(seals, index);
  let headTreeSize: number | undefined;
  if (cpLine) {
    const cp = cpLine.value as { body: CheckpointBody; signature: string };
    const bad = (why: string) =>
      fail({
        kind: 'checkpoint-invalid',
        line: cpLine.line,
        part: 'checkpoint',
        message: `the bundle's checkpoint ${why}`,
      });
    const key = trusted.get(cp.body.keyId);
    if (!key) bad(`is signed with key ${cp.body.keyId}, which is not a trusted key`);
    if (!signatureValid(bodyDigest(cp.body), cp.signature, key!)) bad('has an invalid signature');
    if (!last) bad('names a seal, but the bundle holds none');
    if (
      cp.body.seq !== last.body.seq ||
      cp.body.sealHash !== last.hash ||
      cp.body.sealedAt !== last.body.sealedAt
    )
      bad(`is not the bundle's last seal (${last.body.seq})`);
    if (cp.body.treeSize < sealedAfter(-1))
      bad(`counts ${cp.body.treeSize} sealed events, fewer than the bundle's seals cover`);
    headTreeSize = cp.body.treeSize;
  } else if (last) {
    report.warnings.push('the bundle has no signed checkpoint (the server had no seal key)');
  }
  return headTreeSize;
}

/** Step 6. The checkpoint the auditor kept: on the chain, or the chain extends from it. */
export function checkKeptCheckpoint(
  kept: KeptCheckpoint | undefined,
  seals: SealLine[],
  headTreeSize: number | undefined,
  trusted: Map<string, KeyObject>,
  report: BundleReport,
): void {
  const first = seals[0];
  const last = seals[seals.length - 1];
  const sealedAfter = (index: number) => sealedAfterIn(seals, index);
  if (kept) {
    const name = `the kept checkpoint (${kept.seq !== undefined ? `seal ${kept.seq}, ` : ''}${kept.sealHash})`;
    if (kept.signed) {
      const key = trusted.get(kept.signed.body.keyId);
      if (!key)
        report.warnings.push(
          `${name} is signed with key ${kept.signed.body.keyId}, which is not a trusted key: its signature was not checked`,
        );
      else if (!signatureValid(bodyDigest(kept.signed.body), kept.signed.signature, key))
        fail({
          kind: 'checkpoint-signature-invalid',
          message: `${name} has an invalid signature`,
        });
    }
    const inconsistent = (why: string) =>
      fail({ kind: 'checkpoint-inconsistent', message: `${name} ${why}` });
    const index = seals.findIndex((s) => s.hash === kept.sealHash);
    if (index >= 0) {
      const seal = seals[index];
      if (kept.seq !== undefined && kept.seq !== seal.body.seq)
        inconsistent(`names seal ${kept.seq}, but that hash is seal ${seal.body.seq}'s`);
      if (
        kept.treeSize !== undefined &&
        headTreeSize !== undefined &&
        headTreeSize - sealedAfter(index) !== kept.treeSize
      )
        inconsistent(
          `counts ${kept.treeSize} sealed events, the bundle's chain ${headTreeSize - sealedAfter(index)} at that seal`,
        );
      report.checkpoint = 'on-chain';
    } else if (first && first.body.prevSealHash === kept.sealHash) {
      if (kept.seq !== undefined && kept.seq !== first.body.seq - 1)
        inconsistent(`names seal ${kept.seq}, but seal ${first.body.seq} follows that hash`);
      if (
        kept.treeSize !== undefined &&
        headTreeSize !== undefined &&
        headTreeSize - sealedAfter(-1) !== kept.treeSize
      )
        inconsistent(
          `counts ${kept.treeSize} sealed events, the bundle's chain ${headTreeSize - sealedAfter(-1)} before seal ${first.body.seq}`,
        );
      report.checkpoint = 'extends';
    } else if (
      !first ||
      (kept.seq !== undefined && (kept.seq < first.body.seq - 1 || kept.seq > last.body.seq))
    ) {
      fail({
        kind: 'checkpoint-not-covered',
        message: first
          ? `${name} is outside the bundle's seal chain (seals ${first.body.seq}..${last.body.seq}): export again with --checkpoint to include it`
          : `${name} cannot be checked: the bundle holds no seal`,
      });
    } else {
      fail({
        kind: 'checkpoint-not-on-chain',
        message:
          `${name} is not on the bundle's seal chain (seals ${first.body.seq}..${last.body.seq}) and the chain does not extend from it: ` +
          'the history was rewritten and sealed again' +
          (kept.seq === undefined
            ? ' — or the checkpoint is older than the chain (export again with --checkpoint)'
            : ''),
      });
    }
  }
}
