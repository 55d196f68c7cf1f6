import { createHash } from 'node:crypto';
import { PAGE_STYLE } from '../signing/signing-pages';

/** A CSP source that admits one inline `<style>` or `<script>` by the SHA-256 of its text. */
export const hashSource = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export type CspDirectives = Record<string, string[]>;

/** JSON and problem details: nothing to load, nothing to frame, nothing to post. */
export const API_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The signing pages (`/sign/*`): one inline stylesheet (admitted by its hash, not by
 * 'unsafe-inline', so an injected `<style>` or `style=` does nothing), no script, no image, no
 * font; the two forms post to the same origin, and the language link is a plain navigation.
 */
export const SIGNING_PAGE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'style-src': [hashSource(PAGE_STYLE)],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The Swagger UI (`/api/docs`): its scripts and stylesheet from the same origin (no inline
 * script), inline styles (React sets `style=`; the page has two `<style>` blocks), its icons as
 * `data:` images, and "Try it out" calling the API itself. The online validator's badge (an
 * image from validator.swagger.io) stays blocked, so the document's URL is not sent there.
 */
export const API_DOCS_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The dashboard's pages (`/`, `/app/*`: the single-page app's index.html): its scripts and
 * stylesheets from the same origin, and the inline ones Vite and the app mark with this
 * response's nonce (`nonce` is its source, e.g. `'nonce-…'`); images from the same origin or
 * `data:`, calls to the API itself (and its server-sent events), nothing framed, no `<base>`.
 */
export const dashboardCsp = <N>(nonce: N): Record<string, Array<string | N>> => ({
  'default-src': ["'self'"],
  'script-src': ["'self'", nonce],
  'style-src': ["'self'", nonce],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
});

/** As helmet writes the header: `default-src 'none';style-src …`. */
export const cspHeader = (directives: CspDirectives): string =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join(';');
