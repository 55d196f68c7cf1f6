import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '@ecvet/config';
import {
  AccountDirectory,
  ApiTokens,
  csrfTokenMatches,
  SESSION_COOKIE,
  Sessions,
  type AccountEntry,
  type Principal,
  type SessionEntry,
} from '@ecvet/identity';
import { publicUrlOf } from '@ecvet/notifications';
import { cookiesOf } from './cookies';
import { CsrfRefused } from './csrf-refused';
import { PUBLIC_ROUTE } from './public.decorator';
import { Unauthenticated } from './unauthenticated';

/** The request as the guard leaves it: with the principal of a signed-in caller and, when they
 * came with the session cookie, that session. */
export type AuthenticatedRequest = Request & { principal?: Principal; session?: SessionEntry };

/** The methods that change something: by cookie, only from our origin or with the CSRF token. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const principalOfAccount = (
  account: AccountEntry,
  how: Pick<Principal, 'via' | 'sessionId' | 'tokenId' | 'issuer'>,
): Principal => ({
  accountId: account.accountId,
  email: account.email,
  name: account.name,
  role: account.role,
  ...(account.institutionId !== undefined && { institutionId: account.institutionId }),
  ...(account.auditScope !== undefined && { auditScope: account.auditScope }),
  ...how,
});

/**
 * Every route requires a principal unless it is `@Public()`: an API token
 * (`Authorization: Bearer ecvet_…`), or else the browser session's cookie
 * (`__Host-ecvet-session`), of an enabled account. The actor of every command comes from this
 * principal (never from a request header).
 *
 * A POST, PUT, PATCH or DELETE that authenticates by the cookie must come from `PUBLIC_URL`'s
 * origin (`Origin`) or carry the session's `X-CSRF-Token` (from `GET /auth/session`); otherwise
 * it is refused (403) — or, on a public route, treated as anonymous. The cookie is SameSite=Lax
 * as well, and CORS never admits credentials.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokens,
    private readonly directory: AccountDirectory,
    private readonly sessions: Sessions,
    config: AppConfig,
  ) {
    this.publicOrigin = new URL(publicUrlOf(config)).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic =
      this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false;
    request.principal = await this.principalOf(request, isPublic);
    if (isPublic || request.principal) return true;
    throw new Unauthenticated(
      cookiesOf(request).has(SESSION_COOKIE)
        ? 'the session has ended (signed out, idle or expired): sign in again'
        : 'sign in, or send an API token as Authorization: Bearer',
    );
  }

  private async principalOf(
    request: AuthenticatedRequest,
    isPublic: boolean,
  ): Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (header) return this.byToken(header);
    const cookie = cookiesOf(request).get(SESSION_COOKIE);
    if (cookie === undefined) return undefined;
    return this.bySession(request, cookie, isPublic);
  }

  private async byToken(header: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Unauthenticated('the Authorization header must be "Bearer <token>"');
    const token = await this.tokens.authenticate(match[1]);
    if (!token) throw new Unauthenticated('the API token is unknown, expired or revoked');
    const account = await this.directory.byId(token.accountId);
    if (!account || account.disabled) throw new Unauthenticated('the account is disabled');
    return principalOfAccount(account, { via: 'api-token', tokenId: token.tokenId });
  }

  private async bySession(
    request: AuthenticatedRequest,
    cookie: string,
    isPublic: boolean,
  ): Promise<Principal | undefined> {
    const session = await this.sessions.resolve(cookie);
    if (!session) return undefined;
    const account = await this.directory.byId(session.accountId);
    if (!account || account.disabled) {
      await this.sessions.end(session.sessionId);
      return undefined;
    }
    if (STATE_CHANGING.has(request.method.toUpperCase()) && !this.mayChange(request, session)) {
      // A public route does not need the session: it answers as to anyone.
      if (isPublic) return undefined;
      throw new CsrfRefused();
    }
    request.session = session;
    return principalOfAccount(account, {
      via: session.via,
      sessionId: session.sessionId,
      ...(session.issuer !== undefined && { issuer: session.issuer }),
    });
  }

  /** Same origin (`Origin` is PUBLIC_URL's), or the session's CSRF token in `X-CSRF-Token`. */
  private mayChange(request: Request, session: SessionEntry): boolean {
    if (request.headers.origin === this.publicOrigin) return true;
    return csrfTokenMatches(session, request.headers['x-csrf-token']);
  }
}
