import fc from 'fast-check';
import { CallService, LearnerRecordService } from '@ecvet/application';
import { qualification } from '../../libs/domain/test/mobility-fixtures';
import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import { ANNIJA, annijasWorld, HOST, OTHER, SCHOOL, systemContext } from '../support/world';

/**
 * Who sees and does what, over real HTTP: every route of the table below × every principal —
 * the own institution's staff, a partner's, an unrelated one's, mentors assigned and not,
 * auditors of everything and of another institution, the operator, and nobody signed in. The
 * expected answers are written out (not derived from the policy), so a change of the policy
 * shows here as a changed line.
 */
let api: TestApi;
const LEARNER = ANNIJA.learnerId;

async function world(): Promise<void> {
  await annijasWorld(api);
  await api.app.get(CallService).open(
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
  await api.app.get(LearnerRecordService).accumulateCredit(
    LEARNER,
    {
      learnerId: LEARNER,
      mobilityId: 'm1',
      qualificationId: 'cook',
      qualificationVersion: 1,
      programme: qualification.programme,
      unitId: 'vegan',
      unitTitle: qualification.units[0].title,
      recognition: { kind: 'part-of-module', moduleId: 'm-hot-dishes', ecvetPoints: 4 },
      recognisedBy: 'head',
      recognisedAt: '2027-04-10',
    },
    systemContext(),
  );
}

const PRINCIPALS: Record<string, TestAccount | undefined> = {
  operator: { role: 'operator', email: 'operator@test.example' },
  'coordinator (own)': { role: 'coordinator', institutionId: SCHOOL },
  'coordinator (partner)': { role: 'coordinator', institutionId: HOST },
  'coordinator (unrelated)': { role: 'coordinator', institutionId: OTHER },
  'head (own)': { role: 'head', institutionId: SCHOOL },
  'head (partner)': { role: 'head', institutionId: HOST },
  'mentor (assigned)': { role: 'mentor', institutionId: HOST, email: 'mentor@host.example' },
  'mentor (not assigned)': { role: 'mentor', institutionId: HOST, email: 'other@host.example' },
  'auditor (all)': { role: 'auditor', auditScope: 'all', email: 'auditor.all@test.example' },
  'auditor (unrelated)': { role: 'auditor', auditScope: [OTHER], email: 'auditor.o@test.example' },
  anonymous: undefined,
};
const WHO = Object.keys(PRINCIPALS);

/** A route and the status each principal gets, in the order of WHO; `ok` = 2xx or 422 (a rule
 * of the process refused what the principal was allowed to ask). */
type Expected = Array<number | 'ok'>;
interface Route {
  name: string;
  method: 'get' | 'post' | 'put';
  path: string;
  body?: object;
  //                      op    own   part  unrel headO headP mentA mentN audA  audU  anon
  expect: Expected;
}
const wrongHash = `sha256:${'0'.repeat(64)}`;
const ROUTES: Route[] = [
  {
    name: 'read a mobility',
    method: 'get',
    path: '/mobilities/m1',
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 'ok', 404, 'ok', 404, 401],
  },
  {
    name: "a mobility's history",
    method: 'get',
    path: '/mobilities/m1/history',
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 'ok', 404, 'ok', 404, 401],
  },
  {
    name: 'an agreement version',
    method: 'get',
    path: '/mobilities/m1/learning-agreement/versions/1',
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 'ok', 404, 'ok', 404, 401],
  },
  {
    name: 'record a check-in',
    method: 'post',
    path: '/mobilities/m1/check-ins',
    body: {
      checkInId: 'ci-1',
      mentor: 'host',
      heldOn: '2027-03-10',
      channel: 'video',
      notes: 'ok',
      wellbeing: 'good',
    },
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 'ok', 404, 403, 404, 401],
  },
  {
    name: 'recognise a unit',
    method: 'put',
    path: '/mobilities/m1/recognitions/vegan',
    body: {
      decision: 'module',
      moduleId: 'm-hot-dishes',
      decidedBy: 'head',
      decidedOn: '2027-04-10',
    },
    expect: ['ok', 'ok', 403, 404, 403, 403, 403, 404, 403, 404, 401],
  },
  {
    name: 'sign as the sending school',
    method: 'post',
    path: '/mobilities/m1/learning-agreement/versions/1/signatures',
    body: {
      contentHash: wrongHash,
      role: 'sending-school',
      signer: { id: 's', name: 'S', email: 's@x.example' },
      authMethod: 'account',
      intent: 'I agree',
    },
    expect: [403, 403, 403, 404, 'ok', 403, 403, 404, 403, 404, 401],
  },
  {
    name: 'sign as the host',
    method: 'post',
    path: '/mobilities/m1/learning-agreement/versions/1/signatures',
    body: {
      contentHash: wrongHash,
      role: 'host',
      signer: { id: 's', name: 'S', email: 's@x.example' },
      authMethod: 'account',
      intent: 'I agree',
    },
    expect: [403, 403, 403, 404, 403, 'ok', 403, 404, 403, 404, 401],
  },
  {
    name: "record a learner's handwritten signature",
    method: 'post',
    path: '/mobilities/m1/learning-agreement/versions/1/signatures',
    body: {
      contentHash: wrongHash,
      role: 'learner',
      signer: { id: 'l', name: 'Annija', email: 'a@x.example' },
      authMethod: 'handwritten',
      intent: 'I agree',
    },
    expect: [403, 'ok', 403, 404, 403, 403, 403, 404, 403, 404, 401],
  },
  {
    name: 'read a partnership',
    method: 'get',
    path: '/partnerships/p1',
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 'ok', 'ok', 'ok', 404, 401],
  },
  {
    name: 'sign the MoU for the sending school',
    method: 'post',
    path: '/partnerships/p1/mou/versions/1/signatures',
    body: {
      contentHash: wrongHash,
      institutionId: SCHOOL,
      signer: { name: 'Head', role: 'director' },
      authMethod: 'account',
      intent: 'We agree',
    },
    expect: [403, 403, 403, 404, 'ok', 403, 403, 403, 403, 404, 401],
  },
  {
    name: 'withdraw an application from a call',
    method: 'post',
    path: '/calls/c1/applications/a-unknown/withdrawal',
    body: { reason: 'moved away' },
    expect: ['ok', 'ok', 403, 404, 403, 403, 404, 404, 403, 404, 401],
  },
  {
    name: 'read a call',
    method: 'get',
    path: '/calls/c1',
    expect: ['ok', 'ok', 'ok', 404, 'ok', 'ok', 404, 404, 'ok', 404, 401],
  },
  {
    name: "a learner's credits",
    method: 'get',
    path: `/learners/${LEARNER}/credits`,
    expect: ['ok', 'ok', 404, 404, 'ok', 404, 404, 404, 'ok', 404, 401],
  },
  {
    name: 'read an institution (the shared directory)',
    method: 'get',
    path: `/institutions/${SCHOOL}`,
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 401],
  },
];

