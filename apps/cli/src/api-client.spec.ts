import { DomainError } from '@ecvet/domain';
import { ApiClient, ApiFailure, ApiRefusal, ApiRuleRefusal, apiSettings } from './api-client';
import { UsageError } from './local-system';

/** A fetch that answers once with this status and body, and records what it was asked. */
function answering(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = ((url: URL, init: RequestInit) => {
    calls.push({ url: url.toString(), init });
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
  }) as unknown as typeof fetch;
  return {
    calls,
    client: new ApiClient({ baseUrl: 'http://api.test', token: 'ecvet_t' }, fetchImpl),
  };
}

describe('ApiClient', () => {
  it('sends the token as a bearer and the query as parameters', async () => {
    const { calls, client } = answering(200, { ok: true });
    await expect(
      client.get('/mobilities/m1', { asOfVersion: 2, asOf: undefined }),
    ).resolves.toEqual({
      ok: true,
    });
    expect(calls[0].url).toBe('http://api.test/mobilities/m1?asOfVersion=2');
    expect(calls[0].init.headers).toMatchObject({ Authorization: 'Bearer ecvet_t' });
  });

  it('turns problems into errors with their status: refusals exit 2, rules 3, failures 1', async () => {
    const refusal = await answering(404, {
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'Stream Mobility-m9 not found',
    })
      .client.get('/mobilities/m9')
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiRefusal);
    expect(refusal).toBeInstanceOf(UsageError); // main(): exit code 2
    expect(refusal).toMatchObject({
      status: 404,
      message: '404 Not found: Stream Mobility-m9 not found',
    });

    const invalid = await answering(400, {
      title: 'The request has invalid fields',
      status: 400,
      invalidParams: [{ name: 'kind', reason: 'kind must be one of …' }],
    })
      .client.post('/operations/read-model-rebuilds', { kind: 'x' })
      .catch((e: Error) => e);
    expect((invalid as Error).message).toBe(
      '400 The request has invalid fields (kind: kind must be one of …)',
    );

    const rule = await answering(422, {
      title: 'A rule of the process forbids this',
      status: 422,
      rule: 'agreement.hash-mismatch',
      detail: 'not this version',
    })
      .client.get('/x')
      .catch((e: unknown) => e);
    expect(rule).toBeInstanceOf(ApiRuleRefusal);
    expect(rule).toBeInstanceOf(DomainError); // main(): exit code 3
    expect(rule).toMatchObject({ rule: 'agreement.hash-mismatch', status: 422 });

    for (const status of [500, 429]) {
      const failure = await answering(status, { title: 'Something went wrong', status })
        .client.get('/x')
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApiFailure);
      expect(failure).not.toBeInstanceOf(UsageError); // main(): exit code 1
    }
  });

  it('an API that cannot be reached is a failure that names it', async () => {
    const client = new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 't' }, () =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      ),
    );
    await expect(client.get('/x')).rejects.toThrow(
      'cannot reach the API at http://127.0.0.1:9: ECONNREFUSED',
    );
  });
});

describe('apiSettings', () => {
  it('options first, then ECVET_API_URL / ECVET_TOKEN; no token is a usage error', () => {
    expect(apiSettings({}, { ECVET_API_URL: 'https://ecvet.example/', ECVET_TOKEN: 'e' })).toEqual({
      baseUrl: 'https://ecvet.example',
      token: 'e',
    });
    expect(apiSettings({ api: 'http://h:1', token: 'o' }, { ECVET_TOKEN: 'e' })).toEqual({
      baseUrl: 'http://h:1',
      token: 'o',
    });
    expect(apiSettings({ token: 't' }, { PORT: '4000' }).baseUrl).toBe('http://localhost:4000');
    expect(() => apiSettings({}, {})).toThrow(UsageError);
    expect(() => apiSettings({ api: 'not a url', token: 't' }, {})).toThrow('is not a URL');
  });
});
