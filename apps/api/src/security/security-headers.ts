import type { RequestHandler } from 'express';
import helmet from 'helmet';
import {
  API_CSP,
  API_DOCS_CSP,
  SIGNING_PAGE_CSP,
  type CspDirectives,
} from './content-security-policy';

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
 * strict one of the signing pages, the Swagger UI's own (scripts from the same origin), and for
 * everything else (JSON) one that allows nothing. Installed first, before any route.
 */
export function securityHeaders(): RequestHandler {
  const api = withPolicy(API_CSP);
  const docs = withPolicy(API_DOCS_CSP);
  const signing = withPolicy(SIGNING_PAGE_CSP);
  return (req, res, next) => {
    const handler = SIGNING_PAGES.test(req.path) ? signing : API_DOCS.test(req.path) ? docs : api;
    handler(req, res, next);
  };
}