beforeAll(async () => {
  api = await startTestApi('authorization_matrix');
  await world();
});
afterAll(() => api?.close());

async function call(route: Route, who: string) {
  const account = PRINCIPALS[who];
  const agent = account ? await api.as(account) : api.anonymous;
  const req = agent[route.method](route.path);
  return route.body ? req.send(route.body) : req;
}

describe('the authorisation matrix', () => {
  for (const route of ROUTES)
    it(route.name, async () => {
      const got: Expected = [];
      for (const who of WHO) {
        const res = await call(route, who);
        got.push((res.status >= 200 && res.status < 300) || res.status === 422 ? 'ok' : res.status);
        if (res.status >= 400)
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, route.expect[i]])),
      );
    });

  it('every operation of the API document answers 401 without credentials, but the public ones', async () => {
    const doc = (await api.anonymous.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const checked: string[] = [];
    for (const [template, item] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(item)) {
        if (operation.security?.length === 0) continue; // public: health, signing pages, sign-in
        const path = template.replace(/\{[^}]+\}/g, 'x');
        const res =
          await api.anonymous[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
        expect({ operation: `${method.toUpperCase()} ${template}`, status: res.status }).toEqual({
          operation: `${method.toUpperCase()} ${template}`,
          status: 401,
        });
        checked.push(template);
      }
    expect(checked.length).toBeGreaterThan(50);
  });

  it('the API document declares the bearer scheme on every operation but the public ones', async () => {
    const doc = (await api.anonymous.get('/api/docs-json').expect(200)).body as {
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      security: Array<Record<string, unknown>>;
      paths: Record<string, Record<string, { security?: unknown[]; responses: object }>>;
    };
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/mobilities'].get.responses).toHaveProperty('401');
    expect(doc.paths['/mobilities/{mobilityId}/check-ins'].post.responses).toHaveProperty('403');
  });

  it('what a principal may not see is indistinguishable from what does not exist', async () => {
    const unrelated = await api.as(PRINCIPALS['coordinator (unrelated)']!);
    const hidden = await unrelated.get('/mobilities/m1').expect(404);
    const missing = await unrelated.get('/mobilities/no-such-mobility').expect(404);
    expect({ ...hidden.body, instance: undefined, detail: undefined }).toEqual({
      ...missing.body,
      instance: undefined,
      detail: undefined,
    });
  });

  it('each role reads only the personal fields it needs, in every route alike', async () => {
    const read = async (who: string, path: string) =>
      (await (await api.as(PRINCIPALS[who]!)).get(path).expect(200)).body;
    const version = '/mobilities/m1/learning-agreement/versions/1';
    expect((await read('coordinator (own)', version)).content.learner).toMatchObject({
      name: 'Annija Bērziņa',
      dateOfBirth: '2005-04-02',
    });
    expect((await read('coordinator (partner)', version)).content.learner).toMatchObject({
      name: 'Annija Bērziņa',
      dateOfBirth: { $redacted: true },
    });
    for (const path of [version, '/mobilities/m1', '/mobilities/m1/history']) {
      const body = JSON.stringify(await read('auditor (all)', path));
      expect(body).not.toMatch(/Annija|annija@example\.lv|2005-04-02/);
      expect(body).toContain('$redacted');
    }
  });

  it('lists hold only what the principal may read, and count only that', async () => {
    await api.readModelsCaughtUp();
    const ids = async (who: string, path: string) => {
      const res = await (await api.as(PRINCIPALS[who]!)).get(path).expect(200);
      const key = {
        '/mobilities': 'mobilityId',
        '/partnerships': 'partnershipId',
        '/calls': 'callId',
      }[path]!;
      return {
        ids: res.body.items.map((i: Record<string, string>) => i[key]),
        total: res.body.total,
      };
    };
    expect(await ids('coordinator (own)', '/mobilities')).toEqual({ ids: ['m1'], total: 1 });
    expect(await ids('mentor (assigned)', '/mobilities')).toEqual({ ids: ['m1'], total: 1 });
    expect(await ids('mentor (not assigned)', '/mobilities')).toEqual({ ids: [], total: 0 });
    expect(await ids('coordinator (unrelated)', '/mobilities')).toEqual({ ids: [], total: 0 });
    expect(await ids('auditor (unrelated)', '/partnerships')).toEqual({ ids: [], total: 0 });
    expect(await ids('auditor (all)', '/calls')).toEqual({ ids: ['c1'], total: 1 });
  });

  it('random principals never read a learner of an institution they have nothing to do with', async () => {
    await api.readModelsCaughtUp();
    const outsiders = ['coordinator (unrelated)', 'mentor (not assigned)', 'auditor (unrelated)'];
    const routes = [
      '/mobilities',
      '/mobilities/m1',
      '/mobilities/m1/history',
      '/mobilities/m1/learning-agreement/versions/1',
      `/learners/${LEARNER}/credits`,
      `/learners/${LEARNER}/history`,
      '/calls',
      '/calls/c1',
      '/outbox',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...outsiders),
        fc.constantFrom(...routes),
        async (who, path) => {
          const res = await (await api.as(PRINCIPALS[who]!)).get(path);
          expect(JSON.stringify(res.body)).not.toMatch(/Annija|annija@example\.lv|2005-04-02/);
        },
      ),
      { numRuns: 40 },
    );
  });
});
