import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { sealTrustedKeys } from '@ecvet/config';
import {
  keyIdOf,
  sealSignerFromPem,
  verifyPostgresEventStore,
  type VerificationReport,
} from '@ecvet/event-store';

export interface LogVerification extends VerificationReport {
  /** Whether the seals' signatures were checked (against the key of SEAL_SIGNING_KEY and those
   * of SEAL_TRUSTED_KEYS). */
  signaturesChecked: boolean;
  /** The ids of the keys seals may be signed with (the current one first). */
  trustedKeyIds: string[];
  hashing: 'node' | 'database';
}

/**
 * The store's `verify()` of the whole PostgreSQL log (in parallel lanes over seal ranges when the
 * log is large), reporting how many events it has checked as it goes. Seal signatures are checked
 * against the public key of this system's SEAL_SIGNING_KEY when it is set, and those of
 * SEAL_TRUSTED_KEYS (earlier keys, after a rotation).
 */
export async function verifyLog(
  pool: Pool,
  options: {
    hashing?: 'node' | 'database';
    sealSigningKeyPem?: string;
    /** SEAL_TRUSTED_KEYS: earlier keys' public PEM blocks (or their file). */
    sealTrustedKeys?: string;
    onProgress?: (eventsChecked: number, total: number) => void;
  } = {},
): Promise<LogVerification> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM ecvet_events');
  const total = Number(rows[0].n);
  options.onProgress?.(0, total);
  let trustedKeys: Map<string, KeyObject> | undefined;
  if (options.sealSigningKeyPem) {
    const signer = sealSignerFromPem(options.sealSigningKeyPem);
    trustedKeys = new Map([[signer.keyId, signer.publicKey]]);
    for (const key of options.sealTrustedKeys ? sealTrustedKeys(options.sealTrustedKeys) : [])
      trustedKeys.set(keyIdOf(key), key);
  }
  const hashing = options.hashing ?? 'node';
  const report = await verifyPostgresEventStore(pool, {
    hashing,
    ...(trustedKeys && { trustedKeys }),
    onProgress: (checked) => options.onProgress?.(checked, Math.max(total, checked)),
  });
  return {
    ...report,
    signaturesChecked: trustedKeys !== undefined,
    trustedKeyIds: [...(trustedKeys?.keys() ?? [])],
    hashing,
  };
}
