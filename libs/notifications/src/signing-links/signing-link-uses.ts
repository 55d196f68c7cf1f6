import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { SigningLinkClaims } from './signing-links';

export type SigningLinkOutcome = 'signed' | 'declined';

export interface SigningLinkUse {
  jti: string;
  usedAt: Date;
  outcome: SigningLinkOutcome;
}

/** The link was used before (its sign or decline went through): 410. */
export class SigningLinkUsed extends Error {
  constructor(readonly use: SigningLinkUse) {
    super(`the signing link was already used (${use.outcome}, ${use.usedAt.toISOString()})`);
    this.name = 'SigningLinkUsed';
  }
}

// First key of the two-key advisory locks taken per link (the second is the token id's hash).
const LOCK_SPACE = 7_311_003;

/**
 * Makes signing links single-use (`ecvet_signing_link_uses`). `once` runs the effect (dispatching the
 * command) and records the use with its outcome in one transaction, under a per-link advisory
 * lock: a second request with the same link waits, then finds it used. An effect that fails (a
 * domain rule refuses it) records nothing, and the link stays usable.
 */
@Injectable()
export class SigningLinkUses {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async find(jti: string): Promise<SigningLinkUse | undefined> {
    const { rows } = await this.pool.query<{
      jti: string;
      used_at: Date;
      outcome: SigningLinkOutcome;
    }>('SELECT jti, used_at, outcome FROM ecvet_signing_link_uses WHERE jti = $1', [jti]);
    return rows[0] && { jti: rows[0].jti, usedAt: rows[0].used_at, outcome: rows[0].outcome };
  }

  async once<T>(
    claims: SigningLinkClaims,
    effect: () => Promise<{ result: T; outcome: SigningLinkOutcome }>,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One request per link at a time; the lock ends with the transaction.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_SPACE,
        claims.jti,
      ]);
      const { rows } = await client.query<{ used_at: Date; outcome: SigningLinkOutcome }>(
        'SELECT used_at, outcome FROM ecvet_signing_link_uses WHERE jti = $1',
        [claims.jti],
      );
      if (rows[0])
        throw new SigningLinkUsed({
          jti: claims.jti,
          usedAt: rows[0].used_at,
          outcome: rows[0].outcome,
        });
      const { result, outcome } = await effect();
      await client.query(
        `INSERT INTO ecvet_signing_link_uses (jti, mobility_id, version, role, outcome)
         VALUES ($1, $2, $3, $4, $5)`,
        [claims.jti, claims.mid, claims.v, claims.role, outcome],
      );
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
