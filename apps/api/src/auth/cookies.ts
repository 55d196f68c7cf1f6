import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '@ecvet/identity';

/**
 * The cookies of sign-in, each `__Host-`: the browser keeps it only when it is `Secure`, has no
 * `Domain` and is on `Path=/`, so neither a sibling subdomain nor a plain-HTTP page can set or
 * shadow it. Browsers count `http://localhost` (and 127.0.0.1) as secure, so this works in local
 * development without TLS; supertest and Node's fetch send cookies whatever their attributes.
 */
export { SESSION_COOKIE };

/** The sign-in in progress (PKCE verifier, state, nonce), between `/auth/sign-in` and the callback. */
export const SIGN_IN_COOKIE = '__Host-ecvet-sign-in';

/** The cookies a request carries, by name (the first of a name wins, as browsers send it). */
export function cookiesOf(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/**
 * Sets a `__Host-` cookie: HttpOnly, Secure, SameSite=Lax (sent on the top-level navigation back
 * from the OpenID provider, never on another site's POST or fetch).
 */
export function setHostCookie(
  response: Response,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  response.append(
    'Set-Cookie',
    `${name}=${value}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`,
  );
}

export function clearHostCookie(response: Response, name: string): void {
  response.append(
    'Set-Cookie',
    `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`,
  );
}

/** `<payload>.<HMAC-SHA256>` in base64url: a value the browser holds but cannot change. */
export function sealValue(key: Buffer, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export function unsealValue<T>(key: Buffer, sealed: string | undefined): T | undefined {
  if (!sealed) return undefined;
  const [body, mac, extra] = sealed.split('.');
  if (!body || !mac || extra !== undefined) return undefined;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
