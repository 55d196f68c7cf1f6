/**
 * The audit bundle verifier (docs/audit-bundle.md, "Verifying a bundle"): offline by
 * construction — no database, no server, no Nest; only node:crypto and RFC 8785 canonicalisation.
 * It trusts nothing in the bundle but the keys it is given (`--key`) — or, without them, the keys
 * the bundle carries, which it then says — and a checkpoint the auditor kept (`--checkpoint`).
 * It stops at the first problem, in the order the spec fixes, and names it.
 */
import { parseBundle } from './bundle-lines';
import { checkBundleCheckpoint, checkKeptCheckpoint } from './checkpoint-checks';
import { checkDocuments } from './document-checks';
import { checkEvents } from './event-checks';
import { checkManifest } from './manifest-checks';
import { Found, type BundleReport, type VerifyOptions } from './problems';
import { checkKeys, checkSeals } from './seal-checks';

export {
  BUNDLE_FORMAT,
  CHECKPOINT_FORMAT,
  ED25519_SPKI_PREFIX,
  GENESIS,
  bodyDigest,
  eventHashOf,
  jcs,
  keyIdOfSpki,
} from './primitives';
export type {
  BundleProblem,
  BundleReport,
  KeptCheckpoint,
  ProblemKind,
  VerifyOptions,
} from './problems';
export { verifyInclusion } from './inclusion-proofs';
export { pdfAttachment } from './pdf-attachment';
export { ed25519KeyOfSpki, trustedKeyOfPem } from './seal-checks';
export { parseKeptCheckpoint } from './checkpoint-checks';

/** Verifies a bundle's bytes; never throws for a bad bundle (the report names the problem). */
export function verifyBundle(bytes: Buffer, options: VerifyOptions = {}): BundleReport {
  const report: BundleReport = {
    ok: true,
    warnings: [],
    events: 0,
    streams: 0,
    seals: 0,
    keys: options.trustedKeys ? 'given' : 'bundled',
    unsealed: 0,
    documents: 0,
  };
  try {
    check(bytes, options, report);
  } catch (err) {
    if (!(err instanceof Found)) throw err;
    report.ok = false;
    report.problem = err.problem;
  }
  return report;
}

/** The checks in the order the spec fixes; the first problem throws (`Found`). */
function check(bytes: Buffer, options: VerifyOptions, report: BundleReport): void {
  const parsed = parseBundle(bytes, report); // 1, 2
  const trusted = checkKeys(parsed.byPart.keys, options, report); // 3
  const seals = checkSeals(parsed.byPart.seals, trusted, report); // 4
  const headTreeSize = checkBundleCheckpoint(parsed.byPart.checkpoint[0], seals, trusted, report); // 5
  checkKeptCheckpoint(options.checkpoint, seals, headTreeSize, trusted, report); // 6
  const found = checkEvents(parsed.byPart.events, seals, report); // 7
  checkManifest(parsed, seals, found, trusted, report); // 8
  checkDocuments(parsed.byPart.documents, parsed.byPart.events, report); // 9
}
