import { ConfigurationError, validateEnvironment } from '@ecvet/config';
import { clientAddressKey } from './client-address';
import { corsOptions } from './cors';
import { rateLimitSettings, signInLockoutSetting } from './rate-limit-settings';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/ecvet',
  PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};
const problemWith = (raw: Record<string, string>): ConfigurationError => {
  try {
    validateEnvironment({ ...valid, ...raw });
  } catch (err) {
    if (err instanceof ConfigurationError) return err;
    throw err;
  }
  throw new Error('expected a ConfigurationError');
};

describe('the hardening settings', () => {
  it('keeps CORS closed without CORS_ORIGINS, and opens it to exact origins only', () => {
    expect(corsOptions(validateEnvironment(valid))).toBeUndefined();
    const env = validateEnvironment({
      ...valid,
      CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
    });
    expect(corsOptions(env)?.origin).toEqual(['https://app.example.org', 'http://localhost:5173']);
    for (const bad of [
      '*',
      'https://app.example.org/',
      'https://app.example.org/path',
      'https://App.example.org',
      'app.example.org',
      'ftp://app.example.org',
      ' , ',
    ]) {
      const err = problemWith({ CORS_ORIGINS: bad });
      expect(err.variables).toEqual(['CORS_ORIGINS']);
    }
    expect(problemWith({ CORS_ORIGINS: 'https://a.org,https://b.org/' }).message).toContain(
      'https://b.org/ is not an exact origin',
    );
  });

  it('overrides the buckets’ defaults with RATE_LIMITS and names a bad one', () => {
    expect(rateLimitSettings(validateEnvironment(valid))).toEqual({
      'signing-page': { points: 30, durationMs: 60_000, by: 'ip' },
      'sign-in': { points: 10, durationMs: 60_000, by: 'ip' },
      'token-create': { points: 20, durationMs: 3_600_000, by: 'account' },
    });
    const env = validateEnvironment({
      ...valid,
      RATE_LIMITS: '{"signing-page":"60/PT2M","token-create":"5/P1D"}',
    });
    expect(rateLimitSettings(env)).toMatchObject({
      'signing-page': { points: 60, durationMs: 120_000, by: 'ip' },
      'sign-in': { points: 10, durationMs: 60_000 },
      'token-create': { points: 5, durationMs: 86_400_000, by: 'account' },
    });
    for (const [bad, says] of [
      ['{"sign-up":"1/PT1M"}', 'sign-up: not a bucket'],
      ['{"sign-in":"10 per minute"}', 'sign-in: must be "<points>/<ISO 8601 duration>"'],
      ['{"sign-in":"0/PT1M"}', 'sign-in: must be'],
      ['{"sign-in":"10/PT0.5S"}', 'sign-in must be an ISO 8601 duration of at least 1 s'],
      ['[1]', 'must be a JSON object'],
    ]) {
      const err = problemWith({ RATE_LIMITS: bad });
      expect(err.variables).toEqual(['RATE_LIMITS']);
      expect(err.message).toContain(says);
    }
  });

  it('overrides the sign-in lock-out with SIGN_IN_LOCKOUT and names a bad setting', () => {
    expect(signInLockoutSetting(validateEnvironment(valid))).toEqual({
      after: 5,
      firstMs: 30_000,
      maxMs: 3_600_000,
      forgetAfterMs: 86_400_000,
    });
    const env = validateEnvironment({ ...valid, SIGN_IN_LOCKOUT: '{"after":3,"max":"PT10M"}' });
    expect(signInLockoutSetting(env)).toMatchObject({ after: 3, firstMs: 30_000, maxMs: 600_000 });
    expect(problemWith({ SIGN_IN_LOCKOUT: '{"after":0}' }).message).toContain('after');
    expect(problemWith({ SIGN_IN_LOCKOUT: '{"first":"30s"}' }).message).toContain('first');
    expect(problemWith({ SIGN_IN_LOCKOUT: '{"forever":true}' }).message).toContain('forever');
  });

  it('counts IPv4 addresses one by one (mapped or not) and IPv6 addresses by their /64', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
