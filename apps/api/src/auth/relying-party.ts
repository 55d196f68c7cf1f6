import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Configuration } from 'openid-client';
import type { Language } from '@ecvet/notifications';
import { AuthSettings } from './auth-settings';
import { loadOpenIdClient, type OpenIdClientModule } from './oidc/esm';

/** What the browser keeps (sealed, in `__Host-ecvet-sign-in`) between sign-in and callback. */
export interface SignInTransaction {
  /** The PKCE code verifier (its S256 challenge went to the provider). */
  verifier: string;
  state: string;
  nonce: string;
  /** A path of this site to return to after sign-in. */
  returnTo: string;
  language: Language;
  /** Until when (ms since the epoch) the callback may come. */
  expires: number;
}

/** Who the provider says signed in. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  /** The e-mail address (lower case), when the provider vouches for one. */
  email?: string;
  emailVerified: boolean;
  /** How they authenticated (`pwd`, `otp` …), as the ID token says. */
  amr: string[];
}

export const SIGN_IN_TTL_MS = 10 * 60_000;

/**
 * The system as an OpenID Connect relying party (`openid-client`): the authorization code flow
 * with PKCE (S256), state and nonce, at the embedded provider or at OIDC_ISSUER_URL. The ID
 * token's signature, issuer, audience, expiry and nonce are checked by openid-client; the
 * e-mail comes from the ID token, or else from userinfo (for the same subject).
 *
 * The embedded provider is the same process: its endpoints are known without discovery, and
 * they are called over the loopback (whatever PUBLIC_URL's host resolves to inside a container
 * or behind a proxy).
 */
@Injectable()
export class RelyingParty {
  private configured?: Promise<{ client: OpenIdClientModule; config: Configuration }>;

  constructor(
    private readonly settings: AuthSettings,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** The provider's authorization URL, and what the callback will check. */
  async start(
    returnTo: string,
    language: Language,
  ): Promise<{ url: string; transaction: SignInTransaction }> {
    const { client, config } = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const transaction: SignInTransaction = {
      verifier,
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo,
      language,
      expires: Date.now() + SIGN_IN_TTL_MS,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      ui_locales: language,
    });
    return { url: url.href, transaction };
  }

  /** Exchanges the code of the callback (`currentUrl`) and checks the ID token. */
  async finish(currentUrl: URL, transaction: SignInTransaction): Promise<VerifiedIdentity> {
    const { client, config } = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    const claim = this.settings.emailClaim;
    let source: Record<string, unknown> = claims;
    if (claims[claim] === undefined && config.serverMetadata().userinfo_endpoint)
      source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    const email = source[claim];
    const verified = source.email_verified;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      ...(typeof email === 'string' &&
        email.includes('@') && { email: email.trim().toLowerCase() }),
      emailVerified: verified === true || verified === 'true',
      amr: Array.isArray(claims.amr)
        ? claims.amr.filter((m): m is string => typeof m === 'string')
        : [],
    };
  }

  private configuration(): Promise<{ client: OpenIdClientModule; config: Configuration }> {
    this.configured ??= this.configure().catch((err: unknown) => {
      this.configured = undefined; // discovery failed: try again next time
      throw err;
    });
    return this.configured;
  }

  private async configure(): Promise<{ client: OpenIdClientModule; config: Configuration }> {
    const client = await loadOpenIdClient();
    const { issuer, clientId, clientSecret } = this.settings;
    const insecure = issuer.startsWith('http:');
    if (!this.settings.embedded) {
      const config = await client.discovery(
        new URL(issuer),
        clientId,
        { client_secret: clientSecret },
        client.ClientSecretBasic(clientSecret),
        { execute: insecure ? [client.allowInsecureRequests] : [] },
      );
      return { client, config };
    }
    const config = new client.Configuration(
      {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/me`,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
      },
      clientId,
      { client_secret: clientSecret, id_token_signed_response_alg: 'ES256' },
      client.ClientSecretBasic(clientSecret),
    );
    if (insecure) client.allowInsecureRequests(config);
    const publicUrl = this.settings.publicUrl;
    config[client.customFetch] = (url, options) =>
      fetch(
        url.startsWith(publicUrl) ? this.loopback() + url.slice(publicUrl.length) : url,
        options,
      );
    return { client, config };
  }

  /** This server as its own process reaches it: `http://127.0.0.1:<port>`. */
  private loopback(): string {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const address = server.address() as AddressInfo | null;
    if (!address) throw new Error('the HTTP server is not listening');
    const host = ['0.0.0.0', '::', ''].includes(address.address)
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
    return `http://${host}:${address.port}`;
  }
}
