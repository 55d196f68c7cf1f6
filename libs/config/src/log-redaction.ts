export const REDACTED = '[redacted]';

// `/sign/<token>`, `/SIGN/<token>/sign`… (Express routes ignore case): the segment after `sign`.
const SIGNING_TOKEN = /(\/sign\/)[^/?#\s]+/gi;

/** A URL or path with the signing link's token replaced: `/sign/[redacted]/sign?lang=lv`. */
export function redactSigningTokens(url: string): string {
  return url.replace(SIGNING_TOKEN, `$1${REDACTED}`);
}

/** The request as pino's standard serializer gives it (`pino-std-serializers`). */
export interface SerializedRequest {
  url?: unknown;
  params?: unknown;
  headers?: unknown;
  [key: string]: unknown;
}

/**
 * pino-http's `serializers.req`: the standard serialization, without the signing links'
 * tokens. A token is a bearer credential (whoever holds the link signs); it must not reach
 * the logs, whether as the URL (`/sign/<token>`), as a route parameter (`token`, or the
 * `{*path}` wildcard of the logging middleware: `["sign", "<token>"]`) or in the `Referer` of a
 * form posted from the signing page. The same serializer covers every log line that carries
 * the request: pino-http's own, and the error logs written through nestjs-pino during a request.
 * Returns a new object: the request's own `headers` and `params` are left untouched.
 */
export function serializeRequest<T extends SerializedRequest>(req: T): T {
  if (!req || typeof req !== 'object') return req;
  const out: SerializedRequest = { ...req };
  if (typeof req.url === 'string') out.url = redactSigningTokens(req.url);
  if (req.params && typeof req.params === 'object') out.params = redactParams(req.params);
  if (req.headers && typeof req.headers === 'object') {
    const headers = req.headers as Record<string, unknown>;
    const { referer } = headers;
    if (typeof referer === 'string' && redactSigningTokens(referer) !== referer)
      out.headers = { ...headers, referer: redactSigningTokens(referer) };
  }
  return out as T;
}

function redactParams(params: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]: [string, unknown]) => {
      if (key === 'token') return [key, REDACTED];
      // A wildcard's segments: the one after `sign` is the token.
      if (Array.isArray(value)) {
        const segments = value as unknown[];
        return [key, segments.map((segment, i) => (isSign(segments[i - 1]) ? REDACTED : segment))];
      }
      // A wildcard as one string (`sign/<token>`).
      if (typeof value === 'string') return [key, redactSigningTokens(`/${value}`).slice(1)];
      return [key, value];
    }),
  );
}

const isSign = (segment: unknown): boolean =>
  typeof segment === 'string' && segment.toLowerCase() === 'sign';
