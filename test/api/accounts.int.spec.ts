import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * Accounts over the API: an institution's administrator provisions its staff (never operators
 * or auditors, never for another institution), roles change and accounts are disabled as
 * security events an auditor reads, a token is shown once and stored only as a hash, and a
 * disabled account's token stops working at once.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('accounts');
});
afterAll(() => api?.close());

const admin = () => api.as({ role: 'administrator', institutionId: 'school' });

describe('accounts API', () => {
  it('one account per e-mail: another provisioning of it is refused', async () => {
    await (
      await admin()
    )
      .post('/accounts')
      .send({
        email: 'same@school.example',
        name: 'A',
        role: 'coordinator',
        institutionId: 'school',
      })
      .expect(201);
    const again = await (
      await admin()
    )
      .post('/accounts')
      .send({ email: 'SAME@school.example', name: 'B', role: 'head', institutionId: 'school' })
      .expect(422);
    expect(again.body.rule).toBe('account.email-taken');
  });

  it('an administrator provisions the staff of their institution, and only that', async () => {
    const created = await (
      await admin()
    )
      .post('/accounts')
      .send({
        email: 'Ilze@School.example',
        name: 'Ilze Ozola',
        role: 'coordinator',
        institutionId: 'school',
      })
      .expect(201);
    expect(created.headers.location).toBe(`/accounts/${created.body.id}`);
    const read = await (await admin()).get(`/accounts/${created.body.id}`).expect(200);
    expect(read.body).toMatchObject({
      email: 'ilze@school.example',
      role: 'coordinator',
      status: 'active',
    });

    await (
      await admin()
    )
      .post('/accounts')
      .send({ email: 'x@other.example', name: 'X', role: 'coordinator', institutionId: 'other' })
      .expect(403);
    await (
      await admin()
    )
      .post('/accounts')
      .send({ email: 'op@school.example', name: 'Op', role: 'operator' })
      .expect(403);
    await (
      await api.as({ role: 'coordinator', institutionId: 'school' })
    )
      .post('/accounts')
      .send({ email: 'y@school.example', name: 'Y', role: 'head', institutionId: 'school' })
      .expect(403);
  });

  it('a token is shown once, stored as a hash; a disabled account is refused at once', async () => {
    // The mentor (provisioned as the command line would) makes a token for themselves.
    const bootstrap = await api.tokenOf({
      role: 'mentor',
      institutionId: 'school',
      email: 'mentor@school.example',
    });
    const accountId = (
      await api.anonymous
        .get('/accounts/me')
        .set('Authorization', `Bearer ${bootstrap}`)
        .expect(200)
    ).body.accountId as string;
    const mine = await api.anonymous
      .post('/accounts/me/tokens')
      .set('Authorization', `Bearer ${bootstrap}`)
      .send({ label: 'script', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(201);
    expect(mine.body.token).toMatch(/^ecvet_/);
    const pg = new Client({ connectionString: api.db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ token_hash: string }>(
        'SELECT token_hash FROM ecvet_api_tokens WHERE token_id = $1',
        [mine.body.tokenId],
      );
      expect(rows[0].token_hash).toBe(createHash('sha256').update(mine.body.token).digest('hex'));
      const plain = await pg.query(`SELECT 1 FROM ecvet_api_tokens WHERE token_hash = $1`, [
        mine.body.token,
      ]);
      expect(plain.rowCount).toBe(0);
    } finally {
      await pg.end();
    }
    const bearer = `Bearer ${mine.body.token}`;
    await api.anonymous.get('/accounts/me').set('Authorization', bearer).expect(200);

    await (
      await admin()
    )
      .post(`/accounts/${accountId}/disable`)
      .send({ reason: 'left the school' })
      .expect(200);
    const refused = await api.anonymous
      .get('/accounts/me')
      .set('Authorization', bearer)
      .expect(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('roles granted and revoked, tokens, disabling: the security record an auditor reads', async () => {
    const created = await (
      await admin()
    )
      .post('/accounts')
      .send({ email: 'h@school.example', name: 'H', role: 'coordinator', institutionId: 'school' })
      .expect(201);
    const id = created.body.id as string;
    await (
      await admin()
    )
      .put(`/accounts/${id}/role`)
      .send({ role: 'head', institutionId: 'school' })
      .expect(200);
    const auditor = await api.as({ role: 'auditor', auditScope: 'all', email: 'a@viaa.example' });
    const history = await auditor.get(`/accounts/${id}/history`).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'AccountProvisioned',
      'AccountRoleChanged',
    ]);
    expect(history.body[1].data).toMatchObject({ role: 'head', previous: { role: 'coordinator' } });
    expect(history.body[1].metadata.actor).toMatchObject({
      role: 'administrator',
      institutionId: 'school',
      via: 'api-token',
    });
    // An auditor reads, never writes.
    await auditor
      .put(`/accounts/${id}/role`)
      .send({ role: 'mentor', institutionId: 'school' })
      .expect(403);
    // Someone unrelated does not even see it.
    await (
      await api.as({ role: 'administrator', institutionId: 'other' })
    )
      .get(`/accounts/${id}`)
      .expect(404);
  });

  it('nobody signed in gets 401 with problem details; an X-Actor header changes nothing', async () => {
    const res = await api.anonymous
      .get('/mobilities')
      .set('X-Actor-Role', 'coordinator')
      .expect(401);
    expect(res.body).toMatchObject({
      status: 401,
      type: expect.stringContaining('unauthenticated'),
    });
    await api.anonymous.get('/health').expect((r) => expect([200, 503]).toContain(r.status));
    await api.anonymous.get('/api/docs-json').expect(200);
  });
});
