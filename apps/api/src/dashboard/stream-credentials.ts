import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import { AccountDirectory, Sessions, type Principal } from '@ecvet/identity';

const sameScope = (a: 'all' | string[] | undefined, b: 'all' | string[] | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Whether a long-lived stream's principal is still what it was when the stream opened: its
 * session not ended, idle or past its absolute timeout (or its API token not revoked or expired),
 * its account enabled, with the same role, institution and audit scope. Read only: unlike a
 * request, a stream that stays open does not move the session's idle timeout on.
 */
@Injectable()
export class StreamCredentials {
  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly sessions: Sessions,
    private readonly directory: AccountDirectory,
  ) {}

  async stillValid(principal: Principal): Promise<boolean> {
    if (principal.sessionId !== undefined) {
      const { rowCount } = await this.pool.query(
        `SELECT 1 FROM ecvet_sessions
          WHERE session_id = $1 AND ended_at IS NULL AND absolute_expires_at > now()
            AND last_seen_at > now() - make_interval(secs => $2)`,
        [principal.sessionId, this.sessions.idleMs / 1000],
      );
      if (!rowCount) return false;
    } else if (principal.tokenId !== undefined) {
      const { rowCount } = await this.pool.query(
        `SELECT 1 FROM ecvet_api_tokens
          WHERE token_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
        [principal.tokenId],
      );
      if (!rowCount) return false;
    } else {
      return false;
    }
    const account = await this.directory.byId(principal.accountId);
    return (
      account !== undefined &&
      !account.disabled &&
      account.role === principal.role &&
      account.institutionId === principal.institutionId &&
      sameScope(account.auditScope, principal.auditScope)
    );
  }
}
