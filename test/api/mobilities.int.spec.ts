import type { AddressInfo } from 'node:net';
import type TestAgent from 'supertest/lib/agent';
import { ApiClient } from '../../infra/demo/api-client';
import { COORDINATOR, MENTORS, demoAccount } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The mobilities resource's HTTP contract: the seeds' demo state (Ingus's agreement waiting for
 * his and his guardian's signatures, Juris under way, Annija done) is the starting point. The
 * sending school's coordinator (the demo's account) runs the mobilities; reads are the operator's.
 */
let api: TestApi;
let coordinator: TestAgent;
beforeAll(async () => {
  api = await startTestApi('api_mobilities');
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const tokenFor = (email: string) => api.tokenOf(demoAccount(email));
  await runSeedsScenario(new ApiClient(`http://127.0.0.1:${port}`, 'setup', tokenFor), {
    annija: 'completed',
    juris: 'under-way',
    ingus: 'awaiting-signatures',
  });
  coordinator = await api.as(COORDINATOR);
});
afterAll(() => api?.close());

const agreement = async () => {
  const res = await api.http.get('/mobilities/mob-ingus/learning-agreement/versions/1').expect(200);
  return res.body as { contentHash: string; requiredSignatories: string[] };
};
const signer = { id: 'learner:ingus', name: 'Ingus Ozols', email: 'ingus.ozols@example.lv' };

