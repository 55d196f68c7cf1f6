import { CallService, MobilityService, ReadModelProjection } from '@ecvet/application';
import { EVENT_STORE, type PostgresEventStore } from '@ecvet/event-store';
import {
  createNotificationsTestEnv,
  startNotificationsApp,
  type NotificationsTestApp,
  type NotificationsTestEnv,
} from '../support/notifications-app';
import {
  cooksPartnership,
  HOST,
  OTHER,
  planMobility,
  SCHOOL,
  systemContext,
} from '../support/world';

/**
 * A learner erased end to end (ADR 0005): an administrator of the sending school erases Annija;
 * her key is destroyed, her mobility's and her application's personal fields read as erased, the
 * read models and the mail outbox lose them, the log still verifies and records who erased her.
 * Juris, in another mobility of the same school, keeps his.
 */
let env: NotificationsTestEnv;
let api: NotificationsTestApp;

const ANNIJA = {
  learnerId: 'lrn-annija',
  name: 'Annija Bērziņa',
  dateOfBirth: '2005-04-02',
  email: 'annija.berzina@example.lv',
};
const JURIS = {
  learnerId: 'lrn-juris',
  name: 'Juris Kalniņš',
  dateOfBirth: '2006-09-17',
  email: 'juris.kalnins@example.lv',
};
/** What must leave no trace anywhere once Annija is erased. */
const ANNIJAS_DATA = [
  'Annija',
  'Bērziņa',
  'Berzina',
  ANNIJA.email,
  ANNIJA.dateOfBirth,
  'BTA-ANNIJA',
  'paella of Valencia',
];
const ERASED = { $erased: true };
const REASON = 'Erasure request of 2027-02-01, ref. DPO-12';

async function world(): Promise<void> {
  await cooksPartnership(api);
  for (const [mobilityId, learner] of [
    ['m-annija', ANNIJA],
    ['m-juris', JURIS],
  ] as const) {
    await planMobility(api, {
      id: mobilityId,
      partnershipId: 'p1',
      school: SCHOOL,
      host: HOST,
      learner,
      start: '2027-03-01',
      end: '2027-03-28',
      mentorNames: { sending: 'Ilze Mentore', host: 'Marta Mentore' },
      policyNumber: `BTA-${learner.learnerId.slice(4).toUpperCase()}`,
    });
    await api.app.get(MobilityService).draftAgreement(mobilityId, systemContext());
  }

  const calls = api.app.get(CallService);
  await calls.open(
    'c1',
    {
      callId: 'c1',
      partnershipId: 'p1',
      sendingInstitutionId: SCHOOL,
      hostInstitutionId: HOST,
      country: 'ES',
      placement: 'Restaurante',
      qualificationId: 'cook',
      places: 2,
      applicationDeadline: '2027-01-31',
      plannedStart: '2027-03-01',
    },
    systemContext(),
  );
  for (const [applicationId, learner, motivation] of [
    ['app-annija', ANNIJA, 'I dream of the paella of Valencia'],
    ['app-juris', JURIS, 'I want to learn Spanish pastry'],
  ] as const)
    await calls.submitApplication('c1', { applicationId, learner, motivation }, systemContext());

  // The mail that names the learners: a signature reminder to each, and an escalation to the
  // sending school's coordinator (its mentor here) naming who has not signed.
  for (const mobilityId of ['m-annija', 'm-juris']) {
    await api.workflow(mobilityId, {
      type: 'SendSignatureReminder',
      data: { version: 1, role: 'learner', reminderNumber: 1, at: '2027-01-12T09:00:00.000Z' },
    });
    await api.workflow(mobilityId, {
      type: 'EscalateSignatureRequest',
      data: {
        version: 1,
        role: 'learner',
        level: 'coordinator',
        afterReminders: 1,
        at: '2027-01-19T09:00:00.000Z',
      },
    });
  }
}

/** Waits until the read models and the outbox have handled every event written so far. */
async function caughtUp(): Promise<void> {
  const { rows } = await api.pool.query<{ checkpoint: string }>(
    `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
       FROM ecvet_events ORDER BY tx_id DESC, position DESC LIMIT 1`,
  );
  if (rows[0]) await api.app.get(ReadModelProjection).caughtUpTo(rows[0].checkpoint);
  await api.outboxCaughtUp();
}

const outbox = async (mobilityId: string) =>
  (
    await api.pool.query<Record<string, unknown>>(
      'SELECT * FROM ecvet_mail_outbox WHERE mobility_id = $1 ORDER BY id',
      [mobilityId],
    )
  ).rows;
