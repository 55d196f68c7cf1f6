import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import {
  DASHBOARD_ROW_SELECT,
  MobilityService,
  ReadModelProjection,
  rebuildReadModel,
} from '@ecvet/application';
import { PG_POOL } from '@ecvet/database';
import { EVENT_STORE, type EventStore } from '@ecvet/event-store';
import { startTestApi, type TestApi } from '../support/api-app';
import { dashboardWorld, DASHBOARD_PRINCIPALS as P, systemContext } from '../support/world';

/**
 * The dashboard live: server-sent events of visible changes only, the single-page app served
 * with a fresh CSP nonce, and the dashboard's rows rebuilt identically from the log.
 */
let api: TestApi;
let server: Server;
const dist = mkdtempSync(join(tmpdir(), 'ecvet-dashboard-dist-'));

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><meta property="csp-nonce" nonce="__CSP_NONCE__">' +
      '<script type="module" nonce="__CSP_NONCE__" src="/assets/app-1a2b.js"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log("app");');
  api = await startTestApi('dashboard_live', { ECVET_DASHBOARD_DIST: dist });
  await dashboardWorld(api);
  server = api.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await api?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** An open event stream: the `changed` events received so far, and a way to wait for one. */
async function openStream(token: string) {
  const { port } = server.address() as AddressInfo;
  const events: Array<{ kind: string; id: string; version: number }> = [];
  const waiting: Array<() => void> = [];
  let buffer = '';
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/dashboard/events',
        headers: { Authorization: `Bearer ${token}` },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (message.includes(': connected')) connected();
      const data = /^event: changed\ndata: (.*)$/m.exec(message);
      if (data) {
        events.push(JSON.parse(data[1]) as (typeof events)[number]);
        waiting.splice(0).forEach((wake) => wake());
      }
    }
  });
  await ready;
  return {
    response,
    events,
    /** The first event about `id`, within `ms` (else the test fails). */
    async next(id: string, ms: number) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.find((e) => e.id === id);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event about ${id} within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiting.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => response.destroy(),
  };
}

describe('the dashboard’s server-sent events', () => {
  it('answers 401 without a principal, and text/event-stream with one', async () => {
    await api.anonymous.get('/dashboard/events').expect(401);
    const stream = await openStream(await api.tokenOf(P.school));
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    stream.close();
  });

  it('delivers a change of a visible mobility within 2 s, and none of an invisible one', async () => {
    const school = await openStream(await api.tokenOf(P.school));
    const host = await openStream(await api.tokenOf(P.hostEs));
    const mobilities = api.app.get(MobilityService);
    // m-other is another school's (hosted in Spain), m-cilda the school's (hosted in Germany).
    // The projection writes them in this order, so an event arriving about the second and none
    // about the first shows that the first was held back.
    for (const id of ['m-other', 'm-cilda'])
      await mobilities.cancel(
        id,
        { reason: 'withdrawn', cancelledOn: '2027-02-02' },
        systemContext(),
      );
    expect(await school.next('m-cilda', 2_000)).toEqual({
      kind: 'mobilities',
      id: 'm-cilda',
      version: expect.any(Number),
    });
    expect(school.events.map((e) => e.id)).not.toContain('m-other');
    // The Spanish host sees m-other, not m-cilda: its next event about a mobility is m-other's.
    expect((await host.next('m-other', 2_000)).kind).toBe('mobilities');
    await mobilities.cancel(
      'm-anna',
      { reason: 'withdrawn', cancelledOn: '2027-02-02' },
      systemContext(),
    );
    await host.next('m-anna', 2_000);
    expect(host.events.map((e) => e.id)).not.toContain('m-cilda');
    school.close();
    host.close();
  });
});

