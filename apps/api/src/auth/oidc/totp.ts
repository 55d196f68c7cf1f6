import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';

/** The issuer name authenticator apps show beside the account. */
const TOTP_ISSUER = 'ECVET';

/** RFC 6238 TOTP as every authenticator app does it: SHA-1, 6 digits, 30 s steps. */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export const totpUri = (secret: string, email: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/** The time step whose code `code` is — now's, or the one before or after (clock drift). */
export async function totpStep(secret: string, code: string): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  try {
    const result = await verify({ secret, token, epochTolerance: 30 });
    return result.valid && 'timeStep' in result && typeof result.timeStep === 'number'
      ? result.timeStep
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A TOTP code counts once: each account's last accepted time step is kept (in the embedded
 * provider's table, for a few minutes — longer than a code lives), and a code of that step or an
 * earlier one is refused, on every API instance alike.
 */
@Injectable()
export class TotpCodes {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Whether `code` is the secret's, and not used before; if so, it is used now. */
  async accept(accountId: string, secret: string, code: string): Promise<boolean> {
    const step = await totpStep(secret, code);
    if (step === undefined) return false;
    const { rowCount } = await this.pool.query(
      `INSERT INTO ecvet_oidc_provider (model, id, payload, expires_at)
       VALUES ('UsedTotpStep', $1, jsonb_build_object('step', $2::bigint), now() + interval '5 minutes')
       ON CONFLICT (model, id) DO UPDATE
         SET payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at
         WHERE (ecvet_oidc_provider.payload->>'step')::bigint < $2::bigint
            OR ecvet_oidc_provider.expires_at < now()`,
      [accountId, step],
    );
    return (rowCount ?? 0) > 0;
  }
}
