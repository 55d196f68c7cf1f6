import { startTestApi, type TestApi } from '../support/api-app';

let api: TestApi;

const institution = (institutionId: string, kind: string, country: string) => ({
  institutionId,
  kind,
  legalName: `Institution ${institutionId}`,
  legalAddress: 'Somewhere 1',
  country,
  identifiers: {},
  preferredLanguage: 'en',
});
const partnership = (partnershipId: string) => ({
  partnershipId,
  title: 'Hospitality placements in Valencia',
  parties: [
    { institutionId: 'rtrit', role: 'sending' },
    { institutionId: 'hotel-sol', role: 'host' },
  ],
  coordinatorInstitutionId: 'rtrit',
});

beforeAll(async () => {
  api = await startTestApi('api_calls');
  for (const body of [
    institution('rtrit', 'sending-school', 'LV'),
    institution('hotel-sol', 'host-company', 'ES'),
  ])
    await api.http.post('/institutions').send(body).expect(201);
  for (const id of ['p-valencia', 'p-other'])
    await api.http.post('/partnerships').send(partnership(id)).expect(201);
});
afterAll(() => api?.close());

const call = (callId: string, partnershipId = 'p-valencia') => ({
  callId,
  partnershipId,
  sendingInstitutionId: 'rtrit',
  hostInstitutionId: 'hotel-sol',
  country: 'ES',
  placement: 'Hotel Sol, Valencia: kitchen',
  qualificationId: 'cook-3',
  places: 1,
  applicationDeadline: '2099-01-31',
  plannedStart: '2099-03-01',
});
const application = (applicationId: string, learnerId: string, name: string) => ({
  applicationId,
  learner: { learnerId, name, dateOfBirth: '2007-05-14', email: `${learnerId}@example.lv` },
  motivation: `${name} wants to cook in a Spanish kitchen`,
});
const today = () => new Date().toISOString().slice(0, 10);
const score = (value: number, note?: string) => ({ score: value, ...(note && { note }) });
const evaluation = {
  evaluatorId: 'user:ilze',
  priorLearning: score(8, 'Strong practical marks'),
  socialSkills: score(7),
  personalQualities: score(9),
};
const interview = () => ({
  interviewers: ['user:ilze', 'user:janis'],
  heldOn: today(),
  notes: 'Motivated, speaks some Spanish',
  languageSkills: 'English B1',
});
const onApplication = (applicationId: string, action: string) =>
  api.http.post(`/calls/c-main/applications/${applicationId}/${action}`);
const decide = (applicationId: string, decision: string) =>
  onApplication(applicationId, 'decision').send({
    decision,
    reasons: `Decided ${decision} on the scores`,
    decidedBy: 'user:ilze',
  });
const briefing = (topics: string[]) => ({ topics, briefedBy: 'user:ilze', heldOn: today() });

