import { randomUUID } from 'node:crypto';
import { QualificationService } from '@ecvet/application';
import { mouContentHash, type CommandContext } from '@ecvet/domain';
import type TestAgent from 'supertest/lib/agent';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The partnerships resource's HTTP contract. The coordinating school's coordinator runs the
 * partnership; each party's head signs (or declines) the MoU for it; reads are the operator's.
 */
let api: TestApi;
let coordinator: TestAgent;
const heads: Record<string, TestAgent> = {};

const institution = (institutionId: string, kind: string, country: string) => ({
  institutionId,
  kind,
  legalName: `Institution ${institutionId}`,
  legalAddress: 'Somewhere 1',
  country,
  identifiers: {},
  preferredLanguage: 'en',
});

async function defineQualification(): Promise<void> {
  const context = (): CommandContext => {
    const commandId = randomUUID();
    return {
      commandId,
      actor: { id: 'system:catalogue', role: 'system' },
      issuedAt: new Date().toISOString(),
      correlationId: commandId,
      causationId: commandId,
    };
  };
  const title = { lv: 'Pavārs', en: 'Cook' };
  const qualifications = api.app.get(QualificationService);
  await qualifications.define(
    'cook-3',
    { title, eqfLevel: 4, nqfLevel: 4, programme: 'Pavārs' },
    context(),
  );
  await qualifications.addModule(
    'cook-3',
    { moduleId: 'm-hot', title: { lv: 'Karstie', en: 'Hot' } },
    context(),
  );
  await qualifications.defineUnit(
    'cook-3',
    {
      unit: {
        unitId: 'u-hot-dishes',
        title: { lv: 'Karstie ēdieni', en: 'Hot dishes' },
        knowledge: ['cooking methods'],
        skills: ['prepares hot dishes'],
        competence: ['works safely in a professional kitchen'],
        assessmentCriteria: ['dishes meet the recipe standard'],
        moduleIds: ['m-hot'],
      },
    },
    context(),
  );
  await qualifications.publishVersion('cook-3', context());
}

beforeAll(async () => {
  api = await startTestApi('api_partnerships');
  for (const body of [
    institution('rtrit', 'sending-school', 'LV'),
    institution('hotel-sol', 'host-company', 'ES'),
    institution('agency', 'intermediary', 'ES'),
  ])
    await api.http.post('/institutions').send(body).expect(201);
  await defineQualification();
  coordinator = await api.as({ role: 'coordinator', institutionId: 'rtrit' });
  for (const institutionId of ['rtrit', 'hotel-sol', 'agency'])
    heads[institutionId] = await api.as({ role: 'head', institutionId });
});
afterAll(() => api?.close());

const parties = [
  { institutionId: 'rtrit', role: 'sending' },
  { institutionId: 'hotel-sol', role: 'host' },
];
const proposal = (partnershipId: string) => ({
  partnershipId,
  title: 'Hospitality placements in Valencia',
  parties,
  coordinatorInstitutionId: 'rtrit',
});
const content = {
  qualifications: [
    { qualificationId: 'cook-3', qualificationVersion: 1, unitIds: ['u-hot-dishes'] },
  ],
  procedures: {
    assessment: 'The host mentor assesses against the unit criteria',
    documentation: 'An assessment sheet signed by the mentor',
    validation: 'The school validates the assessment sheet',
    recognition: "Credit is recorded in the learner's record",
  },
  mentoring: 'A named mentor at the host',
  plannedDurations: { minWeeks: 2, maxWeeks: 8 },
  validFrom: '2026-01-01',
  validUntil: '2028-12-31',
};
const signature = (institutionId: string, contentHash: string) => ({
  contentHash,
  institutionId,
  signer: { name: `Signer of ${institutionId}`, role: 'director', email: `${institutionId}@x.lv` },
  authMethod: 'account',
  intent: 'I sign this Memorandum of Understanding on behalf of my institution.',
});
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

async function proposeWithDraftedMou(partnershipId: string): Promise<string> {
  await coordinator.post('/partnerships').send(proposal(partnershipId)).expect(201);
  await coordinator.post(`/partnerships/${partnershipId}/mou`).send({ content }).expect(200);
  const doc = await api.http.get(`/partnerships/${partnershipId}/mou/versions/1`).expect(200);
  return doc.body.contentHash as string;
}

