import { ApiError, toProblem } from './problem';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A 401 sends the browser to the sign-in (default); false: throw the ApiError instead. */
  redirectOn401?: boolean;
}

/** Where a 401 goes: the sign-in, back to this very page, in this language. */
export function signInUrl(location: Pick<Location, 'pathname' | 'search'>, lng: string): string {
  const returnTo = `${location.pathname}${location.search}`;
  return `/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}&lang=${encodeURIComponent(lng)}`;
}

let redirecting = false;
function goToSignIn(): void {
  if (redirecting) return;
  redirecting = true;
  const lng = document.documentElement.lang || 'lv';
  window.location.assign(signInUrl(window.location, lng));
}

/**
 * One fetch: same-origin cookies, JSON in and out, problem+json into an ApiError. No CSRF here —
 * `api` (client.ts) adds it to writes.
 */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (response.status === 401 && options.redirectOn401 !== false) {
    goToSignIn();
    // Never resolves usefully: the page is leaving.
    throw new ApiError({
      type: '/problems/unauthenticated',
      title: 'Sign-in required',
      status: 401,
    });
  }
  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown = undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, parsed));
  return parsed as T;
}
