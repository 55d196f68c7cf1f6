import { createHash, sign, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { SealSigner } from './seal-signer';

/** docs/audit-bundle.md, "Checkpoints". */
export const CHECKPOINT_FORMAT = 'ecvet-checkpoint/1';

/** What a checkpoint attests: the latest seal, and how many events the seals up to it cover. */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  keyId: string;
  sealHash: string;
  /** The seal's own time: the same seal always gives the same checkpoint (Ed25519 is deterministic). */
  sealedAt: string;
  seq: number;
  /** The number of events sealed by seals 1..seq: the size of the sealed log. */
  treeSize: number;
}

export interface SignedCheckpoint {
  body: CheckpointBody;
  /** Ed25519 over SHA-256(JCS(body)), base64. */
  signature: string;
}

/** RFC 8785 text of a JSON value (every value here is plain JSON). */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('not JSON');
  return text;
}

/** SHA-256 of the RFC 8785 text: what the seal key signs (seals, checkpoints, manifests). */
export function signedDigest(body: object): Buffer {
  return createHash('sha256').update(jcs(body), 'utf8').digest();
}

export function signBody(body: object, signer: SealSigner): string {
  return sign(null, signedDigest(body), signer.privateKey).toString('base64');
}

export function signCheckpoint(
  seal: { seq: number; sealHash: string; sealedAt: string },
  treeSize: number,
  signer: SealSigner,
): SignedCheckpoint {
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    keyId: signer.keyId,
    sealHash: seal.sealHash,
    sealedAt: seal.sealedAt,
    seq: seal.seq,
    treeSize,
  };
  return { body, signature: signBody(body, signer) };
}

/** The DER SubjectPublicKeyInfo of an Ed25519 key, base64: how bundles and checkpoints ship it. */
export function spkiOf(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}
