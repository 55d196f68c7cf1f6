import {
  rateLimitOverrides,
  signInLockoutOverrides,
  type AppConfig,
  type RateLimitBucket,
  type RateLimitSetting,
  type SignInLockoutSetting,
} from '@ecvet/config';

/** What a bucket of requests is counted by: the caller's IP, or the signed-in account. */
export type RateLimitSubject = 'ip' | 'account';

export interface RateLimitBucketSetting extends RateLimitSetting {
  by: RateLimitSubject;
}

/**
 * The defaults, overridden by `RATE_LIMITS`:
 * - `signing-page`: GET and POST `/sign/*`, per IP — a person signs in a few requests; guessing
 *   tokens takes millions.
 * - `sign-in`: attempts per IP and, separately, per account e-mail (`SignInThrottle`).
 * - `token-create`: new API tokens per account.
 */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitBucket, RateLimitBucketSetting> = {
  'signing-page': { points: 30, durationMs: 60_000, by: 'ip' },
  'sign-in': { points: 10, durationMs: 60_000, by: 'ip' },
  'token-create': { points: 20, durationMs: 3_600_000, by: 'account' },
};

/** The defaults, overridden by `SIGN_IN_LOCKOUT`: 5 failures free, then 30 s, 1 min, 2 min … 1 h. */
export const SIGN_IN_LOCKOUT_DEFAULTS: SignInLockoutSetting = {
  after: 5,
  firstMs: 30_000,
  maxMs: 3_600_000,
  forgetAfterMs: 86_400_000,
};

export function rateLimitSettings(
  config: Pick<AppConfig, 'RATE_LIMITS'>,
): Record<RateLimitBucket, RateLimitBucketSetting> {
  const overrides = config.RATE_LIMITS ? rateLimitOverrides(config.RATE_LIMITS) : {};
  const settings = { ...RATE_LIMIT_DEFAULTS };
  for (const [bucket, setting] of Object.entries(overrides) as Array<
    [RateLimitBucket, RateLimitSetting]
  >)
    settings[bucket] = { ...settings[bucket], ...setting };
  return settings;
}

export function signInLockoutSetting(
  config: Pick<AppConfig, 'SIGN_IN_LOCKOUT'>,
): SignInLockoutSetting {
  return {
    ...SIGN_IN_LOCKOUT_DEFAULTS,
    ...(config.SIGN_IN_LOCKOUT ? signInLockoutOverrides(config.SIGN_IN_LOCKOUT) : {}),
  };
}
