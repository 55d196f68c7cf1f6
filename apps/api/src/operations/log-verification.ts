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
 * The store's `verify()` of the whole PostgreSQL log, reporting how many events it has checked as
 * it goes: the verifier's own queries are counted on their way back (each page of events carries
 * a `checkpoint` column), so the verifier itself needs no hook. Seal signatures are checked
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
  let checked = 0;
  options.onProgress?.(0, total);
  // The pool as the verifier sees it, counting the events its queries return.
  const query = pool.query.bind(pool) as (
    ...args: unknown[]
  ) => Promise<{ rows: Array<Record<string, unknown>> }>;
  const counting = Object.create(pool) as Pool;
  (counting as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    if (result.rows.length > 0 && 'checkpoint' in result.rows[0] && 'stream_id' in result.rows[0]) {
      checked += result.rows.length;
      options.onProgress?.(checked, Math.max(total, checked));
    }
    return result;
  };
  let trustedKeys: Map<string, KeyObject> | undefined;
  if (options.sealSigningKeyPem) {
    const signer = sealSignerFromPem(options.sealSigningKeyPem);
    trustedKeys = new Map([[signer.keyId, signer.publicKey]]);
  }
  const hashing = options.hashing ?? 'node';
  const report = await verifyPostgresEventStore(counting, {
    hashing,
    ...(trustedKeys && { trustedKeys }),
  });
  return { ...report, signaturesChecked: trustedKeys !== undefined, hashing };
}
