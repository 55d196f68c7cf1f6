import { request, type Method, type RequestOptions } from './http';
import { queryClient } from './query-client';
import { sessionQuery } from '../session/session';

export { ApiError, fieldError, otherFieldErrors } from './problem';
export type { InvalidParam, ProblemDetails } from './problem';

/** Query-string parameters: arrays repeat the key; undefined, null and '' are left out. */
export type QueryParams = Record<
  string,
  string | number | boolean | readonly (string | number)[] | null | undefined
>;

export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  return search.toString();
}

export const withQuery = (path: string, params: QueryParams = {}): string => {
  const query = toQueryString(params);
  return query ? `${path}?${query}` : path;
};

export interface WriteOptions {
  /** The version you read: sent as `If-Match: "n"` (409 if someone wrote in between). */
  ifMatch?: number;
  /** Makes a retry safe: the same key replays the first answer. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

async function write<T>(
  method: Exclude<Method, 'GET'>,
  path: string,
  body: unknown,
  options: WriteOptions,
): Promise<T> {
  const session = await queryClient.ensureQueryData(sessionQuery);
  const headers: Record<string, string> = {};
  if (session.session) headers['X-CSRF-Token'] = session.session.csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  const init: RequestOptions = { headers, signal: options.signal };
  if (body !== undefined) init.body = body;
  return request<T>(method, path, init);
}

/**
 * The API from the pages: `api.get<T>('/mobilities/x')`, `api.post<T>(path, body, { ifMatch })`.
 * Writes carry the session's CSRF token; failures throw ApiError (problem details).
 */
export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> =>
    request<T>('GET', withQuery(path, params), { signal }),
  post: <T>(path: string, body?: unknown, options: WriteOptions = {}): Promise<T> =>
    write<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options: WriteOptions = {}): Promise<T> =>
    write<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options: WriteOptions = {}): Promise<T> =>
    write<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options: WriteOptions = {}): Promise<T> =>
    write<T>('DELETE', path, undefined, options),
};
