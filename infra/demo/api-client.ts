/**
 * A small HTTP client for the API (Node's fetch): JSON in and out, RFC 9457 problems turned into
 * errors that say what went wrong, and an Idempotency-Key on every write so that running a script
 * twice changes nothing the second time. It acts as an account: `as(email)` is the same client
 * sending that account's API token (`Authorization: Bearer`), which `tokenFor` supplies.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Record<string, unknown>,
    where: string,
  ) {
    super(`${where}: ${status} ${JSON.stringify(problem)}`);
  }
}

export interface WriteResult {
  id: string;
  version: number;
  events: string[];
}

/** An API token of the account with this e-mail (provisioned by whoever runs the client). */
export type TokenFor = (email: string) => string | Promise<string>;

export class ApiClient {
  /**
   * `tokenFor` gives the token of an account by its e-mail; `account` is the e-mail this client
   * acts as (none: only the public routes, such as /health, answer).
   */
  constructor(
    readonly baseUrl: string,
    private readonly keyPrefix: string,
    private readonly tokenFor?: TokenFor,
    readonly account?: string,
  ) {}

  /** The same API, signed in as the account with this e-mail. */
  as(email: string): ApiClient {
    if (!this.tokenFor)
      throw new Error(`this ApiClient has no tokens: it cannot act as ${email} (pass tokenFor)`);
    return new ApiClient(this.baseUrl, this.keyPrefix, this.tokenFor, email);
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    return (await this.request('GET', path)) as T;
  }

  /**
   * A write; `key` names the step (the Idempotency-Key is `${prefix}:${key}`; the API scopes it
   * to the account, so the same step by the same account is recognised when run again).
   */
  async write(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    key: string,
    body?: unknown,
  ): Promise<WriteResult> {
    return (await this.request(method, path, body, {
      'Idempotency-Key': `${this.keyPrefix}:${key}`,
    })) as WriteResult;
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    const token =
      this.account !== undefined && this.tokenFor ? await this.tokenFor(this.account) : undefined;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok)
      throw new ApiError(
        response.status,
        (json ?? {}) as Record<string, unknown>,
        `${method} ${path}${this.account ? ` (as ${this.account})` : ''}`,
      );
    return json;
  }
}
