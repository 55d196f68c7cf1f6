import { createHash } from 'node:crypto';
import { ApiClient } from '../../infra/demo/api-client';
import { COORDINATOR, demoAccount } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import {
  createNotificationsTestEnv,
  startNotificationsApp,
  type NotificationsTestApp,
  type NotificationsTestEnv,
} from '../support/notifications-app';

/**
 * The outbox resource without SMTP_URL (what `npm start` does by default): mail is composed and
 * kept locally, and the API lists it — never with a signing link: an operator reads a link kept
 * locally through its own endpoint, and that is recorded. Ingus's agreement (seeds) waits for
 * two signatures (his and his guardian's).
 */
let env: NotificationsTestEnv;
let api: NotificationsTestApp;
const at = () => new Date().toISOString();
const tokenFor = (email: string) => api.tokenOf(demoAccount(email));
/** A signing link's token (a JWT: its header starts `eyJ`), or a link to the signing pages. */
const TOKEN = /eyJ[\w-]*\.[\w-]+\.[\w-]+|\/sign\/[\w-]+\.[\w-]+/;
const linksOf = (role: string, version = 1) =>
  `/mobilities/mob-ingus/learning-agreement/versions/${version}/signatories/${role}/links`;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

beforeAll(async () => {
  env = await createNotificationsTestEnv('api_outbox');
  api = await startNotificationsApp(env);
  await runSeedsScenario(new ApiClient(api.baseUrl, 'setup', tokenFor), {
    annija: 'awaiting-signatures',
    juris: 'awaiting-signatures',
    ingus: 'awaiting-signatures',
  });
  await api.workflow('mob-ingus', {
    type: 'SendSignatureReminder',
    data: { mobilityId: 'mob-ingus', version: 1, role: 'learner', reminderNumber: 1, at: at() },
  });
  await api.workflow('mob-ingus', {
    type: 'EscalateSignatureRequest',
    data: {
      mobilityId: 'mob-ingus',
      version: 1,
      role: 'learner',
      level: 'coordinator',
      afterReminders: 1,
      at: at(),
    },
  });
  await api.workflow('mob-juris', {
    type: 'SendSignatureReminder',
    data: { mobilityId: 'mob-juris', version: 1, role: 'learner', reminderNumber: 1, at: at() },
  });
  await api.outboxCaughtUp();
  await api.sender.drain();
});
afterAll(async () => {
  await api?.close();
  await env?.db.drop();
});

