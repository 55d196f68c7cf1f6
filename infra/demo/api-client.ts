/**
 * A small HTTP client for the API (Node's fetch): JSON in and out, RFC 9457 problems turned into
 * errors that say what went wrong, and an Idempotency-Key on every write so that running a script
 * twice changes nothing the second time.
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

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly keyPrefix: string,
    private readonly actor = { id: 'user:demo-coordinator', role: 'coordinator' },
  ) {}

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    return (await this.request('GET', path)) as T;
  }

  /** A write; `key` names the step (the Idempotency-Key is `${prefix}:${key}`). */
  async write(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    key: string,
    body?: unknown,
    actor?: { id: string; role: string; institutionId?: string },
  ): Promise<WriteResult> {
    return (await this.request(method, path, body, {
      'Idempotency-Key': `${this.keyPrefix}:${key}`,
      ...this.actorHeaders(actor ?? this.actor),
    })) as WriteResult;
  }

  private actorHeaders(actor: { id: string; role: string; institutionId?: string }) {
    return {
      'X-Actor-Id': actor.id,
      'X-Actor-Role': actor.role,
      ...(actor.institutionId ? { 'X-Actor-Institution': actor.institutionId } : {}),
    };
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok)
      throw new ApiError(
        response.status,
        (json ?? {}) as Record<string, unknown>,
        `${method} ${path}`,
      );
    return json;
  }
}
