import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { redactSigningTokens, serializeRequest } from './log-redaction';
import { pinoHttpOptions } from './logger.module';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJtaWQiOiJtb2ItaW5ndXMifQ.c2lnbmF0dXJl';

describe('redacting signing tokens', () => {
  it('replaces the segment after /sign/ in paths and URLs, and nothing else', () => {
    expect(redactSigningTokens(`/sign/${TOKEN}`)).toBe('/sign/[redacted]');
    expect(redactSigningTokens(`/sign/${TOKEN}/sign`)).toBe('/sign/[redacted]/sign');
    expect(redactSigningTokens(`/sign/${TOKEN}/decline?lang=lv`)).toBe(
      '/sign/[redacted]/decline?lang=lv',
    );
    expect(redactSigningTokens(`/SIGN/${TOKEN}`)).toBe('/SIGN/[redacted]');
    expect(redactSigningTokens(`https://ecvet.example/sign/${TOKEN}#top`)).toBe(
      'https://ecvet.example/sign/[redacted]#top',
    );
    expect(redactSigningTokens('/partnerships/p-1/mou/versions/1/signatures')).toBe(
      '/partnerships/p-1/mou/versions/1/signatures',
    );
    expect(redactSigningTokens('/mobilities/mob-ingus')).toBe('/mobilities/mob-ingus');
  });

  it('serializes a request without the token in its URL, route parameters or Referer', () => {
    const headers = { host: 'ecvet.example', referer: `https://ecvet.example/sign/${TOKEN}` };
    const params = { path: ['sign', TOKEN, 'sign'] };
    const req = {
      id: 'req-1',
      method: 'POST',
      url: `/sign/${TOKEN}/sign`,
      query: {},
      params,
      headers,
      remoteAddress: '127.0.0.1',
      remotePort: 50_000,
    };
    expect(serializeRequest(req)).toEqual({
      id: 'req-1',
      method: 'POST',
      url: '/sign/[redacted]/sign',
      query: {},
      params: { path: ['sign', '[redacted]', 'sign'] },
      headers: { host: 'ecvet.example', referer: 'https://ecvet.example/sign/[redacted]' },
      remoteAddress: '127.0.0.1',
      remotePort: 50_000,
    });
    // The request's own objects are not touched: the controller still reads the token.
    expect(req.url).toBe(`/sign/${TOKEN}/sign`);
    expect(params.path[1]).toBe(TOKEN);
    expect(headers.referer).toContain(TOKEN);
  });

  it('redacts a route parameter named token, and a wildcard given as one string', () => {
    expect(serializeRequest({ url: `/sign/${TOKEN}`, params: { token: TOKEN } }).params).toEqual({
      token: '[redacted]',
    });
    expect(serializeRequest({ params: { 0: `sign/${TOKEN}/decline` } }).params).toEqual({
      0: 'sign/[redacted]/decline',
    });
  });

  it('leaves other requests as they are', () => {
    const req = {
      method: 'GET',
      url: '/mobilities/mob-ingus?view=full',
      params: { path: ['mobilities', 'mob-ingus'] },
      headers: { referer: 'https://ecvet.example/outbox' },
    };
    expect(serializeRequest(req)).toEqual(req);
  });
});

describe('the pino-http configuration', () => {
  let server: Server;
  let lines: Array<Record<string, unknown>>;
  let base: string;

  beforeAll(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = pinoHttp(pinoHttpOptions({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }), sink);
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      // As Express sets it, before the logging middleware, for its `{*path}` route (nestjs-pino).
      (req as IncomingMessage & { params?: object }).params = {
        path: (req.url ?? '').split('?')[0].split('/').filter(Boolean),
      };
      logger(req, res);
      if (req.method === 'POST') {
        // An error logged during the request, as nestjs-pino does with the request's logger.
        req.log.error(new Error('could not record the signature'), 'signing failed');
        res.statusCode = 500;
      }
      res.end('done');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('logs /sign/<token> as /sign/[redacted], in request and error logs alike', async () => {
    await fetch(`${base}/sign/${TOKEN}?lang=lv`);
    await fetch(`${base}/sign/${TOKEN}/sign`, {
      method: 'POST',
      headers: { referer: `${base}/sign/${TOKEN}`, authorization: 'Bearer secret' },
    });
    await new Promise((r) => setTimeout(r, 50));

    const output = JSON.stringify(lines);
    expect(output).not.toContain(TOKEN);
    expect(output).toContain('["sign","[redacted]","sign"]');
    expect(output).not.toContain('Bearer secret');
    const requests = lines.map((l) => l.req as Record<string, unknown>);
    expect(requests.map((r) => r.url)).toEqual([
      '/sign/[redacted]?lang=lv',
      '/sign/[redacted]/sign',
      '/sign/[redacted]/sign',
    ]);
    const errorLog = lines.find((l) => l.msg === 'signing failed');
    expect(errorLog).toMatchObject({
      level: 50,
      req: {
        url: '/sign/[redacted]/sign',
        headers: { referer: `${base}/sign/[redacted]`, authorization: '[Redacted]' },
      },
    });
    expect(lines.find((l) => l.msg === 'request errored')).toMatchObject({
      req: { url: '/sign/[redacted]/sign' },
    });
  });
});
