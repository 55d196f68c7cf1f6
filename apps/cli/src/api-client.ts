import { DomainError } from '@ecvet/domain';
import { UsageError } from './local-system';

/** Where the API is and whose token to send: `--api`/`--token`, or ECVET_API_URL/ECVET_TOKEN. */
export interface ApiSettings {
  baseUrl: string;
  token: string;
}

/** RFC 9457 problem details, as the API answers every error. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  rule?: string;
  invalidParams?: Array<{ name: string; reason: string }>;
  [extension: string]: unknown;
}

/** The API refused the request itself: 400, 401, 403, 404, 409 (exit code 2, the server's words). */
export class ApiRefusal extends UsageError {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problemText(problem)}`);
    this.name = 'ApiRefusal';
  }
}

/** A rule of the domain refused it: 422 (exit code 3, like a DomainError of the local commands). */
export class ApiRuleRefusal extends DomainError {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.rule ?? 'unknown', problemText(problem), problem);
    this.name = 'ApiRuleRefusal';
  }
}

/** The server failed (5xx), throttled (429) or could not be reached (exit code 1). */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

function problemText(problem: Problem): string {
  const text = [problem.title, problem.detail].filter(Boolean).join(': ') || 'error';
  const params = (problem.invalidParams ?? []).map((p) => `${p.name}: ${p.reason}`);
  return params.length > 0 ? `${text} (${params.join('; ')})` : text;
}

export function apiSettings(
  options: { api?: string; token?: string },
  env: NodeJS.ProcessEnv = process.env,
): ApiSettings {
  const baseUrl = options.api ?? env.ECVET_API_URL ?? `http://localhost:${env.PORT ?? '3000'}`;
  const token = options.token ?? env.ECVET_TOKEN;
  if (!token)
    throw new UsageError(
      'no API token: pass --token or set ECVET_TOKEN (`ecvet token create --email … --expires PT8H`)',
    );
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--api / ECVET_API_URL is not a URL: ${baseUrl}`);
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), token };
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The API with an account's token (`Authorization: Bearer`): JSON in, JSON out; every error
 * answer (RFC 9457 `application/problem+json`) becomes an `ApiRefusal` (4xx), an `ApiRuleRefusal`
 * (422) or an `ApiFailure` (5xx, unreachable), carrying the status and the problem.
 */
export class ApiClient {
  constructor(
    readonly settings: ApiSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return this.request<T>('GET', path, { query }).then((r) => r.body);
  }

  post<T>(path: string, body: object = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { body });
  }

  async request<T>(
    method: string,
    path: string,
    options: { query?: Record<string, string | number | undefined>; body?: object } = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(`${this.settings.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.settings.token}`,
          Accept: 'application/json, application/problem+json',
          ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiFailure(
        `cannot reach the API at ${this.settings.baseUrl}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
      );
    }
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (response.ok) return { status: response.status, body: body as T, headers: response.headers };
    const problem: Problem =
      body && typeof body === 'object'
        ? { ...(body as Problem), status: response.status }
        : { status: response.status, title: response.statusText, detail: text || undefined };
    if (response.status === 422) throw new ApiRuleRefusal(response.status, problem);
    // 429 is not the caller's mistake: try again later (exit code 1, like a server failure).
    if (response.status >= 400 && response.status < 500 && response.status !== 429)
      throw new ApiRefusal(response.status, problem);
    throw new ApiFailure(`${response.status} ${problemText(problem)}`, response.status, problem);
  }
}
