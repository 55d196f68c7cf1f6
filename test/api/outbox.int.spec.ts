import { ApiClient } from '../../infra/demo/api-client';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import {
  createNotificationsTestEnv,
  startNotificationsApp,
  type NotificationsTestApp,
  type NotificationsTestEnv,
} from '../support/notifications-app';

/**
 * The outbox resource without SMTP_URL (what `npm start` does by default): mail is composed and
 * kept locally, and the API lists it. Ingus's agreement (seeds) waits for two signatures.
 */
let env: NotificationsTestEnv;
let api: NotificationsTestApp;
const at = () => new Date().toISOString();

beforeAll(async () => {
  env = await createNotificationsTestEnv('api_outbox');
  api = await startNotificationsApp(env);
  await runSeedsScenario(new ApiClient(api.baseUrl, 'setup'), {
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

  it('shows one mail with its text, HTML and signing link', async () => {
    const list = await api.http.get('/outbox?mobilityId=mob-ingus').expect(200);
    const reminder = list.body.items.find((m: { kind: string }) => m.kind === 'signature-reminder');
    expect(reminder).toMatchObject({
      to: { name: 'Ingus Ozols', email: 'ingus.ozols@example.lv', role: 'learner' },
      language: 'lv',
      hasSigningLink: true,
    });
    const res = await api.http.get(`/outbox/${encodeURIComponent(reminder.id)}`).expect(200);
    expect(res.body.text).toContain('Labdien, Ingus Ozols!');
    expect(res.body.html).toContain('<html lang="lv">');
    expect(res.body.signingLink).toMatch(/\/sign\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.text).toContain(res.body.signingLink);
    await api.http.get(new URL(res.body.signingLink).pathname).expect(200);
  });

  it('answers 404 for a mail that is not there and 400 for an unknown status', async () => {
    const missing = await api.http.get('/outbox/nothing:0').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await api.http.get('/outbox?status=lost').expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['status']);
  });

  it('is documented in the OpenAPI document, next to the signing pages', async () => {
    const doc = await api.http.get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/outbox',
        '/outbox/{id}',
        '/sign/{token}',
        '/sign/{token}/sign',
        '/sign/{token}/decline',
      ]),
    );
  });
});
