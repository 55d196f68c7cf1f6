import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';

/** Tokens start with a recognisable prefix, so that secret scanners find a leaked one. */
const PREFIX = 'ecvet_';

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface ApiTokenEntry {
  tokenId: string;
  accountId: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}

/**
 * API tokens for scripts, the CLI and integrations (`Authorization: Bearer ecvet_…`): 256 random
 * bits, of which only a SHA-256 is stored; expiring and revocable. The account's stream records
 * their creation and revocation (`ApiTokenCreated`, `ApiTokenRevoked`).
 */
@Injectable()
export class ApiTokens {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Stores a new token and returns it: the only time it is ever seen. */
  async issue(accountId: string, tokenId: string, label: string, expiresAt: Date): Promise<string> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    await this.pool.query(
      `INSERT INTO ecvet_api_tokens (token_id, account_id, token_hash, label, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [tokenId, accountId, digest(token), label, expiresAt],
    );
    return token;
  }

  /** The live token's account and id; undefined for an unknown, expired or revoked token. */
  async authenticate(token: string): Promise<{ accountId: string; tokenId: string } | undefined> {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    // The last use is recorded at most once a minute: a request then pays no write (an UPDATE
    // matching no row commits without a WAL flush), a token used all day still shows when.
    const { rows } = await this.pool.query<{ token_id: string; account_id: string }>(
      `WITH valid AS (
         SELECT token_id, account_id, last_used_at FROM ecvet_api_tokens
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()),
       used AS (
         UPDATE ecvet_api_tokens t SET last_used_at = now() FROM valid
          WHERE t.token_id = valid.token_id
            AND (valid.last_used_at IS NULL OR valid.last_used_at < now() - interval '1 minute'))
       SELECT token_id, account_id FROM valid`,
      [digest(token)],
    );
    return rows[0] && { accountId: rows[0].account_id, tokenId: rows[0].token_id };
  }

  async revoke(tokenId: string): Promise<void> {
    await this.pool.query(
      'UPDATE ecvet_api_tokens SET revoked_at = now() WHERE token_id = $1 AND revoked_at IS NULL',
      [tokenId],
    );
  }

  async ofAccount(accountId: string): Promise<ApiTokenEntry[]> {
    const { rows } = await this.pool.query<{
      token_id: string;
      account_id: string;
      label: string;
      created_at: Date;
      expires_at: Date;
      revoked_at: Date | null;
      last_used_at: Date | null;
    }>('SELECT * FROM ecvet_api_tokens WHERE account_id = $1 ORDER BY created_at', [accountId]);
    return rows.map((r) => ({
      tokenId: r.token_id,
      accountId: r.account_id,
      label: r.label,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      ...(r.revoked_at && { revokedAt: r.revoked_at }),
      ...(r.last_used_at && { lastUsedAt: r.last_used_at }),
    }));
  }
}
