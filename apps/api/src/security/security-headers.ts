import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';
import {
  API_CSP,
  API_DOCS_CSP,
  dashboardCsp,
  SIGNING_PAGE_CSP,
  type CspDirectives,
} from './content-security-policy';

/** What the dashboard's build leaves where each response's nonce goes (Vite `html.cspNonce`). */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** The dashboard's pages: `/` and `/app/…` (the single-page app's index.html). */
const DASHBOARD_PAGES = /^\/(app(\/.*)?)?$/;

/** The nonce security headers gave this response (dashboard pages only). */
export function cspNonceOf(res: Response | ServerResponse): string {
  const nonce = (res as Response).locals?.cspNonce as unknown;
  if (typeof nonce !== 'string')
    throw new Error('no CSP nonce: securityHeaders() is not installed');
  return nonce;
}

/** The path of the Swagger UI and its assets (`setUpOpenApi` in bootstrap.ts). */
const API_DOCS = /^\/api\/docs(\/|$)/;
// The signing pages and the documents' verification pages (`/verify/{hash}`), one stylesheet.
const SIGNING_PAGES = /^\/(sign|verify)(\/|$)/;

const withPolicy = (directives: CspDirectives) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Nothing here is meant to be framed, by anyone (CSP frame-ancestors says so to new browsers).
    xFrameOptions: { action: 'deny' },
    // Helmet's defaults otherwise: Strict-Transport-Security (ignored over plain http),
    // Referrer-Policy no-referrer (signing links carry their token in the URL),
    // X-Content-Type-Options nosniff, Cross-Origin-Opener-Policy and -Resource-Policy same-origin,
    // Origin-Agent-Cluster, X-DNS-Prefetch-Control off, X-Download-Options,
    // X-Permitted-Cross-Domain-Policies none, X-XSS-Protection 0, and no X-Powered-By.
  });

/**
 * Helmet's headers on every response, with the Content-Security-Policy of what is served: the
 * strict one of the signing pages, the Swagger UI's own (scripts from the same origin), the
 * dashboard's pages' (scripts and styles from the same origin or with this response's nonce,
 * kept in `res.locals.cspNonce` for the page itself), and for everything else (JSON) one that
 * allows nothing. Installed first, before any route.
 */
export function securityHeaders(): RequestHandler {
  const api = withPolicy(API_CSP);
  const docs = withPolicy(API_DOCS_CSP);
  const signing = withPolicy(SIGNING_PAGE_CSP);
  // A fresh nonce per response: the directives read it from res.locals.
  const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${cspNonceOf(res)}'`;
  const dashboard = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: dashboardCsp(nonce) },
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) => {
    if (DASHBOARD_PAGES.test(req.path)) {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      dashboard(req, res, next);
      return;
    }
    const handler = SIGNING_PAGES.test(req.path) ? signing : API_DOCS.test(req.path) ? docs : api;
    handler(req, res, next);
  };
}