describe('mobilities API', () => {
  it('a signature on another hash is refused with the rule and changes nothing', async () => {
    const before = await api.http.get('/mobilities/mob-ingus').expect(200);
    const res = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/versions/1/signatures')
      .send({
        contentHash: `sha256:${'0'.repeat(64)}`,
        role: 'learner',
        signer,
        authMethod: 'handwritten',
        intent: 'I agree',
      })
      .expect(422);
    expect(res.body.rule).toBe('agreement.hash-mismatch');
    const after = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('a start before the agreement is fully signed is refused, naming who has not signed', async () => {
    const res = await coordinator
      .post('/mobilities/mob-ingus/start')
      .send({ actualStart: '2027-02-01' })
      .expect(422);
    expect(res.body).toMatchObject({
      rule: 'mobility.agreement-not-fully-signed',
      pending: ['learner', 'guardian'],
    });
  });

  it('an invalid signature request lists each invalid field, nested ones by path', async () => {
    const res = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/versions/1/signatures')
      .send({
        contentHash: 'abc',
        role: 'principal',
        signer: { name: '', email: 'x' },
        authMethod: 'sms',
      })
      .expect(400);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'contentHash',
        'role',
        'signer.id',
        'signer.name',
        'signer.email',
        'authMethod',
        'intent',
      ]),
    );
  });

  it('a signature without its signer, and a plan without its period, insurance or mentors: 400s naming them', async () => {
    const { contentHash } = await agreement();
    const unsigned = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/versions/1/signatures')
      .send({
        contentHash,
        role: 'learner',
        authMethod: 'handwritten',
        intent: 'x',
      })
      .expect(400);
    expect(unsigned.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['signer']);
    const plan = await coordinator
      .post('/mobilities')
      .send({ mobilityId: 'mob-empty', partnershipId: 'rtrit-2026' })
      .expect(400);
    expect(plan.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'plannedPeriod',
        'insurance',
        'mentors',
        'responsibilities',
        'learner',
      ]),
    );
    await coordinator.get('/mobilities/mob-empty').expect(404);
  });

  it('the learner’s handwritten signature, recorded through the API by the coordinator: IP and user agent are recorded with it', async () => {
    const { contentHash } = await agreement();
    const res = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/versions/1/signatures')
      .set('User-Agent', 'jest-browser/1.0')
      .send({ contentHash, role: 'learner', signer, authMethod: 'handwritten', intent: 'I agree' })
      .expect(200);
    expect(res.body.events).toEqual(['LearningAgreementSigned']);
    const version = await api.http
      .get('/mobilities/mob-ingus/learning-agreement/versions/1')
      .expect(200);
    const mine = version.body.signatures.find((s: { role: string }) => s.role === 'learner');
    expect(mine).toMatchObject({ userAgent: 'jest-browser/1.0', authMethod: 'handwritten' });
    expect(mine.ip).toBeTruthy();
    // The signer is the learner on paper; who recorded it is the coordinator's account.
    const history = await api.http.get('/mobilities/mob-ingus/history').expect(200);
    const signed = history.body.findLast(
      (e: { type: string; data: { role?: string } }) =>
        e.type === 'LearningAgreementSigned' && e.data.role === 'learner',
    );
    expect(signed.data.signer).toMatchObject({ id: signer.id, name: signer.name });
    expect(signed.metadata.actor).toMatchObject({
      id: 'account:acc-coordinator-rtrit-example',
      role: 'coordinator',
      institutionId: 'rtrit',
    });
  });

  it('an amendment makes version 2, voids the signatures and needs everyone again', async () => {
    const current = await api.http.get('/mobilities/mob-ingus').expect(200);
    const res = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/amendments')
      .set('If-Match', current.headers.etag)
      .send({
        changes: { lifeSkills: ['foreign-languages'] },
        reason: 'cultural module moved to the next year',
      })
      .expect(200);
    expect(res.body.events).toEqual(['LearningAgreementVersionDrafted']);
    const m = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(m.body.agreement.version).toBe(2);
    expect(m.body.agreement.pendingSignatories).toEqual([
      'sending-school',
      'host',
      'learner',
      'guardian',
    ]);
    const v2 = await api.http
      .get('/mobilities/mob-ingus/learning-agreement/versions/2')
      .expect(200);
    expect(v2.body.voidedSignatures.sort()).toEqual(['host', 'learner', 'sending-school']);
  });

  it('a stale If-Match is a 409 with the current version', async () => {
    const res = await coordinator
      .post('/mobilities/mob-ingus/learning-agreement/amendments')
      .set('If-Match', '"1"')
      .send({ changes: { lifeSkills: [] }, reason: 'x' })
      .expect(409);
    expect(res.body.currentVersion).toBeGreaterThan(1);
  });

  it('no final assessment before the start', async () => {
    // Ingus's host mentor, whose job the assessment is.
    const mentor = await api.as(MENTORS.ingus);
    const res = await mentor
      .put('/mobilities/mob-ingus/assessments/eco-trail')
      .send({
        result: 'achieved',
        criteriaResults: [],
        evidence: [],
        assessor: { name: 'A', role: 'mentor', institutionId: 'nature-kuopio' },
        assessedOn: '2027-03-01',
      })
      .expect(422);
    expect(res.body.rule).toBe('mobility.not-started');
  });

  it('planning a unit outside the pinned catalogue version is refused and creates nothing', async () => {
    const plan = await api.http.get('/mobilities/mob-juris/history').expect(200);
    const planned = plan.body[0].data;
    const res = await coordinator
      .post('/mobilities')
      .send({
        mobilityId: 'mob-x',
        partnershipId: planned.partnershipId,
        sendingInstitutionId: 'rtrit',
        hostInstitutionId: 'kfz-leipzig',
        qualificationId: 'car-mechanic',
        qualificationVersion: 1,
        learner: { learnerId: 'x', name: 'X', dateOfBirth: '2004-01-01', email: 'x@example.lv' },
        type: 'programme-module',
        plannedPeriod: planned.terms.plannedPeriod,
        targetedUnitIds: ['lambda-sensor', 'brakes'],
        lifeSkills: [],
        mentors: planned.terms.mentors,
        responsibilities: planned.terms.responsibilities,
        insurance: { provider: 'BTA', policyNumber: 'x', coverage: 'health' },
      })
      .expect(422);
    expect(res.body.rule).toBe('mobility.unit-not-in-qualification-version');
    await api.http.get('/mobilities/mob-x').expect(404);
  });

  it('the dashboard lists mobilities by phase', async () => {
    await api.readModelsCaughtUp();
    const res = await api.http.get('/mobilities?phase=under-way').expect(200);
    expect(res.body.items.map((m: { mobilityId: string }) => m.mobilityId)).toEqual(['mob-juris']);
    await api.http.get('/mobilities?phase=nonsense').expect(400);
  });

  it('the transcript and certificate of a completed mobility read as documents', async () => {
    const t = await api.http.get('/mobilities/mob-annija/transcript').expect(200);
    expect(t.body.units).toHaveLength(2);
    expect(t.body.learner.name).toBe('Annija Bērziņa');
    const c = await api.http.get('/mobilities/mob-annija/certificate').expect(200);
    expect(c.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([
      'legume-dishes',
      'vegan-cooking',
    ]);
    await api.http.get('/mobilities/mob-juris/certificate').expect(404);
  });

  it('an unknown mobility is a 404 problem', async () => {
    const res = await coordinator
      .post('/mobilities/nope/start')
      .send({ actualStart: '2027-01-01' })
      .expect(404);
    expect(res.body.type).toBe('/problems/not-found');
  });
});
