import { Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@ecvet/domain';
import { AccountDirectory, Sessions, type SessionVia } from '@ecvet/identity';
import { AuthSettings } from './auth-settings';
import type { AuthenticatedRequest } from './authentication.guard';
import {
  clearHostCookie,
  cookiesOf,
  sealValue,
  SESSION_COOKIE,
  setHostCookie,
  SIGN_IN_COOKIE,
  unsealValue,
} from './cookies';
import { Public } from './public.decorator';
import { RelyingParty, SIGN_IN_TTL_MS, type SignInTransaction } from './relying-party';
import { pageLanguage, sendPage, signInMessagePage } from './sign-in-pages';
import { SIGN_IN_WORDING } from './sign-in-page.wording';
import { SignInRecords } from './sign-in-records';
import { Unauthenticated } from './unauthenticated';

/** A path of this site (not `//host`, not a URL): where to go after signing in. */
const SAFE_RETURN = /^\/(?![/\\])[^\s\\]{0,2000}$/;

/**
 * Signing in and out of the browser session. `GET /auth/sign-in` sends the browser to the
 * OpenID provider (the embedded one, or OIDC_ISSUER_URL) with PKCE, state and nonce;
 * `GET /auth/callback` checks what comes back, finds the account by the verified e-mail (an
 * identity nobody provisioned gets no access), ends any session the browser had, starts a new
 * one in `__Host-ecvet-session` and records `SignedIn`. `POST /auth/sign-out` ends this
 * session, `POST /auth/sign-out-everywhere` every session of the account; `GET /auth/session`
 * says who is signed in, with the session's CSRF token.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly settings: AuthSettings,
    private readonly rp: RelyingParty,
    private readonly sessions: Sessions,
    private readonly directory: AccountDirectory,
    private readonly records: SignInRecords,
  ) {}

  @Public()
  @Get('sign-in')
  @ApiOperation({
    summary: 'Sign in: a redirect (303) to the OpenID provider',
    description:
      '`returnTo`: a path of this site to land on afterwards (default `/`); `lang`: lv or en.',
  })
  @ApiQuery({ name: 'returnTo', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'lang', required: false, schema: { type: 'string' } })
  @ApiResponse({
    status: 303,
    description: 'To the OpenID provider (with the sign-in cookie)',
    headers: { Location: { description: 'The provider', schema: { type: 'string' } } },
  })
  async signIn(
    @Query('returnTo') returnTo: unknown,
    @Query('lang') lang: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const path = typeof returnTo === 'string' && SAFE_RETURN.test(returnTo) ? returnTo : '/';
    const { url, transaction } = await this.rp.start(path, pageLanguage(lang));
    setHostCookie(
      res,
      SIGN_IN_COOKIE,
      sealValue(this.settings.signInCookieKey, transaction),
      SIGN_IN_TTL_MS / 1000,
    );
    res.set('Cache-Control', 'no-store').redirect(303, url);
  }

  @Public()
  @Get('callback')
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cookies = cookiesOf(req);
    const transaction = unsealValue<SignInTransaction>(
      this.settings.signInCookieKey,
      cookies.get(SIGN_IN_COOKIE),
    );
    clearHostCookie(res, SIGN_IN_COOKIE);
    const language = pageLanguage(transaction?.language, req.query.lang);
    const w = SIGN_IN_WORDING[language];
    const page = (status: number, title: string, text: string, again?: string) =>
      sendPage(
        res,
        status,
        signInMessagePage(
          language,
          title,
          text,
          again ? { href: `${this.settings.publicUrl}/auth/sign-in`, label: again } : undefined,
        ),
        [this.settings.publicOrigin],
      );
    if (!transaction || transaction.expires < Date.now())
      return page(400, w.expired.title, w.expired.text, w.expired.again);

    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
      : '';
    let identity;
    try {
      identity = await this.rp.finish(new URL(this.settings.redirectUri + query), transaction);
    } catch (err) {
      this.logger.warn(
        `sign-in callback refused: ${err instanceof Error ? err.message : String(err)}`,
      );
      return page(400, w.failed.title, w.failed.text, w.failed.again);
    }

    const vouched =
      identity.email !== undefined &&
      (identity.emailVerified || !this.settings.emailVerifiedRequired);
    const account = vouched ? await this.directory.byEmail(identity.email!) : undefined;
    if (!account) {
      this.logger.warn(
        `sign-in refused: ${identity.issuer} subject ${identity.subject} is not provisioned` +
          (vouched ? '' : ' (no verified e-mail)'),
      );
      return page(403, w.notProvisioned.title, w.notProvisioned.text(identity.email ?? '—'));
    }
    if (account.disabled) {
      await this.records.failed(account.accountId, 'disabled');
      return page(403, w.disabled.title, w.disabled.text);
    }

    const via: SessionVia = !this.settings.embedded
      ? 'oidc'
      : identity.amr.includes('otp')
        ? 'password+totp'
        : 'password';
    const issuer = via === 'oidc' ? identity.issuer : undefined;
    // A new session, never the one the browser came with (session fixation).
    const previous = cookies.get(SESSION_COOKIE);
    if (previous !== undefined) await this.sessions.endByToken(previous);
    const session = await this.sessions.create(account.accountId, via, issuer);
    try {
      await this.records.signedIn(account.accountId, via, session.sessionId, issuer);
    } catch (err) {
      await this.sessions.end(session.sessionId);
      if (err instanceof DomainError) return page(403, w.disabled.title, w.disabled.text);
      throw err;
    }
    setHostCookie(res, SESSION_COOKIE, session.token, this.sessions.absoluteMs / 1000);
    res
      .set('Cache-Control', 'no-store')
      .redirect(303, `${this.settings.publicUrl}${transaction.returnTo}`);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends this browser session (and clears its cookie)' })
  @ApiNoContentResponse({ description: 'Signed out (with an API token: nothing to end)' })
  async signOut(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const principal = req.principal!;
    if (principal.sessionId !== undefined) {
      if (await this.sessions.end(principal.sessionId))
        await this.records.signedOut(principal.accountId, principal.sessionId);
      clearHostCookie(res, SESSION_COOKIE);
    }
    res.status(204).end();
  }

  @Post('sign-out-everywhere')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out everywhere: ends every browser session of the account',
    description: 'API tokens stay valid: revoke them one by one.',
  })
  @ApiOkResponse({
    description: 'How many sessions ended',
    schema: {
      type: 'object',
      required: ['endedSessions'],
      properties: { endedSessions: { type: 'integer', minimum: 0 } },
    },
  })
  async signOutEverywhere(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const principal = req.principal!;
    const ended = await this.sessions.endAllOf(principal.accountId);
    await this.records.signedOut(principal.accountId);
    if (principal.sessionId !== undefined) clearHostCookie(res, SESSION_COOKIE);
    res.status(200).json({ endedSessions: ended.length });
  }

  @Get('session')
  @ApiOperation({
    summary: 'Who is signed in: the account, how, and — with the cookie — the session',
    description:
      '`session.csrfToken` goes in `X-CSRF-Token` of a POST, PUT, PATCH or DELETE that a page ' +
      'sends with the session cookie from another origin than PUBLIC_URL.',
  })
  @ApiOkResponse({ description: 'The principal (and its session)', schema: { type: 'object' } })
  whoAmI(@Req() req: AuthenticatedRequest): object {
    const p = req.principal;
    if (!p) throw new Unauthenticated('sign in');
    const s = req.session;
    return {
      accountId: p.accountId,
      email: p.email,
      name: p.name,
      role: p.role,
      ...(p.institutionId !== undefined && { institutionId: p.institutionId }),
      ...(p.auditScope !== undefined && { auditScope: p.auditScope }),
      via: p.via,
      ...(p.issuer !== undefined && { issuer: p.issuer }),
      ...(p.tokenId !== undefined && { tokenId: p.tokenId }),
      ...(s && {
        session: {
          sessionId: s.sessionId,
          csrfToken: s.csrfToken,
          signedInAt: s.createdAt.toISOString(),
          idleExpiresAt: s.idleExpiresAt.toISOString(),
          absoluteExpiresAt: s.absoluteExpiresAt.toISOString(),
        },
      }),
    };
  }
}
