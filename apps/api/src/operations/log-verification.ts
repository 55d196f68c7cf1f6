import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import {
  sealSignerFromPem,
  verifyPostgresEventStore,
  type VerificationReport,
} from '@ecvet/event-store';

export interface LogVerification extends VerificationReport {
  /** Whether the seals' signatures were checked (against the key of SEAL_SIGNING_KEY). */
  signaturesChecked: boolean;
  hashing: 'node' | 'database';
}

/**
 * The store's `verify()` of the whole PostgreSQL log (in parallel lanes over seal ranges when the
 * log is large), reporting how many events it has checked as it goes. Seal signatures are checked
 * against the public key of this system's SEAL_SIGNING_KEY when it is set.
 */
export async function verifyLog(
  pool: Pool,
  options: {
    hashing?: 'node' | 'database';
    sealSigningKeyPem?: string;
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
  }
  const hashing = options.hashing ?? 'node';
  const report = await verifyPostgresEventStore(pool, {
    hashing,
    ...(trustedKeys && { trustedKeys }),
    onProgress: (checked) => options.onProgress?.(checked, Math.max(total, checked)),
  });
  return { ...report, signaturesChecked: trustedKeys !== undefined, hashing };
}
