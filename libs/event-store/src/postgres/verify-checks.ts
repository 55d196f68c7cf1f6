import type { KeyObject } from 'node:crypto';
import type { ClientConfig } from 'pg';
import { GENESIS_HASH } from '../integrity/event-hash';
import { sealHash, verifySealSignature } from '../integrity/seal-signer';
import type { StoredSeal } from './pg-sealer';

/**
 * What a verification of the log reports, and the checks that the single-lane verifier
 * (`pg-verifier.ts`) and the lanes (`verify-lane.ts`) share, so that both name a problem in the
 * same words.
 */

export type VerificationProblemKind =
  | 'event-hash-mismatch' // the stored fields do not hash to the stored hash: altered
  | 'chain-broken' // prevHash is not the hash of the stream's previous event
  | 'missing-events' // a stream skips versions: rows were deleted
  | 'seal-mismatch' // a seal's range no longer has the events it sealed: deleted, added or reordered
  | 'seal-chain-broken' // a seal does not follow the previous seal
  | 'seal-hash-mismatch' // a seal's stored fields do not hash to its hash
  | 'seal-signature-invalid' // not signed by a trusted key
  | 'seal-key-untrusted';

export interface VerificationProblem {
  kind: VerificationProblemKind;
  message: string;
  stream?: string;
  version?: number;
  position?: string;
  seal?: number;
  /** The range in which events are missing or altered (for seal problems and version gaps). */
  range?: {
    fromCheckpoint?: string;
    toCheckpoint?: string;
    fromVersion?: number;
    toVersion?: number;
    sealedCount?: number;
    foundCount?: number;
  };
}

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  /** Events after the last seal: their per-stream chains are verified, but deleting a whole
   * stream among them would go unnoticed until they are sealed. */
  unsealedEvents: number;
  problem?: VerificationProblem;
}

/** Thrown inside a verification to stop at the first problem. */
export class Found extends Error {
  constructor(readonly problem: VerificationProblem) {
    super(problem.message);
  }
}

/** Where an event is in the log (what a problem about it names). */
export interface EventAt {
  stream: string;
  version: number;
  position: string;
}

export function hashMismatch(at: EventAt): VerificationProblem {
  return {
    kind: 'event-hash-mismatch',
    message: `${at.stream}@${at.version} (position ${at.position}) was altered: its fields no longer hash to its stored hash`,
    ...at,
  };
}

export function missingEvents(at: EventAt, expectedVersion: number): VerificationProblem {
  return {
    kind: 'missing-events',
    message: `${at.stream} jumps from version ${expectedVersion - 1} to ${at.version}: versions ${expectedVersion}..${at.version - 1} are missing`,
    ...at,
    range: { fromVersion: expectedVersion, toVersion: at.version - 1 },
  };
}

export function chainBroken(at: EventAt): VerificationProblem {
  return {
    kind: 'chain-broken',
    message: `${at.stream}@${at.version} (position ${at.position}) does not chain to the stream's previous event`,
    ...at,
  };
}

/** The checks of an event against its stream's previous event (`head`; none: the stream's first
 * event), after its own hash matched. `prevHash` and the head's hash as lowercase hex. */
export function chainProblem(
  at: EventAt,
  prevHash: string,
  head: { version: number; hash: string } | undefined,
): VerificationProblem | undefined {
  const expectedVersion = (head?.version ?? 0) + 1;
  if (at.version !== expectedVersion) return missingEvents(at, expectedVersion);
  if (prevHash !== (head?.hash ?? GENESIS_HASH)) return chainBroken(at);
  return undefined;
}

/**
 * A seal's own checks (hash, chain to the previous seal, key, signature), then whether the events
 * found in its range — `leafCount` of them, with Merkle root `root` (hex) — are the ones it sealed.
 */
export function checkSeal(
  seal: StoredSeal,
  previous: StoredSeal | undefined,
  leafCount: number,
  root: () => string,
  trustedKeys: ReadonlyMap<string, KeyObject> | undefined,
): void {
  const at = {
    seal: seal.seq,
    range: { fromCheckpoint: seal.fromCheckpoint, toCheckpoint: seal.toCheckpoint },
  };
  const { sealHash: storedHash, signature, ...body } = seal;
  const recomputed = sealHash(body);
  if (recomputed.toString('hex') !== storedHash) {
    throw new Found({ kind: 'seal-hash-mismatch', message: `seal ${seal.seq} was altered`, ...at });
  }
  const expectedPrev = previous?.sealHash ?? GENESIS_HASH;
  const expectedFrom = previous?.toCheckpoint ?? '';
  if (
    seal.seq !== (previous?.seq ?? 0) + 1 ||
    seal.prevSealHash !== expectedPrev ||
    seal.fromCheckpoint !== expectedFrom
  ) {
    throw new Found({
      kind: 'seal-chain-broken',
      message: `seal ${seal.seq} does not follow seal ${previous?.seq ?? 0} (a seal was removed or replaced)`,
      ...at,
    });
  }
  if (trustedKeys) {
    const key = trustedKeys.get(seal.keyId);
    if (!key) {
      throw new Found({
        kind: 'seal-key-untrusted',
        message: `seal ${seal.seq} is signed with unknown key ${seal.keyId}`,
        ...at,
      });
    }
    if (!verifySealSignature(recomputed, Buffer.from(signature, 'base64'), key)) {
      throw new Found({
        kind: 'seal-signature-invalid',
        message: `seal ${seal.seq} has an invalid signature`,
        ...at,
      });
    }
  }
  if (leafCount !== seal.eventCount || root() !== seal.merkleRoot) {
    const missing = leafCount < seal.eventCount;
    throw new Found({
      kind: 'seal-mismatch',
      message:
        `seal ${seal.seq} covers ${seal.eventCount} events between ${seal.fromCheckpoint || 'the start'} and ${seal.toCheckpoint}, ` +
        (missing
          ? `but only ${leafCount} are there: ${seal.eventCount - leafCount} were removed`
          : leafCount > seal.eventCount
            ? `but ${leafCount} are there: events were inserted`
            : 'but their hashes or order differ: events were replaced or reordered'),
      seal: seal.seq,
      range: { ...at.range, sealedCount: seal.eventCount, foundCount: leafCount },
    });
  }
}

export interface VerifyOptions {
  /**
   * Where each event's hash is recomputed. `node` (default): here, from the stored text — an
   * auditor's independent check that trusts nothing in the database. `database`: PostgreSQL
   * recomputes it (`pg_catalog.sha256` over the same canonical encoding) and sends back only the
   * verdict, which is several times faster on a large log but trusts the database's functions;
   * chains and seals are still checked here either way.
   */
  hashing?: 'node' | 'database';
  /** Trusted seal public keys by key id. Without them, signatures are not checked (and the
   * report says so through `seal-key-untrusted` only when keys were given but one is unknown). */
  trustedKeys?: Map<string, KeyObject>;
  pageSize?: number;
  /**
   * Lanes verified at once, each a worker thread with its own connection reading a range of
   * seals (`verify-lanes.ts`). Default: the cores available. 1: one lane, in this thread.
   * Only with `hashing: 'node'` (database hashing puts the work on the server already).
   */
  lanes?: number;
  /** Sealed events below which the log is verified in one lane anyway (default 100,000): workers
   * and their connections cost more than they save on a small log. */
  minEventsForLanes?: number;
  /** How the lanes connect. Default: the pool's own settings. */
  connection?: string | ClientConfig;
  /** Called as events are checked (the running total). */
  onProgress?: (eventsChecked: number) => void;
}
