import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AccountService } from '@ecvet/application';
import { AccountDirectory, SESSION_COOKIE, Sessions } from '@ecvet/identity';
import { signInContext } from '../../apps/api/src/auth/sign-in-records';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * Browser sessions and the guard's cookie path, in-process (jest) on a real PostgreSQL: the
 * sessions are created with `Sessions` directly (the sign-in flow that creates them needs the
 * ES-module OpenID libraries, which jest cannot load: test/auth/sign-in.int.spec.ts drives that
 * through real processes).
 */
describe('browser sessions', () => {
  const PUBLIC_URL = 'https://ecvet.example.org';
  let api: TestApi;
  let sessions: Sessions;
  let db: Client;
  let accountId: string;

  const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;
  const streamEvents = async (id: string) =>
    (
      await db.query<{ event_type: string; data: Record<string, unknown> }>(
        'SELECT event_type, data FROM ecvet_events WHERE stream_id = $1 ORDER BY version',
        [`Account-${id}`],
      )
    ).rows;

  beforeAll(async () => {
    api = await startTestApi('auth_sessions', { PUBLIC_URL });
    sessions = api.app.get(Sessions);
    db = new Client({ connectionString: api.db.url });
    await db.connect();
    await api.tokenOf({
      role: 'coordinator',
      institutionId: 'inst-1',
      email: 'coord@test.example',
    });
    accountId = (await api.app.get(AccountDirectory).byEmail('coord@test.example'))!.accountId;
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('stores only the SHA-256 of a 256-bit reference, and resolves it to the principal', async () => {
    const s = await sessions.create(accountId, 'password+totp');
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await db.query('SELECT * FROM ecvet_sessions WHERE session_id = $1', [
      s.sessionId,
    ]);
    expect(rows[0].session_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain(s.token);
    expect(rows[0].absolute_expires_at.getTime() - rows[0].created_at.getTime()).toBe(
      12 * 3_600_000,
    );

    const me = await request(api.app.getHttpServer())
      .get('/auth/session')
      .set('Cookie', cookie(s.token))
      .expect(200);
    expect(me.body).toMatchObject({
      accountId,
      email: 'coord@test.example',
      role: 'coordinator',
      institutionId: 'inst-1',
      via: 'password+totp',
      session: { sessionId: s.sessionId, csrfToken: s.csrfToken },
    });
    // Without the cookie, or with a made-up one: no principal.
    await request(api.app.getHttpServer()).get('/auth/session').expect(401);
    const wrong = await request(api.app.getHttpServer())
      .get('/auth/session')
      .set('Cookie', cookie('A'.repeat(43)))
      .expect(401);
    expect(wrong.body.detail).toContain('the session has ended');
  });

  it('uses the Bearer token when both come, and keeps the Bearer path as it was', async () => {
    const s = await sessions.create(accountId, 'password');
    const token = await api.tokenOf({ role: 'operator', email: 'operator@test.example' });
    const me = await request(api.app.getHttpServer())
      .get('/auth/session')
      .set('Cookie', cookie(s.token))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'operator', via: 'api-token' });
    expect(me.body.session).toBeUndefined();
    await request(api.app.getHttpServer())
      .get('/auth/session')
      .set('Authorization', 'Bearer ecvet_nope')
      .expect(401);
  });

  it('ends a session after the idle timeout, and after the absolute one however active', async () => {
    expect(sessions.idleMs).toBe(30 * 60_000);
    const idle = await sessions.create(accountId, 'password+totp');
    const active = await sessions.create(accountId, 'password+totp');
    await db.query(
      `UPDATE ecvet_sessions SET last_seen_at = now() - interval '29 minutes' WHERE session_id = $1`,
      [active.sessionId],
    );
    await db.query(
      `UPDATE ecvet_sessions SET last_seen_at = now() - interval '31 minutes' WHERE session_id = $1`,
      [idle.sessionId],
    );
    const server = api.app.getHttpServer();
    await request(server).get('/auth/session').set('Cookie', cookie(idle.token)).expect(401);
    // A request within the idle timeout moves it on.
    await request(server).get('/auth/session').set('Cookie', cookie(active.token)).expect(200);
    const { rows } = await db.query<{ age: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at) AS age FROM ecvet_sessions WHERE session_id = $1`,
      [active.sessionId],
    );
    expect(Number(rows[0].age)).toBeLessThan(5);
    await db.query(
      `UPDATE ecvet_sessions SET absolute_expires_at = now() - interval '1 second' WHERE session_id = $1`,
      [active.sessionId],
    );
    await request(server).get('/auth/session').set('Cookie', cookie(active.token)).expect(401);
  });

  it('refuses a state-changing request by cookie without our Origin or the CSRF token', async () => {
    const s = await sessions.create(accountId, 'password+totp');
    const server = api.app.getHttpServer();
    const refused = await request(server)
      .post('/auth/sign-out')
      .set('Cookie', cookie(s.token))
      .expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 403 });
    expect(refused.body.title).toContain('X-CSRF-Token');
    await request(server)
      .post('/auth/sign-out')
      .set('Cookie', cookie(s.token))
      .set('Origin', 'https://evil.example')
      .expect(403);
    await request(server)
      .post('/auth/sign-out')
      .set('Cookie', cookie(s.token))
      .set('X-CSRF-Token', 'x'.repeat(43))
      .expect(403);
    // Any other write too, before it is even validated (a POST of an institution).
    await request(server).post('/institutions').set('Cookie', cookie(s.token)).send({}).expect(403);
    // Reading is not refused; the session is still on.
    await request(server).get('/auth/session').set('Cookie', cookie(s.token)).expect(200);

    // Our own origin may, and so may another with the session's token.
    await request(server)
      .post('/auth/sign-out')
      .set('Cookie', cookie(s.token))
      .set('Origin', PUBLIC_URL)
      .expect(204);
    await request(server).get('/auth/session').set('Cookie', cookie(s.token)).expect(401);
    const t = await sessions.create(accountId, 'password+totp');
    const out = await request(server)
      .post('/auth/sign-out')
      .set('Cookie', cookie(t.token))
      .set('X-CSRF-Token', t.csrfToken)
      .expect(204);
    expect(String(out.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=; Path=/; Max-Age=0`);
    await request(server).get('/auth/session').set('Cookie', cookie(t.token)).expect(401);

    const events = await streamEvents(accountId);
    expect(events.filter((e) => e.event_type === 'SignedOut').map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: s.sessionId }),
        expect.objectContaining({ sessionId: t.sessionId }),
      ]),
    );
  });

  it('deletes sessions a day after they ended or expired, and keeps the live ones', async () => {
    const ended = await sessions.create(accountId, 'password+totp');
    const expired = await sessions.create(accountId, 'password+totp');
    const recent = await sessions.create(accountId, 'password+totp');
    const live = await sessions.create(accountId, 'password+totp');
    await db.query(
      `UPDATE ecvet_sessions SET ended_at = now() - interval '25 hours' WHERE session_id = $1`,
      [ended.sessionId],
    );
    await db.query(
      `UPDATE ecvet_sessions SET absolute_expires_at = now() - interval '25 hours' WHERE session_id = $1`,
      [expired.sessionId],
    );
    await sessions.end(recent.sessionId);
    expect(await sessions.sweep()).toBeGreaterThanOrEqual(2);
    const { rows } = await db.query<{ session_id: string }>(
      'SELECT session_id FROM ecvet_sessions WHERE session_id = ANY($1)',
      [[ended.sessionId, expired.sessionId, recent.sessionId, live.sessionId]],
    );
    expect(rows.map((r) => r.session_id).sort()).toEqual([recent.sessionId, live.sessionId].sort());
  });

  it('signs out everywhere: every session of the account ends, others’ do not', async () => {
    const server = api.app.getHttpServer();
    const a = await sessions.create(accountId, 'password+totp');
    const b = await sessions.create(accountId, 'password+totp');
    await api.tokenOf({ role: 'mentor', institutionId: 'inst-1', email: 'mentor@test.example' });
    const other = (await api.app.get(AccountDirectory).byEmail('mentor@test.example'))!;
    const c = await sessions.create(other.accountId, 'password');
    const res = await request(server)
      .post('/auth/sign-out-everywhere')
      .set('Cookie', cookie(a.token))
      .set('X-CSRF-Token', a.csrfToken)
      .expect(200);
    expect(res.body.endedSessions).toBeGreaterThanOrEqual(2);
    await request(server).get('/auth/session').set('Cookie', cookie(a.token)).expect(401);
    await request(server).get('/auth/session').set('Cookie', cookie(b.token)).expect(401);
    await request(server).get('/auth/session').set('Cookie', cookie(c.token)).expect(200);
    const events = await streamEvents(accountId);
    const last = events.filter((e) => e.event_type === 'SignedOut').at(-1)!;
    expect(last.data.sessionId).toBeUndefined();
  });

  it('refuses the session of an account that has been disabled', async () => {
    await api.tokenOf({ role: 'head', institutionId: 'inst-1', email: 'head@test.example' });
    const head = (await api.app.get(AccountDirectory).byEmail('head@test.example'))!;
    const s = await sessions.create(head.accountId, 'password+totp');
    const server = api.app.getHttpServer();
    await request(server).get('/auth/session').set('Cookie', cookie(s.token)).expect(200);
    await api.app
      .get(AccountService)
      .disable(head.accountId, { reason: 'left' }, { ...signInContext(), commandId: randomUUID() });
    await request(server).get('/auth/session').set('Cookie', cookie(s.token)).expect(401);
  });
});
