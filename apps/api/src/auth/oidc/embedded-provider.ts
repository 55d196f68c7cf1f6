import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import type { ClientMetadata, Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { InjectPool } from '@ecvet/database';
import { AccountDirectory } from '@ecvet/identity';
import { AuthSettings, EMBEDDED_CLIENT_ID } from '../auth-settings';
import { pageLanguage, signInMessagePage, signInPageCsp } from '../sign-in-pages';
import { SIGN_IN_WORDING } from '../sign-in-page.wording';
import { loadOidcProvider } from './esm';
import { PostgresProviderAdapter, sweepExpiredProviderState } from './postgres-adapter';

/** Where the embedded provider is served, below PUBLIC_URL. */
export const PROVIDER_PATH = '/oidc';
const SWEEP_EVERY_MS = 5 * 60_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The embedded OpenID provider (`oidc-provider`, OpenID Certified), at `${PUBLIC_URL}/oidc`:
 * local accounts from the AccountDirectory; its sign-in pages are the interaction
 * (`/auth/interaction/:uid`, InteractionController) — e-mail and password, then the TOTP code
 * (or its enrolment). Its clients: the system itself (`ecvet`, the relying party of
 * /auth/sign-in, with a secret derived from PII_MASTER_KEY) and those of OIDC_PROVIDER_CLIENTS.
 * Authorization code with PKCE (S256) only; ID tokens signed ES256 with a key derived from
 * PII_MASTER_KEY; every authorization asks for a fresh sign-in (no single sign-on across
 * sign-outs); consent is implied (every client is the operator's). Its state lives in
 * PostgreSQL (`ecvet_oidc_provider`). Not served when OIDC_ISSUER_URL names another issuer.
 */
@Injectable()
export class EmbeddedProvider implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddedProvider.name);
  private provider?: Promise<Provider>;
  private handler?: Handler;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly settings: AuthSettings,
    @InjectPool() private readonly pool: Pool,
    private readonly directory: AccountDirectory,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get enabled(): boolean {
    return this.settings.embedded;
  }

  /** Mounts the provider at /oidc (after Nest's routes, before its 404). Loaded on first use. */
  onModuleInit(): void {
    if (!this.enabled) return;
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    if (!app) return;
    app.use(PROVIDER_PATH, (req: Request, res: Response, next: NextFunction) => {
      this.callback()
        .then((handle) => handle(req, res))
        .catch(next);
    });
    this.sweeper = setInterval(
      () => void sweepExpiredProviderState(this.pool),
      SWEEP_EVERY_MS,
    ).unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** The provider, created on first use. */
  get(): Promise<Provider> {
    if (!this.enabled) return Promise.reject(new Error('the embedded OpenID provider is off'));
    this.provider ??= this.create().catch((err: unknown) => {
      this.provider = undefined;
      throw err;
    });
    return this.provider;
  }

  private async callback(): Promise<Handler> {
    if (!this.handler) {
      const provider = await this.get();
      const handle = provider.callback();
      this.handler ??= (req, res) => handle(req, res);
    }
    return this.handler;
  }

  private async create(): Promise<Provider> {
    const { default: OidcProvider, interactionPolicy } = await loadOidcProvider();
    const { settings, directory, pool } = this;
    const { Check } = interactionPolicy;
    const policy = interactionPolicy.base();
    // Each authorization signs in afresh: the provider's own session never stands in for a
    // password, so signing out of the system means signing in again.
    policy
      .get('login')!
      .checks.add(
        new Check('fresh_sign_in', 'each sign-in asks for the password', (ctx) =>
          ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
        ),
      );
    const client = (c: { client_id: string; client_secret: string; redirect_uris: string[] }) =>
      ({
        ...c,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      }) satisfies ClientMetadata;
    const failed = SIGN_IN_WORDING;
    const configuration: Configuration = {
      adapter: (model: string) => new PostgresProviderAdapter(pool, model),
      clients: [
        client({
          client_id: EMBEDDED_CLIENT_ID,
          client_secret: settings.clientSecret,
          redirect_uris: [settings.redirectUri],
        }),
        ...settings.providerClients.map(client),
      ],
      clientDefaults: { id_token_signed_response_alg: 'ES256' },
      jwks: { keys: [settings.signingJwk] },
      cookies: {
        keys: [settings.providerCookieKey],
        names: {
          session: 'ecvet_op_session',
          interaction: 'ecvet_op_interaction',
          resume: 'ecvet_op_resume',
        },
      },
      claims: {
        acr: null,
        auth_time: null,
        sid: null,
        iss: null,
        // amr (pwd, otp) with every ID token: how the person signed in, which the RP records.
        openid: ['sub', 'amr'],
        email: ['email', 'email_verified'],
        profile: ['name'],
      },
      scopes: ['openid', 'email', 'profile'],
      // The e-mail (and name) in the ID token itself: the relying party matches accounts by it.
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      pkce: { required: () => true },
      issueRefreshToken: () => false,
      clientBasedCORS: () => false,
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: false },
        userinfo: { enabled: true },
      },
      interactions: {
        policy,
        url: (_ctx, interaction) => `${settings.publicUrl}/auth/interaction/${interaction.uid}`,
      },
      // Every client is the operator's own: what it asks for is granted without a consent page.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { oidc } = ctx;
        const clientId = oidc.client!.clientId;
        const grantId =
          (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
          oidc.session!.grantIdFor(clientId);
        const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        if (existing) return existing;
        const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId! });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      findAccount: async (_ctx, sub) => {
        const account = await directory.byId(sub);
        if (!account || account.disabled) return undefined;
        return {
          accountId: sub,
          claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }),
        };
      },
      ttl: {
        AuthorizationCode: 60,
        AccessToken: 300,
        IdToken: 300,
        Interaction: 900,
        Session: 900,
        Grant: 900,
      },
      renderError: (ctx, out) => {
        const language = pageLanguage(ctx.query.lang, ctx.oidc?.params?.ui_locales);
        const w = failed[language];
        ctx.type = 'html';
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Security-Policy', signInPageCsp(settings.formOrigins));
        ctx.body = signInMessagePage(
          language,
          w.failed.title,
          `${w.failed.text} (${out.error}${out.error_description ? `: ${out.error_description}` : ''})`,
          { href: `${settings.publicUrl}/auth/sign-in`, label: w.failed.again },
        );
      },
    };
    const provider = new OidcProvider(settings.issuer, configuration);
    // Behind a TLS-terminating proxy (an https PUBLIC_URL: the API itself speaks plain HTTP), the
    // provider's cookies are Secure by X-Forwarded-Proto.
    provider.proxy = settings.publicUrl.startsWith('https:');
    provider.on('server_error', (_ctx: unknown, err: Error) =>
      this.logger.error(`OpenID provider: ${err.stack ?? err.message}`),
    );
    return provider;
  }
}