describe('the single-page app', () => {
  const nonceOf = (csp: string) => /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];

  it.each(['/', '/app/mobilities', '/app/mobilities/m-anna?asOf=2027-01-01'])(
    'answers %s with index.html, its nonce that of the CSP',
    async (path) => {
      const res = await api.anonymous
        .get(path)
        .expect(200)
        .expect('Content-Type', /text\/html/);
      const csp = res.headers['content-security-policy'];
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp).toBe(
        `default-src 'self';script-src 'self' 'nonce-${nonce}';style-src 'self' 'nonce-${nonce}';` +
          "img-src 'self' data:;connect-src 'self';font-src 'self';frame-ancestors 'none';" +
          "base-uri 'none';form-action 'self'",
      );
      expect(res.text).not.toContain('__CSP_NONCE__');
      expect(res.text.split(`nonce="${nonce}"`)).toHaveLength(3);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('gives every response a fresh nonce', async () => {
    const a = nonceOf(
      (await api.anonymous.get('/').expect(200)).headers['content-security-policy'],
    );
    const b = nonceOf(
      (await api.anonymous.get('/').expect(200)).headers['content-security-policy'],
    );
    expect(a).not.toBe(b);
  });

  it('serves the hashed bundles for a year, and 404 for a missing one', async () => {
    const res = await api.anonymous.get('/assets/app-1a2b.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await api.anonymous.get('/assets/missing-0000.js').expect(404);
  });

  it('answers 503 saying to build when the app is not built', async () => {
    const saved = process.env.ECVET_DASHBOARD_DIST;
    process.env.ECVET_DASHBOARD_DIST = join(dist, 'nothing-here');
    try {
      const res = await api.anonymous.get('/').expect(503);
      expect(res.text).toContain('npm run build');
    } finally {
      process.env.ECVET_DASHBOARD_DIST = saved;
    }
  });

  it('keeps the SPA out of the OpenAPI document', async () => {
    const doc = (await api.anonymous.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).filter((p) => p === '/' || p.startsWith('/app'))).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/dashboard/overview', '/dashboard/mobilities', '/dashboard/events']),
    );
  });
});

describe('the dashboard’s rows from scratch', () => {
  it('are identical after truncating the read models and replaying the log', async () => {
    await api.readModelsCaughtUp();
    const pool = api.app.get<Pool>(PG_POOL);
    const store = api.app.get<EventStore>(EVENT_STORE);
    const rows = async () =>
      (
        await pool.query(
          `SELECT ${DASHBOARD_ROW_SELECT} FROM ecvet_dashboard_mobilities ORDER BY mobility_id`,
        )
      ).rows;
    const overview = async () =>
      (await (await api.as(P.school)).get('/dashboard/overview').expect(200)).body as unknown;
    const overviewBefore = await overview();
    const before = await rows();
    expect(before).toHaveLength(6);
    expect((await rebuildReadModel(store, pool, 'mobilities')).equal).toBe(true);

    // Stop the app's projection, empty the read models and replay with a fresh one.
    const running = api.app.get(ReadModelProjection);
    await running.beforeApplicationShutdown();
    await pool.query('TRUNCATE ecvet_read_models, ecvet_dashboard_mobilities');
    await pool.query(`DELETE FROM ecvet_projection_checkpoints WHERE name = 'read-models'`);
    expect(await rows()).toEqual([]);
    const replay = new ReadModelProjection(pool, store);
    replay.onApplicationBootstrap();
    try {
      const { rows: last } = await pool.query<{ checkpoint: string }>(
        `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
           FROM ecvet_events ORDER BY tx_id DESC, position DESC LIMIT 1`,
      );
      await replay.caughtUpTo(last[0].checkpoint);
      expect(await rows()).toEqual(before);
      // The kept counts were emptied with the rows and counted again.
      expect(await overview()).toEqual(overviewBefore);

      // A row that is not what the log makes shows in the operators' rebuild report.
      await pool.query(
        `UPDATE ecvet_dashboard_mobilities SET overdue = NOT overdue WHERE mobility_id = 'm-anna'`,
      );
      const report = await rebuildReadModel(store, pool, 'mobilities');
      expect(report.equal).toBe(false);
      expect(report.differences).toEqual([
        expect.objectContaining({ id: 'm-anna', problem: 'content', paths: ['dashboard.overdue'] }),
      ]);
    } finally {
      await replay.beforeApplicationShutdown();
    }
  });
});