describe('the outbox API', () => {
  it('lists the mail, newest first, kept locally when no SMTP server is configured', async () => {
    const res = await api.http.get('/outbox').expect(200);
    expect(res.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(res.body.items.map((m: { kind: string }) => m.kind)).toEqual([
      'signature-reminder',
      'signature-escalation',
      'signature-reminder',
    ]);
    for (const mail of res.body.items) {
      expect(mail.status).toBe('kept-locally');
      expect(mail).not.toHaveProperty('html');
      expect(mail).not.toHaveProperty('signingLink');
    }
    expect(res.body.items.map((m: { signingLinkSent: boolean }) => m.signingLinkSent)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('filters by mobility and status, and pages', async () => {
    const ingus = await api.http.get('/outbox?mobilityId=mob-ingus').expect(200);
    expect(ingus.body.total).toBe(2);
    expect(
      ingus.body.items.every((m: { mobilityId: string }) => m.mobilityId === 'mob-ingus'),
    ).toBe(true);
    const sent = await api.http.get('/outbox?status=sent').expect(200);
    expect(sent.body).toMatchObject({ total: 0, items: [] });
    const page = await api.http.get('/outbox?limit=1&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('shows one mail with its text and HTML, the signing link replaced: it says one was sent', async () => {
    const list = await api.http.get('/outbox?mobilityId=mob-ingus').expect(200);
    const reminder = list.body.items.find((m: { kind: string }) => m.kind === 'signature-reminder');
    expect(reminder).toMatchObject({
      to: { name: 'Ingus Ozols', email: 'ingus.ozols@example.lv', role: 'learner' },
      language: 'lv',
      signingLinkSent: true,
    });
    const res = await api.http.get(`/outbox/${encodeURIComponent(reminder.id)}`).expect(200);
    expect(res.body.text).toContain('Labdien, Ingus Ozols!');
    expect(res.body.html).toContain('<html lang="lv">');
    expect(res.body).not.toHaveProperty('signingLink');
    expect(res.body.signingLinkSent).toBe(true);
    expect(res.body.text).toContain('[signing link sent]');
    expect(res.body.html).toContain('href="[signing link sent]"');
    expect(res.body.text).not.toMatch(TOKEN);
    expect(res.body.html).not.toMatch(TOKEN);
  });

  it('keeps no link in the database once the mail is kept locally: the token’s hash and claims only', async () => {
    const { rows } = await api.pool.query<Record<string, unknown>>(
      'SELECT * FROM ecvet_mail_outbox',
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.signing_link).toBeNull();
      expect(JSON.stringify(row)).not.toMatch(TOKEN);
    }
    const reminders = rows.filter((r) => r.kind === 'signature-reminder');
    for (const row of reminders) {
      expect(row.signing_link_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.signing_link_claims).toMatchObject({ v: 1, role: 'learner', g: 0 });
    }
  });

  it('lets an operator read a link kept locally, records it, and the link opens the agreement', async () => {
    const res = await api.http.post(`${linksOf('learner')}/disclosures`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      id: 'mob-ingus',
      events: ['SigningLinkDisclosed'],
      signingLink: expect.stringMatching(/\/sign\/[\w-]+\.[\w-]+\.[\w-]+$/),
      outboxId: expect.stringMatching(/:0$/),
    });
    const token = res.body.signingLink.slice(res.body.signingLink.lastIndexOf('/') + 1);
    const { rows } = await api.pool.query<{ signing_link_hash: string }>(
      'SELECT signing_link_hash FROM ecvet_mail_outbox WHERE id = $1',
      [res.body.outboxId],
    );
    expect(rows[0].signing_link_hash).toBe(sha256(token));
    await api.http.get(new URL(res.body.signingLink).pathname).expect(200);

    const history = await api.http.get('/mobilities/mob-ingus/history').expect(200);
    const disclosed = history.body.filter(
      (e: { type: string }) => e.type === 'SigningLinkDisclosed',
    );
    expect(disclosed).toHaveLength(1);
    expect(disclosed[0].data).toMatchObject({
      mobilityId: 'mob-ingus',
      version: 1,
      role: 'learner',
      linkId: res.body.linkId,
    });
    expect(JSON.stringify(disclosed[0])).not.toMatch(TOKEN);
    expect(disclosed[0].metadata.actor).toMatchObject({ role: 'operator' });
  });

  it('reads a kept link for operators only, and only one that exists and still works', async () => {
    const coordinator = await api.as(demoAccount(COORDINATOR.email));
    await coordinator.post(`${linksOf('learner')}/disclosures`).expect(403);
    // No reminder has brought the guardian a link.
    await api.http.post(`${linksOf('guardian')}/disclosures`).expect(404);
    await api.http.post(`${linksOf('principal')}/disclosures`).expect(400);
  });

  it('a coordinator sends a fresh link: kept locally too, the one read before is replaced', async () => {
    const before = await api.http.post(`${linksOf('learner')}/disclosures`).expect(200);
    const coordinator = await api.as(demoAccount(COORDINATOR.email));
    const reissued = await coordinator.post(linksOf('learner')).expect(200);
    expect(reissued.body).toMatchObject({ id: 'mob-ingus', events: ['SigningLinkReissued'] });
    await api.outboxCaughtUp();
    await api.sender.drain();

    const list = await api.http.get('/outbox?mobilityId=mob-ingus').expect(200);
    expect(list.body.items[0]).toMatchObject({
      kind: 'signing-link-reissued',
      status: 'kept-locally',
      signingLinkSent: true,
      to: { email: 'ingus.ozols@example.lv', role: 'learner' },
    });
    const after = await api.http.post(`${linksOf('learner')}/disclosures`).expect(200);
    expect(after.body.outboxId).toBe(list.body.items[0].id);
    expect(after.body.signingLink).not.toBe(before.body.signingLink);
    const old = await api.http.get(new URL(before.body.signingLink).pathname).expect(410);
    expect(old.text).toContain('Saite aizstāta ar jaunāku');
    await api.http.get(new URL(after.body.signingLink).pathname).expect(200);
  });

  it('never carries a token in any outbox response', async () => {
    const bodies: string[] = [];
    const list = await api.http.get('/outbox?limit=200').expect(200);
    bodies.push(list.text);
    for (const query of ['mobilityId=mob-ingus', 'status=kept-locally', 'limit=1&offset=0'])
      bodies.push((await api.http.get(`/outbox?${query}`).expect(200)).text);
    for (const mail of list.body.items as Array<{ id: string }>)
      bodies.push((await api.http.get(`/outbox/${encodeURIComponent(mail.id)}`).expect(200)).text);
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(body).not.toMatch(TOKEN);
  });

  it('shows each institution only the mail about what it is part of', async () => {
    const all = await api.http.get('/outbox').expect(200);
    const school = await (
      await api.as({ role: 'coordinator', institutionId: 'rtrit' })
    )
      .get('/outbox')
      .expect(200);
    expect(school.body.total).toBe(all.body.total);
    // Juris's host sees the mail about Juris only; an unrelated school sees nothing, not even
    // one mail by its id, and no count gives anything away.
    const host = await (
      await api.as({ role: 'coordinator', institutionId: 'kfz-leipzig' })
    )
      .get('/outbox')
      .expect(200);
    expect(host.body.items.map((m: { mobilityId: string }) => m.mobilityId)).toEqual(['mob-juris']);
    const outsider = await api.as({ role: 'coordinator', institutionId: 'elsewhere' });
    expect((await outsider.get('/outbox').expect(200)).body).toMatchObject({ total: 0, items: [] });
    await outsider.get(`/outbox/${all.body.items[0].id}`).expect(404);
    const mentor = await api.as({
      role: 'mentor',
      institutionId: 'rtrit',
      email: 'm@rtrit.example',
    });
    expect((await mentor.get('/outbox').expect(200)).body.total).toBe(0);
  });

  it('answers 404 for a mail that is not there and 400 for an unknown status', async () => {
    const missing = await api.http.get('/outbox/nothing:0').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await api.http.get('/outbox?status=lost').expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['status']);
  });

  it('is documented in the OpenAPI document, next to the signing pages and the links', async () => {
    const doc = await api.http.get('/api/docs-json').expect(200);
    const links =
      '/mobilities/{mobilityId}/learning-agreement/versions/{version}/signatories/{role}/links';
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/outbox',
        '/outbox/{id}',
        '/sign/{token}',
        '/sign/{token}/sign',
        '/sign/{token}/decline',
        links,
        `${links}/disclosures`,
      ]),
    );
    expect(JSON.stringify(doc.body.paths['/outbox/{id}'])).not.toContain('signingLink"');
  });
});