describe('calls API', () => {
  it('opens a call: 201 with Location and ETag, read back as open', async () => {
    const res = await api.http.post('/calls').send(call('c-main')).expect(201);
    expect(res.body).toEqual({ id: 'c-main', version: 1, events: ['CallOpened'] });
    expect(res.headers.location).toBe('/calls/c-main');
    expect(res.headers.etag).toBe('"1"');
    const got = await api.http.get('/calls/c-main').expect(200);
    expect(got.body).toMatchObject({ callId: 'c-main', status: 'open', places: 1, selected: 0 });
  });

  it('a call for an unknown partnership is a 422 naming the reference', async () => {
    const res = await api.http.post('/calls').send(call('c-ghost', 'p-ghost')).expect(422);
    expect(res.body.rule).toBe('reference.unknown-partnership');
    await api.http.get('/calls/c-ghost').expect(404);
  });

  it('lists every invalid field in a 400, nested ones by their path', async () => {
    const res = await api.http
      .post('/calls/c-main/applications')
      .send({
        applicationId: 'app-bad',
        learner: { learnerId: 'l-bad', name: 'X', dateOfBirth: '14.05.2007', email: 'nope' },
      })
      .expect(400);
    expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['learner.dateOfBirth', 'learner.email', 'motivation']),
    );
    const scores = await onApplication('app-bad', 'evaluations')
      .send({ ...evaluation, socialSkills: { score: 'high' } })
      .expect(400);
    expect(scores.body.invalidParams.map((p: { name: string }) => p.name)).toEqual([
      'socialSkills.score',
    ]);
  });

  it('submits applications: 201 with the Location of the application', async () => {
    for (const [applicationId, learnerId, name] of [
      ['app-anna', 'learner-anna', 'Anna Bērziņa'],
      ['app-juris', 'learner-juris', 'Juris Kalniņš'],
      ['app-ingus', 'learner-ingus', 'Ingus Ozols'],
    ]) {
      const res = await api.http
        .post('/calls/c-main/applications')
        .send(application(applicationId, learnerId, name))
        .expect(201);
      expect(res.headers.location).toBe(`/calls/c-main/applications/${applicationId}`);
      expect(res.body.events).toEqual(['ApplicationSubmitted']);
    }
    const got = await api.http.get('/calls/c-main').expect(200);
    expect(got.body.applications).toHaveLength(3);
    expect(got.body.applications[0]).toMatchObject({
      applicationId: 'app-anna',
      learner: { name: 'Anna Bērziņa', dateOfBirth: '2007-05-14' },
      decision: 'pending',
    });
  });

  it("keeps the learner's personal data out of the event log in plain text", async () => {
    await onApplication('app-anna', 'evaluations').send(evaluation).expect(200);
    await onApplication('app-anna', 'interviews').send(interview()).expect(200);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.db.url });
    await client.connect();
    let rows: Array<{ event_type: string; data: string }>;
    try {
      ({ rows } = await client.query(
        `SELECT event_type, data::text AS data FROM ecvet_events
          WHERE event_type IN ('ApplicationSubmitted', 'ApplicationEvaluated', 'InterviewRecorded')`,
      ));
    } finally {
      await client.end();
    }
    expect(rows.map((r) => r.event_type)).toEqual(
      expect.arrayContaining(['ApplicationSubmitted', 'ApplicationEvaluated', 'InterviewRecorded']),
    );
    const log = rows.map((r) => r.data).join('\n');
    for (const plain of [
      'Anna Bērziņa',
      'learner-anna@example.lv',
      '2007-05-14',
      'wants to cook',
      'Strong practical marks',
      'speaks some Spanish',
      'English B1',
    ])
      expect(log).not.toContain(plain);
    expect(log).toContain('learner-anna');
  });

  it('a retried submission with the same Idempotency-Key returns the same response and appends nothing', async () => {
    const body = application('app-liga', 'learner-liga', 'Līga Liepa');
    const send = () =>
      api.http.post('/calls/c-main/applications').set('Idempotency-Key', 'apply-liga').send(body);
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const history = await api.http.get('/calls/c-main/history').expect(200);
    const submitted = history.body.filter(
      (e: { type: string; data: { applicationId: string } }) =>
        e.type === 'ApplicationSubmitted' && e.data.applicationId === 'app-liga',
    );
    expect(submitted).toHaveLength(1);
    const taken = await api.http
      .post('/calls/c-main/applications')
      .send({ ...body, motivation: 'Something else' })
      .expect(422);
    expect(taken.body.rule).toBe('call.application-id-taken');
  });

  it('an application is decided only once evaluated and interviewed', async () => {
    await onApplication('app-juris', 'evaluations').send(evaluation).expect(200);
    const res = await decide('app-juris', 'selected').expect(422);
    expect(res.body.rule).toBe('call.interviewed-before-decision');
  });

  it('selects no more learners than places; a withdrawal frees a place for the reserve', async () => {
    const selected = await decide('app-anna', 'selected').expect(200);
    expect(selected.body.events).toEqual(['ApplicationDecided']);
    await onApplication('app-juris', 'interviews').send(interview()).expect(200);
    const full = await decide('app-juris', 'selected').expect(422);
    expect(full.body.rule).toBe('call.places-exhausted');
    await decide('app-juris', 'reserve').expect(200);

    await onApplication('app-anna', 'withdrawal').send({ reason: 'Family reasons' }).expect(200);
    await decide('app-juris', 'selected').expect(200);
    const got = await api.http.get('/calls/c-main').expect(200);
    expect(got.body.selected).toBe(1);
    const applications: Array<{ applicationId: string }> = got.body.applications;
    const byId = (id: string) => applications.find((a) => a.applicationId === id);
    expect(byId('app-anna')).toMatchObject({ decision: 'selected', withdrawn: true });
    expect(byId('app-juris')).toMatchObject({ decision: 'selected', withdrawn: false });
    const history = await api.http.get('/calls/c-main/history').expect(200);
    expect(history.body.at(-1).data).toMatchObject({
      decision: 'selected',
      previousDecision: 'reserve',
    });
  });

  it('forms a team of selected learners only', async () => {
    const pending = await api.http
      .post('/calls/c-main/teams')
      .send({ teamId: 'team-1', name: 'Valencia, March', applicationIds: ['app-ingus'] })
      .expect(422);
    expect(pending.body.rule).toBe('call.team-only-selected');
    const res = await api.http
      .post('/calls/c-main/teams')
      .send({
        teamId: 'team-1',
        name: 'Valencia, March',
        applicationIds: ['app-juris'],
        mentorName: 'Jānis Kalniņš',
      })
      .expect(200);
    expect(res.body.events).toEqual(['TeamFormed']);
    const got = await api.http.get('/calls/c-main').expect(200);
    expect(got.body.teams).toEqual([
      {
        teamId: 'team-1',
        name: 'Valencia, March',
        applicationIds: ['app-juris'],
        mentorName: 'Jānis Kalniņš',
      },
    ]);
  });

  it('a selected learner is briefed on outcomes, assessment and recognition, then acknowledges', async () => {
    const early = await onApplication('app-juris', 'briefing-acknowledgement').expect(422);
    expect(early.body.rule).toBe('call.briefing-before-acknowledgement');
    const partial = await onApplication('app-juris', 'briefings')
      .send(briefing(['learning-outcomes', 'assessment']))
      .expect(422);
    expect(partial.body.rule).toBe('call.briefing-covers-outcomes-assessment-recognition');
    await onApplication('app-juris', 'briefings')
      .send(briefing(['learning-outcomes', 'assessment', 'recognition', 'practicalities']))
      .expect(200);
    const ack = await onApplication('app-juris', 'briefing-acknowledgement').expect(200);
    expect(ack.body.events).toEqual(['BriefingAcknowledged']);
    const got = await api.http.get('/calls/c-main').expect(200);
    const juris = got.body.applications.find(
      (a: { applicationId: string }) => a.applicationId === 'app-juris',
    );
    expect(juris).toMatchObject({ teamId: 'team-1', briefed: true, briefingAcknowledged: true });
  });

  it('a stale If-Match is a 409 with the current version', async () => {
    const current = await api.http.get('/calls/c-main').expect(200);
    const res = await onApplication('app-ingus', 'evaluations')
      .set('If-Match', '"1"')
      .send(evaluation)
      .expect(409);
    expect(res.body.currentVersion).toBe(current.body.version);
    await onApplication('app-ingus', 'evaluations')
      .set('If-Match', current.headers.etag)
      .send(evaluation)
      .expect(200);
  });

  it('a closed call takes no more applications', async () => {
    const res = await api.http.post('/calls/c-main/close').expect(200);
    expect(res.body.events).toEqual(['CallClosed']);
    const late = await api.http
      .post('/calls/c-main/applications')
      .send(application('app-late', 'learner-late', 'Late Learner'))
      .expect(422);
    expect(late.body.rule).toBe('call.closed');
  });

  it('unknown calls and applications', async () => {
    await api.http.get('/calls/nope').expect(404);
    await api.http.get('/calls/nope/history').expect(404);
    await api.http.post('/calls/nope/close').expect(404);
    const res = await onApplication('app-nobody', 'withdrawal').send({ reason: 'x' }).expect(422);
    expect(res.body.rule).toBe('call.application-must-exist');
  });

  it('lists calls from the read model by partnership and status', async () => {
    await api.http.post('/calls').send(call('c-other', 'p-other')).expect(201);
    await api.readModelsCaughtUp();
    const ids = (res: { body: { items: Array<{ callId: string }> } }) =>
      res.body.items.map((c) => c.callId).sort();
    expect(ids(await api.http.get('/calls').expect(200))).toEqual(['c-main', 'c-other']);
    expect(ids(await api.http.get('/calls?partnershipId=p-other').expect(200))).toEqual([
      'c-other',
    ]);
    expect(ids(await api.http.get('/calls?status=closed').expect(200))).toEqual(['c-main']);
    await api.http.get('/calls?status=pending').expect(400);
  });
});