/** The party's head signs for it. */
const sign = (partnershipId: string, version: number, institutionId: string, hash: string) =>
  heads[institutionId]
    .post(`/partnerships/${partnershipId}/mou/versions/${version}/signatures`)
    .send(signature(institutionId, hash));

describe('partnerships API', () => {
  it('proposes a partnership: 201 with Location and ETag, read back as proposed', async () => {
    const res = await coordinator.post('/partnerships').send(proposal('p-basic')).expect(201);
    expect(res.body).toEqual({ id: 'p-basic', version: 1, events: ['PartnershipProposed'] });
    expect(res.headers.location).toBe('/partnerships/p-basic');
    expect(res.headers.etag).toBe('"1"');
    const got = await api.http.get('/partnerships/p-basic').expect(200);
    expect(got.body).toMatchObject({ partnershipId: 'p-basic', status: 'proposed', parties });
    expect(got.headers.etag).toBe('"1"');
  });

  it('a proposal naming an unregistered institution is a 422 naming the reference', async () => {
    const res = await coordinator
      .post('/partnerships')
      .send({
        ...proposal('p-ghost'),
        parties: [parties[0], { institutionId: 'ghost', role: 'host' }],
      })
      .expect(422);
    expect(res.body.rule).toBe('reference.unknown-institution');
    await api.http.get('/partnerships/p-ghost').expect(404);
  });

  it('lists every invalid field in a 400, nested ones by their path', async () => {
    const res = await coordinator
      .post('/partnerships')
      .send({
        partnershipId: 'p-invalid',
        parties: [
          { institutionId: 'rtrit', role: 'boss' },
          { institutionId: 'not an id!', role: 'host' },
        ],
        coordinatorInstitutionId: 'rtrit',
        extra: true,
      })
      .expect(400);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['title', 'parties.0.role', 'parties.1.institutionId', 'extra']),
    );
    await api.http.get('/partnerships/p-invalid').expect(404);

    const draft = await coordinator
      .post('/partnerships/p-basic/mou')
      .send({
        content: {
          ...content,
          plannedDurations: { minWeeks: 'two', maxWeeks: 8 },
          qualifications: [{ ...content.qualifications[0], qualificationVersion: 0 }],
          validUntil: '31.12.2028',
        },
      })
      .expect(400);
    expect(draft.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'content.plannedDurations.minWeeks',
        'content.qualifications.0.qualificationVersion',
        'content.validUntil',
      ]),
    );
    const missing = await coordinator.post('/partnerships/p-basic/mou').send({}).expect(400);
    expect(missing.body.invalidParams).toEqual([
      { name: 'content', reason: 'content must be an object' },
    ]);
  });

  it('the MoU is signed by each party on the hash of the document it sees, which activates the partnership', async () => {
    const hash = await proposeWithDraftedMou('p-flow');
    const doc = await api.http.get('/partnerships/p-flow/mou/versions/1').expect(200);
    expect(doc.body).toMatchObject({ version: 1, status: 'awaiting-signatures' });
    expect(doc.body.document).toEqual({
      partnershipId: 'p-flow',
      parties: [
        { institutionId: 'hotel-sol', role: 'host' },
        { institutionId: 'rtrit', role: 'sending' },
      ],
      content,
    });
    const { partnershipId, parties: signed, content: agreed } = doc.body.document;
    expect(hash).toBe(mouContentHash(partnershipId, signed, agreed));

    const first = await sign('p-flow', 1, 'rtrit', hash).expect(200);
    expect(first.body.events).toEqual(['MouSigned']);
    let got = await api.http.get('/partnerships/p-flow').expect(200);
    expect(got.body).toMatchObject({ status: 'proposed', mou: { pendingParties: ['hotel-sol'] } });

    const last = await sign('p-flow', 1, 'hotel-sol', hash).expect(200);
    expect(last.body.events).toEqual(['MouSigned', 'MouFullySigned']);
    got = await api.http.get('/partnerships/p-flow').expect(200);
    expect(got.body.status).toBe('active');
    expect(got.body.mou.status).toBe('fully-signed');
    expect(got.body.signedMous).toEqual([
      expect.objectContaining({
        version: 1,
        contentHash: hash,
        validFrom: '2026-01-01',
        validUntil: '2028-12-31',
      }),
    ]);
    const after = await api.http.get('/partnerships/p-flow/mou/versions/1').expect(200);
    expect(after.body).toMatchObject({ status: 'fully-signed', contentHash: hash });
  });

  it("a signature records the signer's connection, encrypted at rest like their name", async () => {
    const hash = await proposeWithDraftedMou('p-connection');
    await sign('p-connection', 1, 'rtrit', hash)
      .set('User-Agent', 'SigningBrowser/7.1')
      .expect(200);
    const history = await api.http.get('/partnerships/p-connection/history').expect(200);
    const signed = history.body.find((e: { type: string }) => e.type === 'MouSigned');
    // The signer is who the head's account says, whatever the request's body claimed.
    expect(signed.data).toMatchObject({
      signer: { name: 'head.rtrit@test.example', email: 'head.rtrit@test.example' },
      userAgent: 'SigningBrowser/7.1',
      ip: expect.any(String),
    });
    // Signed by the head of the party, with their account.
    expect(signed.metadata.actor).toMatchObject({
      id: 'account:acc-head-rtrit-test-example',
      role: 'head',
      institutionId: 'rtrit',
    });
    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.db.url });
    await client.connect();
    const { rows } = await client
      .query(
        "SELECT data::text AS data FROM ecvet_events WHERE event_type = 'MouSigned' AND stream_id = $1",
        ['Partnership-p-connection'],
      )
      .finally(() => client.end());
    expect(rows).toHaveLength(1);
    expect(rows[0].data).not.toContain('Signer of rtrit');
    expect(rows[0].data).not.toContain('SigningBrowser');
  });

  it('a signature on a hash other than the version document’s is a 422', async () => {
    await proposeWithDraftedMou('p-mismatch');
    const res = await sign('p-mismatch', 1, 'rtrit', `sha256:${'0'.repeat(64)}`).expect(422);
    expect(res.body.rule).toBe('partnership.mou-hash-mismatch');
  });

  it('an amendment supersedes the version awaiting signatures and voids its signatures', async () => {
    const hash = await proposeWithDraftedMou('p-amend');
    await sign('p-amend', 1, 'rtrit', hash).expect(200);
    const amended = await coordinator
      .post('/partnerships/p-amend/mou/amendments')
      .send({ content: { ...content, plannedDurations: { minWeeks: 3, maxWeeks: 6 } } })
      .expect(200);
    expect(amended.body.events).toEqual(['MouVersionDrafted']);

    const got = await api.http.get('/partnerships/p-amend').expect(200);
    expect(got.body.mou).toMatchObject({
      version: 2,
      status: 'awaiting-signatures',
      signatures: [],
    });
    expect(got.body.mouVersions.map((v: { status: string }) => v.status)).toEqual([
      'superseded',
      'awaiting-signatures',
    ]);
    const history = await api.http.get('/partnerships/p-amend/history').expect(200);
    expect(history.body.at(-1).data.voidedSignatures).toEqual([
      { institutionId: 'rtrit', version: 1 },
    ]);
    const stale = await sign('p-amend', 1, 'hotel-sol', hash).expect(422);
    expect(stale.body.rule).toBe('partnership.mou-version-not-current');
    const v2 = await api.http.get('/partnerships/p-amend/mou/versions/2').expect(200);
    expect(v2.body.contentHash).not.toBe(hash);
  });

  it('a change of parties supersedes the version awaiting signatures', async () => {
    const hash = await proposeWithDraftedMou('p-parties');
    await sign('p-parties', 1, 'hotel-sol', hash).expect(200);
    const added = await coordinator
      .post('/partnerships/p-parties/partners')
      .send({ institutionId: 'agency', role: 'intermediary' })
      .expect(200);
    expect(added.body.events).toEqual(['PartnerAdded']);
    let got = await api.http.get('/partnerships/p-parties').expect(200);
    expect(got.body.mou.status).toBe('superseded');
    expect(got.body.parties).toHaveLength(3);
    await coordinator.delete('/partnerships/p-parties/partners/agency').expect(200);
    got = await api.http.get('/partnerships/p-parties').expect(200);
    expect(got.body.parties).toEqual(parties);
    const unknown = await coordinator
      .post('/partnerships/p-parties/partners')
      .send({ institutionId: 'nobody', role: 'host' })
      .expect(422);
    expect(unknown.body.rule).toBe('reference.unknown-institution');
  });

  it('a party that declines ends the version; an amendment puts a new one up for signature', async () => {
    await proposeWithDraftedMou('p-decline');
    const declined = await heads['hotel-sol']
      .post('/partnerships/p-decline/mou/versions/1/declines')
      .send({ institutionId: 'hotel-sol', reason: 'The mentoring needs another round' })
      .expect(200);
    expect(declined.body.events).toEqual(['MouDeclined']);
    let got = await api.http.get('/partnerships/p-decline').expect(200);
    expect(got.body.mou).toMatchObject({
      version: 1,
      status: 'declined',
      declined: { institutionId: 'hotel-sol', reason: 'The mentoring needs another round' },
      pendingParties: [],
    });
    const noMou = await heads['hotel-sol']
      .post('/partnerships/p-basic/mou/versions/1/declines')
      .send({ institutionId: 'hotel-sol', reason: 'x' })
      .expect(422);
    expect(noMou.body.rule).toBe('partnership.mou-version-not-current');
    await coordinator
      .post('/partnerships/p-decline/mou/amendments')
      .send({ content: { ...content, mentoring: 'Two named mentors at the host' } })
      .expect(200);
    got = await api.http.get('/partnerships/p-decline').expect(200);
    expect(got.body.mou).toMatchObject({ version: 2, status: 'awaiting-signatures' });
    expect(got.body.mouVersions[0].status).toBe('declined');
  });

  it('a signed MoU is renewed, reviewed and evaluated; termination ends the partnership', async () => {
    const hash = await proposeWithDraftedMou('p-life');
    await sign('p-life', 1, 'rtrit', hash).expect(200);
    await sign('p-life', 1, 'hotel-sol', hash).expect(200);

    await coordinator
      .post('/partnerships/p-life/renewals')
      .send({ newValidUntil: '2031-12-31' })
      .expect(200);
    const renewal = await api.http.get('/partnerships/p-life/mou/versions/2').expect(200);
    expect(renewal.body.document.content).toMatchObject({
      validFrom: '2029-01-01',
      validUntil: '2031-12-31',
    });
    await coordinator
      .post('/partnerships/p-life/reviews')
      .send({ reviewedBy: 'user:ilze', notes: 'Procedures still fit' })
      .expect(200);
    const badRating = await coordinator
      .post('/partnerships/p-life/evaluations')
      .send({
        evaluationId: 'e-1',
        institutionId: 'rtrit',
        rating: 6,
        strengths: 'Mentors',
        improvements: 'Dates',
      })
      .expect(422);
    expect(badRating.body.rule).toBe('partnership.rating-1-to-5');
    await coordinator
      .post('/partnerships/p-life/evaluations')
      .send({
        evaluationId: 'e-1',
        institutionId: 'rtrit',
        rating: 4,
        strengths: 'Mentors',
        improvements: 'Dates',
      })
      .expect(200);
    await coordinator
      .post('/partnerships/p-life/termination')
      .send({ reason: 'The host closed', effectiveOn: tomorrow() })
      .expect(200);

    const got = await api.http.get('/partnerships/p-life').expect(200);
    expect(got.body).toMatchObject({
      status: 'terminated',
      termination: { reason: 'The host closed' },
      reviews: [{ version: 1, reviewedBy: 'user:ilze' }],
      evaluations: [{ evaluationId: 'e-1', rating: 4 }],
    });
    expect(got.body.mouVersions[1]).toMatchObject({ version: 2, status: 'awaiting-signatures' });
  });

  it('a reminder policy takes ISO 8601 durations and refuses anything else, field by field', async () => {
    const bad = await coordinator
      .put('/partnerships/p-basic/reminder-policy')
      .send({ policy: { firstReminderAfter: '3 days', quietHoursStart: '25:00', snooze: 'P1D' } })
      .expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'policy.firstReminderAfter',
      'policy.quietHoursStart',
      'policy.snooze',
    ]);
    const policy = {
      firstReminderAfter: 'P3D',
      repeatEvery: 'P2D',
      escalateAfter: 'P1W',
      escalateToHeadAfter: 'P2W',
      signatureDeadlineBeforeStart: 'P14D',
      quietHoursStart: '20:00',
      quietHoursEnd: 8,
      timezone: 'Europe/Riga',
    };
    await coordinator.put('/partnerships/p-basic/reminder-policy').send({ policy }).expect(200);
    const got = await api.http.get('/partnerships/p-basic').expect(200);
    expect(got.body.reminderPolicy).toEqual(policy);
  });

  it('a stale If-Match is a 409 with the current version', async () => {
    await coordinator.post('/partnerships').send(proposal('p-etag')).expect(201);
    const res = await coordinator
      .post('/partnerships/p-etag/mou')
      .set('If-Match', '"7"')
      .send({ content })
      .expect(409);
    expect(res.body.currentVersion).toBe(1);
    await coordinator
      .post('/partnerships/p-etag/mou')
      .set('If-Match', '"1"')
      .send({ content })
      .expect(200);
  });

  it('a retried write with the same Idempotency-Key returns the same response and appends nothing', async () => {
    const hash = await proposeWithDraftedMou('p-retry');
    const first = await sign('p-retry', 1, 'rtrit', hash)
      .set('Idempotency-Key', 'sig-1')
      .expect(200);
    const again = await sign('p-retry', 1, 'rtrit', hash)
      .set('Idempotency-Key', 'sig-1')
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const history = await api.http.get('/partnerships/p-retry/history').expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'PartnershipProposed',
      'MouVersionDrafted',
      'MouSigned',
    ]);
  });

  it('unknown partnerships and MoU versions are 404s', async () => {
    await api.http.get('/partnerships/nope').expect(404);
    await api.http.get('/partnerships/nope/history').expect(404);
    await api.http.get('/partnerships/nope/mou/versions/1').expect(404);
    await api.http.post('/partnerships/nope/mou').send({ content }).expect(404);
    await api.http.get('/partnerships/p-basic/mou/versions/1').expect(404);
    await api.http.get('/partnerships/p-flow/mou/versions/9').expect(404);
    const res = await api.http.get('/partnerships/p-flow/mou/versions/first').expect(400);
    expect(new Set(res.body.invalidParams.map((p: { name: string }) => p.name))).toEqual(
      new Set(['version']),
    );
  });

  it('lists partnerships from the read model, filtered by status', async () => {
    await api.readModelsCaughtUp();
    const all = await api.http.get('/partnerships?limit=100').expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(10);
    const active = await api.http.get('/partnerships?status=active').expect(200);
    expect(active.body.items.map((p: { partnershipId: string }) => p.partnershipId)).toEqual([
      'p-flow',
    ]);
    const terminated = await api.http.get('/partnerships?status=terminated').expect(200);
    expect(terminated.body.total).toBe(1);
    await api.http.get('/partnerships?status=dormant').expect(400);
  });

  it('documents the routes and every DTO property in OpenAPI', async () => {
    const res = await api.http.get('/api/docs-json').expect(200);
    expect(res.body.paths['/partnerships/{partnershipId}/mou/versions/{version}']).toBeDefined();
    const schemas = res.body.components.schemas;
    expect(Object.keys(schemas.ProposePartnershipDto.properties).sort()).toEqual([
      'coordinatorInstitutionId',
      'parties',
      'partnershipId',
      'title',
    ]);
    expect(Object.keys(schemas.SignMouDto.properties)).toContain('signer');
    expect(Object.keys(schemas.ReminderPolicyDto.properties)).toHaveLength(10);
  });
});
