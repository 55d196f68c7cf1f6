import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RateLimiterPostgres } from 'rate-limiter-flexible';
import { AppConfig, type SignInLockoutSetting } from '@ecvet/config';
import { clientAddressKey } from './client-address';
import { msBeforeAllowed, RateLimits } from './rate-limits';
import { signInLockoutSetting } from './rate-limit-settings';
import { TooManyRequests } from './too-many-requests';

/**
 * Brute-force control of password sign-in, shared by every API instance (PostgreSQL):
 *
 * - attempts: the `sign-in` bucket per IP and, separately, per account e-mail (10 a minute by
 *   default) — counted before the password is even hashed;
 * - a lock-out that grows: after `after` consecutive failures of one e-mail from one IP (5), that
 *   pair is locked for `first` (30 s), and each further failure doubles it, up to `max` (1 h).
 *   Keyed by the pair, not the e-mail alone, so that nobody can lock a person out of their own
 *   account from elsewhere; an attacker spreading over many IPs still meets the per-e-mail rate.
 *
 * The sign-in code calls `beforeAttempt` first (it throws `TooManyRequests`, a 429 with
 * Retry-After), then `onFailure` or `onSuccess`. E-mails are kept only as a SHA-256.
 */
@Injectable()
export class SignInThrottle {
  readonly lockout: SignInLockoutSetting;
  private readonly attemptsByIp: RateLimiterPostgres;
  private readonly attemptsByEmail: RateLimiterPostgres;
  private readonly failures: RateLimiterPostgres;
  private readonly locks: RateLimiterPostgres;

  constructor(limits: RateLimits, config: AppConfig) {
    this.lockout = signInLockoutSetting(config);
    const rate = limits.settings['sign-in'];
    this.attemptsByIp = limits.limiter('sign-in:ip', rate);
    this.attemptsByEmail = limits.limiter('sign-in:email', rate);
    // A counter only (never refuses by itself): the run of failures, forgotten `forgetAfter`
    // after its first one.
    this.failures = limits.limiter('sign-in:failures', {
      points: Number.MAX_SAFE_INTEGER,
      durationMs: this.lockout.forgetAfterMs,
    });
    // A key is locked while blocked (`block` writes points + 1 with the lock's expiry).
    this.locks = limits.limiter('sign-in:lock', { points: 1, durationMs: this.lockout.maxMs });
  }

  /** Throws `TooManyRequests` while the pair is locked out or either rate is exceeded. */
  async beforeAttempt(ip: string | undefined, email: string): Promise<void> {
    const pair = this.pair(ip, email);
    const lock = await this.locks.get(pair);
    if (lock && lock.consumedPoints > this.locks.points && lock.msBeforeNext > 0)
      throw new TooManyRequests(lock.msBeforeNext, 'locked');
    // The IP first: one client over its own budget does not spend the account's.
    const wait =
      (await msBeforeAllowed(this.attemptsByIp, clientAddressKey(ip))) ??
      (await msBeforeAllowed(this.attemptsByEmail, emailKey(email)));
    if (wait !== undefined) throw new TooManyRequests(wait);
  }

  /** Records a failed attempt; returns how long the pair is now locked out (ms, 0 when not). */
  async onFailure(ip: string | undefined, email: string): Promise<number> {
    const pair = this.pair(ip, email);
    const run = (await this.failures.penalty(pair, 1)).consumedPoints;
    const lockMs = this.lockFor(run);
    if (lockMs > 0) await this.locks.block(pair, lockMs / 1000);
    return lockMs;
  }

  /** A successful sign-in ends the run of failures and any lock of the pair. */
  async onSuccess(ip: string | undefined, email: string): Promise<void> {
    const pair = this.pair(ip, email);
    await Promise.all([this.failures.delete(pair), this.locks.delete(pair)]);
  }

  /** The lock after the `run`-th consecutive failure: 0, then first, 2 × first, … max. */
  lockFor(run: number): number {
    const { after, firstMs, maxMs } = this.lockout;
    return run < after ? 0 : Math.min(firstMs * 2 ** (run - after), maxMs);
  }

  private pair(ip: string | undefined, email: string): string {
    return `${emailKey(email)}|${clientAddressKey(ip)}`;
  }
}

/** The e-mail as a key: normalised, and hashed so that the table holds no address. */
const emailKey = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
