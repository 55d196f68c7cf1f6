import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Request } from 'express';
import { ConfigurationError, validateEnvironment } from '@ecvet/config';
import { csrfTokenMatches } from '@ecvet/identity';
import { AuthSettings, derivedSecret, es256Jwk } from '../../apps/api/src/auth/auth-settings';
import { cookiesOf, sealValue, unsealValue } from '../../apps/api/src/auth/cookies';
import {
  pageLanguage,
  passwordPage,
  SIGN_IN_PAGE_STYLE,
  signInPageCsp,
} from '../../apps/api/src/auth/sign-in-pages';
import { hashSource } from '../../apps/api/src/security/content-security-policy';

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

describe('sign-in settings', () => {
  it('defaults to the embedded provider, TOTP required, 30 min idle and 12 h absolute', () => {
    const env = validateEnvironment(valid);
    expect(env).toMatchObject({
      AUTH_MFA: 'required',
      SESSION_IDLE_TIMEOUT: 'PT30M',
      SESSION_ABSOLUTE_TIMEOUT: 'PT12H',
      OIDC_EMAIL_CLAIM: 'email',
      OIDC_EMAIL_VERIFIED: 'required',
    });
    const settings = new AuthSettings(env);
    expect(settings).toMatchObject({
      embedded: true,
      issuer: 'http://localhost:3000/oidc',
      clientId: 'ecvet',
      redirectUri: 'http://localhost:3000/auth/callback',
      publicOrigin: 'http://localhost:3000',
    });
  });

  it('takes an external issuer with its client, and names every bad variable', () => {
    const env = validateEnvironment({
      ...valid,
      PUBLIC_URL: 'https://ecvet.example.org/',
      OIDC_ISSUER_URL: 'https://login.example.org/realms/school/',
      OIDC_CLIENT_ID: 'ecvet',
      OIDC_CLIENT_SECRET: 's3cret',
    });
    expect(new AuthSettings(env)).toMatchObject({
      embedded: false,
      issuer: 'https://login.example.org/realms/school',
      redirectUri: 'https://ecvet.example.org/auth/callback',
      publicOrigin: 'https://ecvet.example.org',
    });
    expect(problemWith({ OIDC_ISSUER_URL: 'https://idp.example.org' }).variables.sort()).toEqual([
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
    ]);
    for (const bad of ['http://idp.example.org', 'https://idp.example.org/?x=1', 'idp']) {
      const err = problemWith({
        OIDC_ISSUER_URL: bad,
        OIDC_CLIENT_ID: 'a',
        OIDC_CLIENT_SECRET: 'b',
      });
      expect(err.variables).toEqual(['OIDC_ISSUER_URL']);
    }
    // http only on the loopback (a local test issuer).
    validateEnvironment({
      ...valid,
      OIDC_ISSUER_URL: 'http://127.0.0.1:4000/oidc',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
    });
    expect(problemWith({ AUTH_MFA: 'sometimes' }).variables).toEqual(['AUTH_MFA']);
    expect(problemWith({ SESSION_IDLE_TIMEOUT: '30 minutes' }).message).toContain(
      'SESSION_IDLE_TIMEOUT must be an ISO 8601 duration',
    );
    expect(problemWith({ SESSION_ABSOLUTE_TIMEOUT: 'PT0.5S' }).variables).toEqual([
      'SESSION_ABSOLUTE_TIMEOUT',
    ]);
    expect(problemWith({ OIDC_PROVIDER_CLIENTS: '[{"client_id":"ecvet"}]' }).message).toContain(
      '"ecvet" is the system',
    );
    expect(
      problemWith({
        OIDC_PROVIDER_CLIENTS: JSON.stringify([
          {
            client_id: 'p',
            client_secret: 'x'.repeat(32),
            redirect_uris: ['http://evil.example/cb'],
          },
        ]),
      }).message,
    ).toContain('redirect_uris');
  });

  it('derives the provider’s keys from PII_MASTER_KEY: stable, distinct, a working ES256 key', () => {
    const a = es256Jwk(derivedSecret(valid.PII_MASTER_KEY, 'oidc-provider/id-token-signing-key'));
    const b = es256Jwk(derivedSecret(valid.PII_MASTER_KEY, 'oidc-provider/id-token-signing-key'));
    expect(a).toEqual(b);
    expect(derivedSecret(valid.PII_MASTER_KEY, 'x')).not.toEqual(
      derivedSecret(valid.PII_MASTER_KEY, 'y'),
    );
    const privateKey = createPrivateKey({ key: { ...a }, format: 'jwk' });
    const { d: _d, ...pub } = a;
    const publicKey = createPublicKey({ key: pub, format: 'jwk' });
    const signature = sign('sha256', Buffer.from('id token'), privateKey);
    expect(verify('sha256', Buffer.from('id token'), publicKey, signature)).toBe(true);
  });

  it('seals the sign-in cookie so that a changed one is refused', () => {
    const key = derivedSecret(valid.PII_MASTER_KEY, 'sign-in-cookie');
    const sealed = sealValue(key, { state: 's', verifier: 'v' });
    expect(unsealValue(key, sealed)).toEqual({ state: 's', verifier: 'v' });
    const [body, mac] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify({ state: 'x', verifier: 'v' })).toString('base64url');
    expect(unsealValue(key, `${forged}.${mac}`)).toBeUndefined();
    expect(unsealValue(key, `${body}.${mac}x`)).toBeUndefined();
    expect(unsealValue(derivedSecret(valid.PII_MASTER_KEY, 'other'), sealed)).toBeUndefined();
    expect(unsealValue(key, undefined)).toBeUndefined();
  });

  it('reads cookies as browsers send them, and compares CSRF tokens exactly', () => {
    const req = { headers: { cookie: 'a=1; __Host-ecvet-session=abc; a=2; b="q%20r"' } };
    const cookies = cookiesOf(req as unknown as Request);
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('__Host-ecvet-session')).toBe('abc');
    expect(cookies.get('b')).toBe('q r');
    expect(csrfTokenMatches({ csrfToken: 'tok' }, 'tok')).toBe(true);
    expect(csrfTokenMatches({ csrfToken: 'tok' }, 'tok2')).toBe(false);
    expect(csrfTokenMatches({ csrfToken: 'tok' }, ['tok'])).toBe(false);
    expect(csrfTokenMatches({ csrfToken: 'tok' }, undefined)).toBe(false);
  });

  it('serves the sign-in page in Latvian by default, its style admitted by its hash only', () => {
    expect(pageLanguage(undefined)).toBe('lv');
    expect(pageLanguage('en')).toBe('en');
    expect(pageLanguage(undefined, 'de en-GB')).toBe('en');
    const html = passwordPage({ language: 'lv', at: 'https://x.example/auth/interaction/u' });
    expect(html).toContain('<html lang="lv">');
    expect(html).toContain(`<style>${SIGN_IN_PAGE_STYLE}</style>`);
    expect(html).not.toMatch(/<script|\sstyle=/);
    const csp = signInPageCsp(['https://x.example', 'https://partner.example']);
    expect(csp).toBe(
      `default-src 'none';style-src ${hashSource(SIGN_IN_PAGE_STYLE)};form-action 'self' https://x.example https://partner.example;base-uri 'none';frame-ancestors 'none'`,
    );
  });
});
