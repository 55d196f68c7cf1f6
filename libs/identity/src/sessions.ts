import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { AppConfig, sessionTimeoutMs } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';

/** The browser session's cookie: `__Host-` so that it is Secure, host-only and on path `/`. */
export const SESSION_COOKIE = '__Host-ecvet-session';

/** How a session's person signed in (the `via` of the principal and of every event). */
export type SessionVia = 'password+totp' | 'password' | 'oidc';

/** A live session as the authentication guard sees it: never the cookie's value. */
export interface SessionEntry {
  sessionId: string;
  accountId: string;
  via: SessionVia;
  /** `oidc`: the institution's OpenID Connect issuer. */
  issuer?: string;
  /** Sent back as `X-CSRF-Token` by a page that posts with the cookie from another origin. */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The idle timeout from the last request: a request before then moves it on. */
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** A new session: `token` is the cookie's value, returned this once and stored only hashed. */
export interface NewSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  absoluteExpiresAt: Date;
}

interface SessionRow {
  session_id: string;
  account_id: string;
  via: SessionVia;
  issuer: string | null;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const random256 = () => randomBytes(32).toString('base64url');
/** 32 bytes in base64url: what `create` hands out, and nothing else is looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Browser sessions, server-side in PostgreSQL (`ecvet_sessions`): the cookie holds an opaque
 * reference of 256 random bits, of which only a SHA-256 is stored, so that a copy of the table
 * signs nobody in. A session ends after `SESSION_IDLE_TIMEOUT` without a request (30 min), after
 * `SESSION_ABSOLUTE_TIMEOUT` whatever happens (12 h), at sign-out, or when its account signs out
 * everywhere. Each carries a CSRF token of its own.
 */
@Injectable()
export class Sessions {
  readonly idleMs: number;
  readonly absoluteMs: number;

  constructor(
    @InjectPool() private readonly pool: Pool,
    config: AppConfig,
  ) {
    this.idleMs = sessionTimeoutMs(config.SESSION_IDLE_TIMEOUT);
    this.absoluteMs = sessionTimeoutMs(config.SESSION_ABSOLUTE_TIMEOUT);
  }

  /** Starts a session of the account; the caller sets `token` as the cookie. */
  async create(accountId: string, via: SessionVia, issuer?: string): Promise<NewSession> {
    const sessionId = randomUUID();
    const token = random256();
    const csrfToken = random256();
    const { rows } = await this.pool.query<{ absolute_expires_at: Date }>(
      `INSERT INTO ecvet_sessions
         (session_id, session_hash, account_id, via, issuer, csrf_token, absolute_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
       RETURNING absolute_expires_at`,
      [sessionId, digest(token), accountId, via, issuer ?? null, csrfToken, this.absoluteMs / 1000],
    );
    return { sessionId, token, csrfToken, absoluteExpiresAt: rows[0].absolute_expires_at };
  }

  /**
   * The live session of a cookie's value, its idle timeout moved on by this request; undefined
   * for an unknown, ended, idle or expired one.
   */
  async resolve(token: string): Promise<SessionEntry | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const { rows } = await this.pool.query<SessionRow>(
      `UPDATE ecvet_sessions SET last_seen_at = now()
        WHERE session_hash = $1 AND ended_at IS NULL
          AND absolute_expires_at > now()
          AND last_seen_at > now() - make_interval(secs => $2)
        RETURNING session_id, account_id, via, issuer, csrf_token, created_at, last_seen_at,
                  absolute_expires_at`,
      [digest(token), this.idleMs / 1000],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      sessionId: r.session_id,
      accountId: r.account_id,
      via: r.via,
      ...(r.issuer !== null && { issuer: r.issuer }),
      csrfToken: r.csrf_token,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      idleExpiresAt: new Date(
        Math.min(r.last_seen_at.getTime() + this.idleMs, r.absolute_expires_at.getTime()),
      ),
      absoluteExpiresAt: r.absolute_expires_at,
    };
  }

  /** Ends one session (sign-out, or the old one at a new sign-in); false when it had ended. */
  async end(sessionId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE ecvet_sessions SET ended_at = now() WHERE session_id = $1 AND ended_at IS NULL',
      [sessionId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Ends the session whose cookie this is, if it is still on; its id, when it was. */
  async endByToken(token: string): Promise<string | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const { rows } = await this.pool.query<{ session_id: string }>(
      `UPDATE ecvet_sessions SET ended_at = now()
        WHERE session_hash = $1 AND ended_at IS NULL RETURNING session_id`,
      [digest(token)],
    );
    return rows[0]?.session_id;
  }

  /** Signs the account out everywhere: ends each of its sessions; returns their ids. */
  async endAllOf(accountId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ session_id: string }>(
      `UPDATE ecvet_sessions SET ended_at = now()
        WHERE account_id = $1 AND ended_at IS NULL RETURNING session_id`,
      [accountId],
    );
    return rows.map((r) => r.session_id);
  }

  /**
   * Deletes the sessions that can never be used again — ended, or past their absolute timeout —
   * a day after that (the account's stream keeps the sign-ins and sign-outs); returns how many.
   */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ecvet_sessions
        WHERE (ended_at IS NOT NULL AND ended_at < now() - interval '1 day')
           OR absolute_expires_at < now() - interval '1 day'`,
    );
    return rowCount ?? 0;
  }
}

/** Constant-time comparison of a request's `X-CSRF-Token` with the session's. */
export function csrfTokenMatches(session: Pick<SessionEntry, 'csrfToken'>, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(session.csrfToken, 'utf8');
  const b = Buffer.from(sent, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
