import { createHash, randomUUID } from 'node:crypto';
import { Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NextFunction, Request, Response } from 'express';
import { Client, type Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import request from 'supertest';
import { ConfigModule } from '@ecvet/config';
import { DatabaseModule, PG_POOL } from '@ecvet/database';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { RateLimit } from '../../apps/api/src/http/rate-limit';
import { ProblemDetailsFilter } from '../../apps/api/src/problem-details/problem-details.filter';
import {
  API_CSP,
  API_DOCS_CSP,
  cspHeader,
  SIGNING_PAGE_CSP,
} from '../../apps/api/src/security/content-security-policy';
import { RATE_LIMIT_TABLE } from '../../apps/api/src/security/rate-limits';
import { SecurityModule } from '../../apps/api/src/security/security.module';
import { SignInThrottle } from '../../apps/api/src/security/sign-in-throttle';
import { TooManyRequests } from '../../apps/api/src/security/too-many-requests';
import { agreementPage, messagePage } from '../../apps/api/src/signing/signing-pages';
import { draft, plan, run } from '../../libs/domain/test/mobility-fixtures';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * Hardening, through real HTTP on a real PostgreSQL: helmet's headers and the CSP of what is
 * served, CORS closed unless CORS_ORIGINS opens it to exact origins, and rate limits whose
 * counters live in the database, so that two API instances count the same requests.
 */

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What a page needs from its CSP: its inline stylesheets, scripts, style attributes, forms. */
function pageNeeds(html: string) {
  return {
    styles: [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]),
    inlineScripts: [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => m[1].trim())
      .filter(Boolean),
    scriptSources: [...html.matchAll(/<script[^>]*\bsrc=["']([^"']+)["']/g)].map((m) => m[1]),
    stylesheets: [...html.matchAll(/<link[^>]*rel=["']stylesheet["'][^>]*>/g)].map(
      (m) => /href=["']([^"']+)["']/.exec(m[0])?.[1] ?? '',
    ),
    styleAttributes: /\sstyle=/.test(html),
    images: /<img\b/.test(html),
    formActions: [...html.matchAll(/<form[^>]*action=["']([^"']*)["']/g)].map((m) => m[1]),
  };
}

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('hardening_headers');
  });
  afterAll(() => api?.close());

  it('gives every response helmet’s headers, and JSON a CSP that allows nothing', async () => {
    const res = await api.http.get('/institutions').expect(200);
    expect(res.headers).toMatchObject({
      'content-security-policy': cspHeader(API_CSP),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
      'x-permitted-cross-domain-policies': 'none',
    });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Problems too (the headers are set before any route or filter runs).
    const missing = await api.http.get('/no-such-route').expect(404);
    expect(missing.headers['content-security-policy']).toBe(cspHeader(API_CSP));
  });

  it('serves a signing page under the strict CSP, which admits exactly its inline stylesheet', async () => {
    const res = await api.http.get('/sign/not-a-token').expect(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(cspHeader(SIGNING_PAGE_CSP));
    expect(csp).toBe(
      `default-src 'none';style-src ${sha256(pageNeeds(res.text).styles[0])};` +
        "form-action 'self';base-uri 'none';frame-ancestors 'none'",
    );
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('needs nothing else on any signing page: no script, no image, no style attribute, forms to the same origin', () => {
    const events = run([plan, draft]);
    const drafted = events.find((e) => e.type === 'LearningAgreementVersionDrafted');
    if (drafted?.type !== 'LearningAgreementVersionDrafted') throw new Error('not drafted');
    const pages = [
      messagePage('lv', 'Paldies', 'Parakstīts.'),
      ...(['link', 'action'] as const).map((at) =>
        agreementPage({
          language: 'en',
          token: 'a.b.c',
          at,
          role: 'learner',
          content: drafted.data.content,
          contentHash: drafted.data.contentHash,
          form: { action: 'sign', fullName: '<b>x</b>', errors: ['missing'] },
        }),
      ),
    ];
    const allowed = SIGNING_PAGE_CSP['style-src'];
    for (const html of pages) {
      const needs = pageNeeds(html);
      expect(needs.styles.map(sha256)).toEqual([allowed[0]]);
      expect(needs).toMatchObject({
        inlineScripts: [],
        scriptSources: [],
        stylesheets: [],
        styleAttributes: false,
        images: false,
      });
      // Relative actions: the same origin (form-action 'self').
      for (const action of needs.formActions) expect(action).not.toMatch(/^[a-z]+:|^\/\//i);
    }
    expect(pageNeeds(pages[1]).formActions).toEqual(['a.b.c/sign', 'a.b.c/decline']);
  });

  it('serves the Swagger UI under its own CSP, and every script and stylesheet it loads answers 200 from the same origin', async () => {
    const res = await api.http.get('/api/docs').expect(200);
    expect(res.headers['content-security-policy']).toBe(cspHeader(API_DOCS_CSP));
    const needs = pageNeeds(res.text);
    expect(needs.inlineScripts).toEqual([]);
    expect(needs.scriptSources.length).toBeGreaterThanOrEqual(3);
    expect(needs.stylesheets.length).toBeGreaterThanOrEqual(1);
    for (const src of [...needs.scriptSources, ...needs.stylesheets]) {
      const url = new URL(src, 'http://api.test/api/docs');
      expect(url.origin).toBe('http://api.test'); // script-src / style-src 'self'
      const asset = await api.http.get(url.pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(
        src.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
    }
    const init = needs.scriptSources.find((s) => s.endsWith('swagger-ui-init.js'));
    const initJs = (await api.http.get(new URL(init!, 'http://api.test/api/docs').pathname)).text;
    expect(initJs).toContain('SwaggerUIBundle');
    await api.http.get('/api/docs-json').expect(200);
  });

  it('answers no CORS header without CORS_ORIGINS, to a request or a preflight', async () => {
    const origin = 'https://app.example.org';
    const res = await api.http.get('/institutions').set('Origin', origin).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await api.http
      .options('/institutions')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });
});

describe('CORS with CORS_ORIGINS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('hardening_cors', {
      CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
    });
  });
  afterAll(() => api?.close());

  it('echoes an allowed origin, and only that one', async () => {
    for (const origin of ['https://app.example.org', 'http://localhost:5173']) {
      const res = await api.http.get('/institutions').set('Origin', origin).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
      expect(res.headers.vary).toMatch(/Origin/);
    }
    const preflight = await api.http
      .options('/institutions')
      .set('Origin', 'https://app.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, idempotency-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toContain('Idempotency-Key');
  });

  it('gives another origin nothing: not a look-alike, not a sub-domain, not another port', async () => {
    for (const origin of [
      'https://evil.example.org',
      'https://app.example.org.evil.test',
      'http://app.example.org',
      'http://localhost:5174',
      'null',
    ]) {
      const res = await api.http.get('/institutions').set('Origin', origin).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await api.http
        .options('/institutions')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('the signing pages’ rate limit, shared by two API instances on one database', () => {
  let first: TestApi;
  let second: INestApplication;
  beforeAll(async () => {
    first = await startTestApi('hardening_rate');
    // Another instance: the same process environment, so the same database (first.db.url).
    second = await createApiApp();
    await second.init();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('refuses the 31st request of an IP in a minute, counted across both instances, with 429 problem details and Retry-After', async () => {
    const secondHttp = request(second.getHttpServer());
    for (let i = 0; i < 15; i++) await first.http.get(`/sign/guess-${i}`).expect(400);
    for (let i = 0; i < 15; i++)
      await secondHttp
        .post(`/sign/guess-${i}/sign`)
        .type('form')
        .send({ fullName: 'X', agree: 'yes' })
        .expect(400);

    const refused = await first.http.get('/sign/guess-30').expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: '/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      instance: '/sign/guess-30',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.retryAfter).toBe(retryAfter);
    // Security headers on the refusal too.
    expect(refused.headers['content-security-policy']).toBe(cspHeader(SIGNING_PAGE_CSP));

    await secondHttp.post('/sign/guess-31/decline').type('form').send({}).expect(429);
    const pool = first.app.get<Pool>(PG_POOL);
    const { rows } = await pool.query<{ key: string; points: number }>(
      `SELECT key, points FROM ${RATE_LIMIT_TABLE} WHERE key LIKE 'signing-page:%'`,
    );
    expect(rows).toEqual([{ key: 'signing-page:ip:127.0.0.1', points: 32 }]);
    // Other routes are not limited by it.
    await first.http.get('/institutions').expect(200);
  });

  it('lets the apps’ role (a member of ecvet_writer) keep the counters', async () => {
    const role = `ecvet_app_${randomUUID().slice(0, 8)}`;
    const owner = first.app.get<Pool>(PG_POOL);
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app' IN ROLE ecvet_writer`);
    const url = new URL(first.db.url);
    url.username = role;
    url.password = 'app';
    const app = new Client({ connectionString: url.toString() });
    await app.connect();
    try {
      const limiter = new RateLimiterPostgres({
        storeClient: app,
        storeType: 'client',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: 'role-check',
        points: 1,
        duration: 60,
      });
      await limiter.consume('k');
      await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
      await limiter.delete('k');
      await app.query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < 0`);
      await app.query('SELECT count(*) FROM pgmigrations_api');
    } finally {
      await app.end();
      await owner.query(`DROP ROLE ${role}`);
    }
  });
});

@Controller('probe')
class TokenProbeController {
  @Post('tokens')
  @RateLimit('token-create')
  create() {
    return { created: true };
  }

  @Get()
  open() {
    return { limited: false };
  }
}

@Module({
  imports: [ConfigModule, DatabaseModule, SecurityModule],
  controllers: [TokenProbeController],
})
class TokenProbeModule {}

describe('sign-in throttling and per-account buckets', () => {
  let api: TestApi;
  let throttle: SignInThrottle;
  beforeAll(async () => {
    api = await startTestApi('hardening_sign_in', {
      SIGN_IN_LOCKOUT: '{"after":3,"first":"PT1S","max":"PT4S"}',
      RATE_LIMITS: '{"token-create":"2/PT1H"}',
    });
    throttle = api.app.get(SignInThrottle);
  });
  afterAll(() => api?.close());

  const refusal = async (attempt: Promise<void>) => {
    try {
      await attempt;
    } catch (err) {
      if (err instanceof TooManyRequests) return err;
      throw err;
    }
    throw new Error('expected TooManyRequests');
  };

  it('locks an e-mail out at one IP after 3 consecutive failures: 1 s, then 2 s, 4 s, and no more than 4 s', async () => {
    const ip = '203.0.113.7';
    const email = 'Lockout@Example.org';
    for (let i = 0; i < 2; i++) {
      await throttle.beforeAttempt(ip, email);
      expect(await throttle.onFailure(ip, email)).toBe(0);
    }
    await throttle.beforeAttempt(ip, email);
    expect(await throttle.onFailure(ip, email)).toBe(1000);
    const locked = await refusal(throttle.beforeAttempt(ip, ' lockout@example.org '));
    expect(locked).toMatchObject({ reason: 'locked', retryAfterSeconds: 1 });
    expect(locked.getStatus()).toBe(429);

    // Not the person at another address: the lock is the pair's.
    await throttle.beforeAttempt('198.51.100.20', email);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await throttle.beforeAttempt(ip, email);
    expect(await throttle.onFailure(ip, email)).toBe(2000);
    expect(await refusal(throttle.beforeAttempt(ip, email))).toMatchObject({
      retryAfterSeconds: 2,
    });
    expect(await throttle.onFailure(ip, email)).toBe(4000);
    expect(await throttle.onFailure(ip, email)).toBe(4000);
    expect(await refusal(throttle.beforeAttempt(ip, email))).toMatchObject({
      reason: 'locked',
      retryAfterSeconds: 4,
    });

    // A success ends the run and the lock: failures start again from none.
    await throttle.onSuccess(ip, email);
    await throttle.beforeAttempt(ip, email);
    expect(await throttle.onFailure(ip, email)).toBe(0);
  });

  it('counts attempts per IP and per e-mail: the 11th in a minute is refused', async () => {
    const email = 'spread@example.org';
    for (let i = 1; i <= 10; i++) await throttle.beforeAttempt(`192.0.2.${i}`, email);
    const byEmail = await refusal(throttle.beforeAttempt('192.0.2.11', email));
    expect(byEmail.reason).toBe('rate');
    expect(byEmail.retryAfterSeconds).toBeLessThanOrEqual(60);

    const ip = '2001:db8:1:2:aaaa::1';
    for (let i = 1; i <= 10; i++) await throttle.beforeAttempt(ip, `person${i}@example.org`);
    // The same /64 is the same client.
    const byIp = await refusal(throttle.beforeAttempt('2001:db8:1:2:bbbb::9', 'other@example.org'));
    expect(byIp.reason).toBe('rate');
  });

  it('keeps e-mails out of the table (only their SHA-256)', async () => {
    const pool = api.app.get<Pool>(PG_POOL);
    const { rows } = await pool.query<{ key: string }>(
      `SELECT key FROM ${RATE_LIMIT_TABLE} WHERE key LIKE 'sign-in:%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).not.toMatch(/@|example/);
  });

  it('counts a per-account bucket per signed-in account (`token-create`), and the IP without one', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [TokenProbeModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    // What the authentication guard does: the principal on the request.
    app.use((req: Request, _res: Response, next: NextFunction) => {
      const accountId = req.get('x-test-account');
      if (accountId) Object.assign(req, { principal: { accountId } });
      next();
    });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    try {
      const http = request(app.getHttpServer());
      const as = (account?: string) => {
        const req = http.post('/probe/tokens');
        return account ? req.set('x-test-account', account) : req;
      };
      await as('acc-1').expect(201);
      await as('acc-1').expect(201);
      const refused = await as('acc-1').expect(429);
      expect(refused.body.type).toBe('/problems/too-many-requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      await as('acc-2').expect(201);
      await as().expect(201);
      await as().expect(201);
      await as().expect(429);
      await http.get('/probe').expect(200);
    } finally {
      await app.close();
    }
  });
});
