/** What the verifier reports, and how a check stops at the first problem. */
import type { CheckpointBody, PartName } from './line-shapes';

export type ProblemKind =
  | 'bundle-malformed'
  | 'unsupported-format'
  | 'key-invalid'
  | 'seal-hash-mismatch'
  | 'seal-key-untrusted'
  | 'seal-signature-invalid'
  | 'seal-chain-broken'
  | 'checkpoint-invalid'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-inconsistent'
  | 'checkpoint-not-on-chain'
  | 'checkpoint-not-covered'
  | 'events-out-of-order'
  | 'event-hash-mismatch'
  | 'missing-events'
  | 'chain-broken'
  | 'proof-seal-missing'
  | 'proof-invalid'
  | 'manifest-mismatch'
  | 'document-digest-mismatch'
  | 'manifest-digest-mismatch'
  | 'manifest-key-untrusted'
  | 'manifest-signature-invalid'
  | 'document-event-missing'
  | 'document-mismatch';

export interface BundleProblem {
  kind: ProblemKind;
  message: string;
  /** 1-based line of the bundle the problem is on, when it is on one. */
  line?: number;
  part?: PartName | 'manifest';
  stream?: string;
  version?: number;
  seal?: number;
  /** The document's name, for a document's problem. */
  document?: string;
}

export interface BundleReport {
  ok: boolean;
  problem?: BundleProblem;
  /** What was not checked and why (no checkpoint line, keys taken from the bundle, …). */
  warnings: string[];
  subject?: { type: string; id: string };
  events: number;
  streams: number;
  seals: number;
  sealRange?: { fromSeq: number; toSeq: number };
  /** Whose keys the signatures were checked with. */
  keys: 'given' | 'bundled';
  /** How the kept checkpoint relates to the bundle's seal chain, when one was given. */
  checkpoint?: 'on-chain' | 'extends';
  /** Events of the exported streams that no seal covered yet (not in the bundle). */
  unsealed: number;
  /** The documents checked. */
  documents: number;
}

/** A checkpoint the auditor kept: a seal hash, or the signed checkpoint as GET /audit/checkpoint served it. */
export interface KeptCheckpoint {
  sealHash: string;
  seq?: number;
  treeSize?: number;
  signed?: { body: CheckpointBody; signature: string };
}

export interface VerifyOptions {
  /** Trusted Ed25519 public keys (SPKI PEM). Given: only these; else the bundle's own keys. */
  trustedKeys?: string[];
  checkpoint?: KeptCheckpoint;
}

export class Found extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}
export const fail = (problem: BundleProblem): never => {
  throw new Found(problem);
};