const readModel = async (kind: string, id: string) =>
  (
    await api.pool.query<{ version: number; doc: object }>(
      'SELECT version, doc FROM ecvet_read_models WHERE kind = $1 AND id = $2',
      [kind, id],
    )
  ).rows[0];
/** The personal data of Annija's found in some JSON. */
const traces = (value: unknown) => {
  const text = JSON.stringify(value);
  return ANNIJAS_DATA.filter((d) => text.includes(d));
};
const erasure = (path = ANNIJA.learnerId) => `/learners/${path}/erasure`;

beforeAll(async () => {
  env = await createNotificationsTestEnv('api_erasure');
  api = await startNotificationsApp(env);
  await world();
  await caughtUp();
});
afterAll(async () => {
  await api?.close();
  await env?.db.drop();
});

describe('erasing a learner', () => {
  let outboxBefore: Array<Record<string, unknown>>;

  it('before: the read models and the outbox hold her personal data (the test is not vacuous)', async () => {
    expect(traces(await readModel('mobilities', 'm-annija'))).toEqual(
      expect.arrayContaining(['Annija', ANNIJA.email, ANNIJA.dateOfBirth, 'BTA-ANNIJA']),
    );
    expect(traces(await readModel('calls', 'c1'))).toContain('paella of Valencia');
    outboxBefore = await outbox('m-annija');
    // The reminder to her, and the escalation naming her to the coordinator.
    expect(outboxBefore.map((r) => r.recipient_role).sort()).toEqual(['coordinator', 'learner']);
    for (const row of outboxBefore) expect(traces(row)).toContain('Annija');
    expect(await outbox('m-juris')).toHaveLength(2);
  });

  it('is refused to whom it is not: 403 for her school’s coordinator, 404 for others and for an unknown learner', async () => {
    const coordinator = await api.as({ role: 'coordinator', institutionId: SCHOOL });
    const coordinatorRes = await coordinator.post(erasure()).send({ reason: REASON }).expect(403);
    expect(coordinatorRes.body.status).toBe(403);
    const unrelated = await api.as({ role: 'administrator', institutionId: OTHER });
    await unrelated.post(erasure()).send({ reason: REASON }).expect(404);
    const hostAdministrator = await api.as({ role: 'administrator', institutionId: HOST });
    await hostAdministrator.post(erasure()).send({ reason: REASON }).expect(404);
    await api.http.post(erasure('lrn-nobody')).send({ reason: REASON }).expect(404);
    const administrator = await api.as({ role: 'administrator', institutionId: SCHOOL });
    const blank = await administrator.post(erasure()).send({ reason: ' ' }).expect(400);
    expect(blank.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['reason']);
    // Nothing happened: no record, her data still readable.
    await api.http.get(`/learners/${ANNIJA.learnerId}/history`).expect(404);
    const mobility = await api.http.get('/mobilities/m-annija').expect(200);
    expect(mobility.body.learner.name).toBe(ANNIJA.name);
  });

  it('by an administrator of her sending school: recorded as a security event with its actor', async () => {
    const administrator = await api.as({ role: 'administrator', institutionId: SCHOOL });
    const res = await administrator.post(erasure()).send({ reason: REASON }).expect(200);
    // She had no credits: her record begins with the erasure.
    expect(res.body).toEqual({ id: ANNIJA.learnerId, version: 1, events: ['LearnerErased'] });
    expect(res.headers.etag).toBe('"1"');

    const history = await api.http.get(`/learners/${ANNIJA.learnerId}/history`).expect(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({
      type: 'LearnerErased',
      data: { learnerId: ANNIJA.learnerId, reason: REASON },
      metadata: {
        actor: {
          id: 'account:acc-administrator-school-test-example',
          role: 'administrator',
          institutionId: SCHOOL,
        },
      },
      personalDataErased: false,
    });
  });

  it('her mobility and its history read as erased; what is not personal stays', async () => {
    const mobility = await api.http.get('/mobilities/m-annija').expect(200);
    expect(mobility.body.learner).toEqual({
      learnerId: ANNIJA.learnerId,
      name: ERASED,
      dateOfBirth: ERASED,
      email: ERASED,
    });
    expect(mobility.body.insurance).toEqual(ERASED);
    expect(mobility.body).toMatchObject({
      mobilityId: 'm-annija',
      sendingInstitution: { institutionId: SCHOOL },
      host: { institutionId: HOST },
      plannedPeriod: { start: '2027-03-01', end: '2027-03-28' },
      mentors: { sending: { name: 'Ilze Mentore' } },
      agreement: { version: 1 },
    });
    expect(traces(mobility.body)).toEqual([]);

    const history = await api.http.get('/mobilities/m-annija/history').expect(200);
    const planned = history.body.find((e: { type: string }) => e.type === 'MobilityPlanned');
    expect(planned).toMatchObject({
      personalDataErased: true,
      data: { learner: { learnerId: ANNIJA.learnerId, name: ERASED } },
    });
    expect(traces(history.body)).toEqual([]);

    const call = await api.http.get('/calls/c1').expect(200);
    const applications: Array<{ applicationId: string; learner: object; motivation: unknown }> =
      call.body.applications;
    const annijas = applications.find((a) => a.applicationId === 'app-annija')!;
    expect(annijas.learner).toMatchObject({ learnerId: ANNIJA.learnerId, name: ERASED });
    expect(annijas.motivation).toEqual(ERASED);
    expect(applications.find((a) => a.applicationId === 'app-juris')!.learner).toMatchObject({
      name: JURIS.name,
    });
  });

  it('the read models lose her personal data at once; Juris keeps his', async () => {
    const list = await api.http.get('/mobilities').expect(200);
    const listed = list.body.items.find((m: { mobilityId: string }) => m.mobilityId === 'm-annija');
    expect(listed.learner).toMatchObject({ learnerId: ANNIJA.learnerId, name: ERASED });
    expect(traces(list.body)).toEqual([]);
    expect(traces(await readModel('mobilities', 'm-annija'))).toEqual([]);
    expect(traces(await readModel('calls', 'c1'))).toEqual([]);
    expect(JSON.stringify(await readModel('mobilities', 'm-juris'))).toContain(JURIS.name);
    expect(JSON.stringify(await readModel('calls', 'c1'))).toContain(JURIS.name);
  });

  it('the outbox keeps her mails (ids, kinds, statuses) without a trace of her; Juris’s are untouched', async () => {
    const rows = await outbox('m-annija');
    expect(rows.map((r) => [r.id, r.event_id, r.kind, r.recipient_role, r.language])).toEqual(
      outboxBefore.map((r) => [r.id, r.event_id, r.kind, r.recipient_role, r.language]),
    );
    for (const row of rows) {
      // Kept locally (no SMTP server here) or sent stay so; one still waiting will not be sent.
      expect(['kept-locally', 'failed']).toContain(row.status);
      expect(traces(row)).toEqual([]);
      expect(row.text).toMatch(/^Erased/);
      expect(row.signing_link).toBeNull();
    }
    const toHer = rows.find((r) => r.recipient_role === 'learner')!;
    expect(toHer).toMatchObject({ recipient: '', recipient_name: '[erased]' });
    // The coordinator's address is not hers: it stays.
    const toCoordinator = rows.find((r) => r.recipient_role === 'coordinator')!;
    expect(toCoordinator.recipient).toBe('mentor@school.example');
    for (const row of await outbox('m-juris')) expect(JSON.stringify(row)).toContain('Juris');
  });

  it('the log still verifies', async () => {
    const report = await api.app.get<PostgresEventStore>(EVENT_STORE).verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.problem).toBeUndefined();
  });

  it('erasing her again records nothing and changes nothing', async () => {
    const docBefore = await readModel('mobilities', 'm-annija');
    const outboxNow = await outbox('m-annija');
    const administrator = await api.as({ role: 'administrator', institutionId: SCHOOL });
    const res = await administrator.post(erasure()).send({ reason: 'asked again' }).expect(200);
    expect(res.body).toEqual({ id: ANNIJA.learnerId, version: 1, events: [] });
    const history = await api.http.get(`/learners/${ANNIJA.learnerId}/history`).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['LearnerErased']);
    expect((await readModel('mobilities', 'm-annija')).doc).toEqual(docBefore.doc);
    expect(await outbox('m-annija')).toEqual(outboxNow);
    // The operator may erase too; for her it is also a no-op.
    await api.http.post(erasure()).send({ reason: 'operator' }).expect(200, {
      id: ANNIJA.learnerId,
      version: 1,
      events: [],
    });
  });

  it('what happens to her mobility later does not bring her data back into the read models', async () => {
    const before = await readModel('mobilities', 'm-annija');
    await api.workflow('m-annija', {
      type: 'SendSignatureReminder',
      data: { version: 1, role: 'host', reminderNumber: 1, at: '2027-01-20T09:00:00.000Z' },
    });
    await caughtUp();
    const doc = await readModel('mobilities', 'm-annija');
    expect(doc.version).toBe(before.version + 1);
    expect(traces(doc)).toEqual([]);
    // The host's reminder composed after the erasure names no learner ("—").
    const rows = await outbox('m-annija');
    expect(rows.some((r) => r.recipient_role === 'host')).toBe(true);
    for (const row of rows) expect(traces(row)).toEqual([]);
  });
});
