import { startTestApi, type TestApi } from '../support/api-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_institutions');
});
afterAll(() => api?.close());

const school = {
  institutionId: 'rtrit',
  kind: 'sending-school',
  legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
  legalAddress: 'Nīcgales iela 26, Rīga',
  country: 'LV',
  identifiers: { erasmusOid: 'E10000001' },
  preferredLanguage: 'lv',
};

describe('institutions API', () => {
  it('registers an institution: 201, ETag and version 1, then reads it back', async () => {
    const res = await api.http.post('/institutions').send(school).expect(201);
    expect(res.body).toEqual({ id: 'rtrit', version: 1, events: ['InstitutionRegistered'] });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe('/institutions/rtrit');
    const got = await api.http.get('/institutions/rtrit').expect(200);
    expect(got.body).toMatchObject({ legalName: school.legalName, version: 1 });
    expect(got.headers.etag).toBe('"1"');
  });

  it('lists every invalid field in a 400 problem and changes nothing', async () => {
    const res = await api.http
      .post('/institutions')
      .send({ ...school, institutionId: 'x1', country: 'Latvia', kind: 'pub', extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['country', 'kind', 'extra']));
    await api.http.get('/institutions/x1').expect(404);
  });

  it('a retried POST with the same Idempotency-Key returns the same response and appends nothing', async () => {
    const body = { ...school, institutionId: 'host-1', kind: 'host-company', country: 'ES' };
    const first = await api.http
      .post('/institutions')
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    const again = await api.http
      .post('/institutions')
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const history = await api.http.get('/institutions/host-1/history').expect(200);
    expect(history.body).toHaveLength(1);
    // The actor is the signed-in account (api.http: the platform's operator), never anonymous.
    expect(history.body[0].metadata).toMatchObject({
      actor: { id: 'account:acc-operator-test-example', role: 'operator', via: 'api-token' },
    });
  });

  it('the same Idempotency-Key with another request is refused', async () => {
    await api.http
      .patch('/institutions/host-1')
      .set('Idempotency-Key', 'k-2')
      .send({ legalName: 'A' })
      .expect(200);
    const res = await api.http
      .patch('/institutions/host-1')
      .set('Idempotency-Key', 'k-2')
      .send({ legalName: 'B' })
      .expect(422);
    expect(res.body.rule).toBe('request.idempotency-key-reused');
  });

  it('a stale If-Match is a 409 with the current version', async () => {
    const res = await api.http
      .patch('/institutions/rtrit')
      .set('If-Match', '"0"')
      .send({ preferredLanguage: 'en' })
      .expect(409);
    expect(res.body.currentVersion).toBe(1);
    await api.http
      .patch('/institutions/rtrit')
      .set('If-Match', '"1"')
      .send({ preferredLanguage: 'en' })
      .expect(200);
  });

  it('a domain rule is a 422 naming the rule', async () => {
    const res = await api.http
      .post('/institutions')
      .send({ ...school, legalName: 'Another name' })
      .expect(422);
    expect(res.body.rule).toBe('institution.already-registered');
  });

  it('a command on an unknown institution is a 404', () =>
    api.http.patch('/institutions/nope').send({ legalName: 'x' }).expect(404));

  it('contact persons are personal data: encrypted in the log, readable through the API', async () => {
    await api.http
      .post('/institutions/rtrit/contacts')
      .send({
        id: 'c-ilze',
        name: 'Ilze Ozola',
        role: 'mobility coordinator',
        email: 'ilze@example.lv',
      })
      .expect(200);
    const got = await api.http.get('/institutions/rtrit').expect(200);
    expect(got.body.contacts).toEqual([expect.objectContaining({ name: 'Ilze Ozola' })]);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.db.url });
    await client.connect();
    const { rows } = await client
      .query("SELECT data::text AS data FROM ecvet_events WHERE event_type = 'ContactPersonAdded'")
      .finally(() => client.end());
    expect(rows[0].data).not.toContain('Ilze');
  });

  it('lists institutions from the read model', async () => {
    await api.readModelsCaughtUp();
    const res = await api.http.get('/institutions?limit=10').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { institutionId: string }) => i.institutionId).sort()).toEqual([
      'host-1',
      'rtrit',
    ]);
  });

  it('serves the OpenAPI document', async () => {
    const res = await api.http.get('/api/docs-json').expect(200);
    expect(res.body.paths['/institutions']).toBeDefined();
    expect(res.body.components.schemas.RegisterInstitutionDto.properties.country).toBeDefined();
  });
});
