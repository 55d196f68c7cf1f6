/**
 * The two request headers of a write, in the one form both the server (command-request.ts) and
 * the OpenAPI document (api-docs.ts) use.
 */

/** `If-Match`: the stream version as an entity tag (`"3"`; `W/"3"` and a bare `3` accepted). */
export const IF_MATCH = /^(?:W\/)?"?([0-9]{1,9})"?$/;

/** `Idempotency-Key`: 1–255 visible ASCII characters (a UUID, `apply-liga`, `import:42` …). */
export const IDEMPOTENCY_KEY = /^[!-~]{1,255}$/;
