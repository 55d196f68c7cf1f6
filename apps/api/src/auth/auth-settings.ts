import { createECDH, createHash, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  oidcIssuerUrl,
  oidcProviderClients,
  type OidcProviderClient,
} from '@ecvet/config';
import { publicUrlOf } from '@ecvet/notifications';

/** The embedded provider's own client: the system itself. */
export const EMBEDDED_CLIENT_ID = 'ecvet';

/** An EC P-256 private key as a JWK (ES256): the embedded provider signs ID tokens with it. */
export interface Es256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  alg: 'ES256';
  use: 'sig';
  kid: string;
}

/** 32 bytes for `label`, derived from PII_MASTER_KEY (HKDF-SHA256): stable across restarts and
 * the same in every API instance, without another secret to keep. */
export function derivedSecret(masterKey: string, label: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(masterKey, 'base64'), Buffer.alloc(0), `ecvet/${label}`, 32),
  );
}

/** The ES256 key whose private scalar is `seed` (its public point computed from it). */
export function es256Jwk(seed: Buffer): Es256Jwk {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(seed);
  const point = ecdh.getPublicKey(); // 0x04 ‖ x ‖ y
  const x = point.subarray(1, 33);
  const y = point.subarray(33, 65);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: x.toString('base64url'),
    y: y.toString('base64url'),
    d: seed.toString('base64url'),
    alg: 'ES256',
    use: 'sig',
    kid: createHash('sha256').update(point).digest('base64url').slice(0, 16),
  };
}

/**
 * Sign-in's settings, read once from the environment: where the system is reached, which
 * OpenID provider it signs in with (its own at `${PUBLIC_URL}/oidc`, or `OIDC_ISSUER_URL`), and
 * the keys derived from PII_MASTER_KEY — the embedded provider's signing key, cookie key and
 * client secret, and the key that seals the sign-in cookie.
 */
@Injectable()
export class AuthSettings {
  /** `PUBLIC_URL` without a trailing slash. */
  readonly publicUrl: string;
  /** The origin a state-changing request by cookie must come from (or send X-CSRF-Token). */
  readonly publicOrigin: string;
  /** The RP's redirect URI: `${PUBLIC_URL}/auth/callback`. */
  readonly redirectUri: string;
  /** Whether the embedded provider signs people in (no OIDC_ISSUER_URL). */
  readonly embedded: boolean;
  /** The issuer the RP trusts. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly mfa: 'required' | 'optional';
  readonly emailClaim: string;
  readonly emailVerifiedRequired: boolean;
  /** The embedded provider's further clients (OIDC_PROVIDER_CLIENTS). */
  readonly providerClients: OidcProviderClient[];
  readonly signingJwk: Es256Jwk;
  readonly providerCookieKey: string;
  readonly signInCookieKey: Buffer;

  constructor(config: AppConfig) {
    this.publicUrl = publicUrlOf(config);
    this.publicOrigin = new URL(this.publicUrl).origin;
    this.redirectUri = `${this.publicUrl}/auth/callback`;
    this.embedded = config.OIDC_ISSUER_URL === undefined;
    const master = config.PII_MASTER_KEY;
    if (config.OIDC_ISSUER_URL !== undefined) {
      this.issuer = oidcIssuerUrl(config.OIDC_ISSUER_URL).href.replace(/\/$/, '');
      this.clientId = config.OIDC_CLIENT_ID ?? '';
      this.clientSecret = config.OIDC_CLIENT_SECRET ?? '';
    } else {
      this.issuer = `${this.publicUrl}/oidc`;
      this.clientId = EMBEDDED_CLIENT_ID;
      this.clientSecret = derivedSecret(master, 'oidc-provider/client-secret').toString(
        'base64url',
      );
    }
    this.mfa = config.AUTH_MFA;
    this.emailClaim = config.OIDC_EMAIL_CLAIM;
    this.emailVerifiedRequired = config.OIDC_EMAIL_VERIFIED === 'required';
    this.providerClients = config.OIDC_PROVIDER_CLIENTS
      ? oidcProviderClients(config.OIDC_PROVIDER_CLIENTS)
      : [];
    this.signingJwk = es256Jwk(derivedSecret(master, 'oidc-provider/id-token-signing-key'));
    this.providerCookieKey = derivedSecret(master, 'oidc-provider/cookies').toString('base64url');
    this.signInCookieKey = derivedSecret(master, 'sign-in-cookie');
  }

  /** The origins the embedded provider's sign-in pages may send a browser to after a form:
   * its own, and those of its clients' redirect URIs. */
  get formOrigins(): string[] {
    const origins = new Set([this.publicOrigin]);
    for (const c of this.providerClients)
      for (const uri of c.redirect_uris) origins.add(new URL(uri).origin);
    return [...origins];
  }
}
