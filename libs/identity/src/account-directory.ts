import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { AccountRole } from '@ecvet/domain';

/** An account as sign-in and authorisation look it up. */
export interface AccountEntry {
  accountId: string;
  email: string;
  name: string;
  role: AccountRole;
  institutionId?: string;
  auditScope?: 'all' | string[];
  disabled: boolean;
  version: number;
}

interface AccountRow {
  account_id: string;
  email: string;
  name: string;
  role: AccountRole;
  institution_id: string | null;
  audit_scope: 'all' | string[] | null;
  disabled: boolean;
  version: number;
}

const entryOf = (r: AccountRow): AccountEntry => ({
  accountId: r.account_id,
  email: r.email,
  name: r.name,
  role: r.role,
  ...(r.institution_id !== null && { institutionId: r.institution_id }),
  ...(r.audit_scope !== null && { auditScope: r.audit_scope }),
  disabled: r.disabled,
  version: r.version,
});

/**
 * The accounts' directory (`ecvet_accounts`), derived from their streams, and their credentials
 * (`ecvet_credentials`: an argon2id hash and a TOTP secret — never in the log).
 */
@Injectable()
export class AccountDirectory {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async byEmail(email: string): Promise<AccountEntry | undefined> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM ecvet_accounts WHERE email = $1',
      [email.trim().toLowerCase()],
    );
    return rows[0] && entryOf(rows[0]);
  }

  async byId(accountId: string): Promise<AccountEntry | undefined> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM ecvet_accounts WHERE account_id = $1',
      [accountId],
    );
    return rows[0] && entryOf(rows[0]);
  }

  async list(): Promise<AccountEntry[]> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM ecvet_accounts ORDER BY email',
    );
    return rows.map(entryOf);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM ecvet_accounts',
    );
    return Number(rows[0].n);
  }

  /** Writes the entry as of a stream version; an older version never overwrites a newer one. */
  async upsert(entry: AccountEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_accounts
         (account_id, email, name, role, institution_id, audit_scope, disabled, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (account_id) DO UPDATE SET
         email = EXCLUDED.email, name = EXCLUDED.name, role = EXCLUDED.role,
         institution_id = EXCLUDED.institution_id, audit_scope = EXCLUDED.audit_scope,
         disabled = EXCLUDED.disabled, version = EXCLUDED.version, updated_at = now()
       WHERE ecvet_accounts.version < EXCLUDED.version`,
      [
        entry.accountId,
        entry.email,
        entry.name,
        entry.role,
        entry.institutionId ?? null,
        entry.auditScope === undefined ? null : JSON.stringify(entry.auditScope),
        entry.disabled,
        entry.version,
      ],
    );
  }

  async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_credentials (account_id, password_hash, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
      [accountId, passwordHash],
    );
  }

  async setTotpSecret(accountId: string, secret: string | null): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_credentials (account_id, totp_secret, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, updated_at = now()`,
      [accountId, secret],
    );
  }

  async credentials(
    accountId: string,
  ): Promise<{ passwordHash?: string; totpSecret?: string } | undefined> {
    const { rows } = await this.pool.query<{
      password_hash: string | null;
      totp_secret: string | null;
    }>('SELECT password_hash, totp_secret FROM ecvet_credentials WHERE account_id = $1', [
      accountId,
    ]);
    if (!rows[0]) return undefined;
    return {
      ...(rows[0].password_hash !== null && { passwordHash: rows[0].password_hash }),
      ...(rows[0].totp_secret !== null && { totpSecret: rows[0].totp_secret }),
    };
  }
}
