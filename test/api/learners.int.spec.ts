import { randomUUID } from 'node:crypto';
import { LearnerRecordService } from '@ecvet/application';
import type { CommandContext } from '@ecvet/domain';
import { startTestApi, type TestApi } from '../support/api-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_learners');
  await defineQualification('cook-3', 'Ēdināšanas pakalpojumi', ['m-veg', 'm-soup']);
  await defineQualification('confectioner-3', 'Konditoreja', ['m-nutrition', 'm-cakes']);
  await accumulate('u-vegan', 'Vegan nutrition and cooking', 'm-veg', 'part-of-module', 3);
  await accumulate('u-soup', 'Soups', 'm-soup', 'module', 2);
});
afterAll(() => api?.close());

const learnerId = 'lrn-1';

async function defineQualification(id: string, programme: string, modules: string[]) {
  await api.http
    .post('/qualifications')
    .send({ qualificationId: id, title: { lv: id, en: id }, eqfLevel: 4, nqfLevel: 4, programme })
    .expect(201);
  for (const moduleId of modules)
    await api.http
      .post(`/qualifications/${id}/modules`)
      .send({ moduleId, title: { lv: moduleId, en: moduleId } })
      .expect(200);
}

/** What the learner-credit reactor does after a recognition: AccumulateCredit is not exposed over HTTP. */
function accumulate(
  unitId: string,
  title: string,
  moduleId: string,
  kind: 'module' | 'part-of-module',
  ecvetPoints: number,
) {
  const commandId = randomUUID();
  const context: CommandContext = {
    commandId,
    actor: { id: 'system:workflow', role: 'system' },
    issuedAt: '2026-06-01T10:00:00.000Z',
    correlationId: commandId,
    causationId: commandId,
  };
  return api.app.get(LearnerRecordService).accumulateCredit(
    learnerId,
    {
      learnerId,
      mobilityId: 'mob-1',
      qualificationId: 'cook-3',
      qualificationVersion: 1,
      programme: 'Ēdināšanas pakalpojumi',
      unitId,
      unitTitle: { lv: title, en: title },
      recognition: { kind, moduleId, ecvetPoints },
      recognisedBy: 'user:ilze',
      recognisedAt: '2026-05-30',
    },
    context,
  );
}

const transfer = {
  transferId: 'tr-1',
  toQualificationId: 'confectioner-3',
  toProgramme: 'Konditoreja',
  units: [{ unitId: 'u-vegan', fromQualificationId: 'cook-3', toModuleId: 'm-nutrition' }],
  decidedBy: 'user:ilze',
  rationale: 'Same learning outcomes as the nutrition module',
};

describe('learners API', () => {
  it('the credit record lists the recognised units and their ECVET total', async () => {
    const res = await api.http.get(`/learners/${learnerId}/credits`).expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      learnerId,
      version: 2,
      transfers: [],
      qualifications: [
        {
          qualificationId: 'cook-3',
          programme: 'Ēdināšanas pakalpojumi',
          ecvetPoints: 5,
          modulesCompleted: ['m-soup'],
          modulesPartly: ['m-veg'],
        },
      ],
    });
    expect(res.body.qualifications[0].units.map((u: { unitId: string }) => u.unitId)).toEqual([
      'u-soup',
      'u-vegan',
    ]);
  });

  it('an unknown learner is a 404', async () => {
    const res = await api.http.get('/learners/nobody/credits').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await api.http.get('/learners/nobody/history').expect(404);
    await api.http.post('/learners/nobody/transfers').send(transfer).expect(404);
    await api.http
      .post('/learners/nobody/credit-withdrawals')
      .send({ mobilityId: 'mob-1', unitId: 'u-vegan', reason: 'appeal', by: 'user:ilze' })
      .expect(404);
  });

  it('lists every invalid field of a transfer, nested ones by their path', async () => {
    const res = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .send({
        ...transfer,
        transferId: '',
        units: [{ unitId: 'u-vegan', toModuleId: 'm x', ecvetPoints: -1, kind: 'whole' }],
        rationale: undefined,
      })
      .expect(400);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'transferId',
        'units.0.fromQualificationId',
        'units.0.toModuleId',
        'units.0.ecvetPoints',
        'units.0.kind',
        'rationale',
      ]),
    );
  });

  it('a transfer to a module the target qualification does not have is a 422', async () => {
    const res = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .send({ ...transfer, units: [{ ...transfer.units[0], toModuleId: 'm-nope' }] })
      .expect(422);
    expect(res.body).toMatchObject({ rule: 'reference.unknown-module', moduleIds: ['m-nope'] });
    const unknown = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .send({ ...transfer, toQualificationId: 'nope-3' })
      .expect(422);
    expect(unknown.body.rule).toBe('reference.unknown-qualification');
  });

  it('domain rules of a transfer are 422s naming the rule', async () => {
    const post = (body: object) =>
      api.http
        .post(`/learners/${learnerId}/transfers`)
        .send({ ...transfer, ...body })
        .expect(422);
    expect((await post({ units: [] })).body.rule).toBe('learner.transfer-needs-units');
    expect((await post({ rationale: '   ' })).body.rule).toBe('learner.transfer-needs-rationale');
    const notCredited = await post({
      units: [{ unitId: 'u-bread', fromQualificationId: 'cook-3', toModuleId: 'm-cakes' }],
    });
    expect(notCredited.body.rule).toBe('learner.transfer-unit-must-be-credited');
  });

  it('a stale If-Match on a transfer is a 409 with the current version', async () => {
    const res = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .set('If-Match', '"1"')
      .send(transfer)
      .expect(409);
    expect(res.body.currentVersion).toBe(2);
  });

  it('transfers a credit: it counts towards the other qualification, and still its own', async () => {
    const first = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .set('Idempotency-Key', 't-1')
      .set('If-Match', '"2"')
      .send(transfer)
      .expect(200);
    expect(first.body).toEqual({ id: learnerId, version: 3, events: ['CreditTransferred'] });
    expect(first.headers.etag).toBe('"3"');
    const again = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .set('Idempotency-Key', 't-1')
      .set('If-Match', '"2"')
      .send(transfer)
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const credits = await api.http.get(`/learners/${learnerId}/credits`).expect(200);
    const byId = Object.fromEntries(
      credits.body.qualifications.map((q: { qualificationId: string }) => [q.qualificationId, q]),
    );
    expect(byId['confectioner-3']).toMatchObject({
      programme: 'Konditoreja',
      ecvetPoints: 3,
      modulesPartly: ['m-nutrition'],
      units: [
        {
          unitId: 'u-vegan',
          moduleId: 'm-nutrition',
          kind: 'part-of-module',
          ecvetPoints: 3,
          origin: {
            type: 'transfer',
            transferId: 'tr-1',
            fromQualificationId: 'cook-3',
            fromMobilityId: 'mob-1',
          },
        },
      ],
    });
    expect(byId['cook-3'].ecvetPoints).toBe(5);
    expect(credits.body.transfers).toEqual([
      expect.objectContaining({ transferId: 'tr-1', decidedBy: 'user:ilze' }),
    ]);

    const twice = await api.http
      .post(`/learners/${learnerId}/transfers`)
      .send({ ...transfer, transferId: 'tr-2' })
      .expect(422);
    expect(twice.body.rule).toBe('learner.unit-already-transferred');
  });

  it('a transferred credit cannot be withdrawn', async () => {
    const res = await api.http
      .post(`/learners/${learnerId}/credit-withdrawals`)
      .send({ mobilityId: 'mob-1', unitId: 'u-vegan', reason: 'appeal', by: 'user:ilze' })
      .expect(422);
    expect(res.body).toMatchObject({
      rule: 'learner.transferred-credit-cannot-be-withdrawn',
      transferredTo: ['confectioner-3'],
    });
  });

  it('withdraws a credit: it no longer counts, and withdrawing again changes nothing', async () => {
    const body = { mobilityId: 'mob-1', unitId: 'u-soup', reason: 'Revoked on appeal', by: 'u:a' };
    await api.http
      .post(`/learners/${learnerId}/credit-withdrawals`)
      .send(body)
      .expect(200, { id: learnerId, version: 4, events: ['CreditWithdrawn'] });
    await api.http
      .post(`/learners/${learnerId}/credit-withdrawals`)
      .send(body)
      .expect(200, { id: learnerId, version: 4, events: [] });
    const credits = await api.http.get(`/learners/${learnerId}/credits`).expect(200);
    const cook = credits.body.qualifications.find(
      (q: { qualificationId: string }) => q.qualificationId === 'cook-3',
    );
    expect(cook).toMatchObject({ ecvetPoints: 3, modulesCompleted: [] });

    const unknown = await api.http
      .post(`/learners/${learnerId}/credit-withdrawals`)
      .send({ ...body, unitId: 'u-none' })
      .expect(422);
    expect(unknown.body.rule).toBe('learner.credit-must-exist');
    const invalid = await api.http
      .post(`/learners/${learnerId}/credit-withdrawals`)
      .send({ mobilityId: 'mob-1', unitId: 'u-soup', reason: '' })
      .expect(400);
    expect(invalid.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['reason', 'by']),
    );
  });

  it('the history keeps every event with its actor; the record as of a version replays it', async () => {
    const history = await api.http.get(`/learners/${learnerId}/history`).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'CreditAccumulated',
      'CreditAccumulated',
      'CreditTransferred',
      'CreditWithdrawn',
    ]);
    expect(history.body[0].metadata.actor).toEqual({ id: 'system:workflow', role: 'system' });
    const asOf = await api.http.get(`/learners/${learnerId}/credits?asOfVersion=2`).expect(200);
    expect(asOf.headers.etag).toBe('"2"');
    expect(asOf.body.transfers).toEqual([]);
  });

  it('credits are accumulated by recognition only: there is no route for it', async () => {
    // The path is read only: a POST is a method it does not serve (405, Allow: GET, HEAD).
    const post = await api.http.post(`/learners/${learnerId}/credits`).send({}).expect(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const docs = await api.http.get('/api/docs-json').expect(200);
    const learnerPaths = Object.keys(docs.body.paths).filter((p) => p.startsWith('/learners'));
    expect(learnerPaths.sort()).toEqual([
      '/learners/{learnerId}/credit-withdrawals',
      '/learners/{learnerId}/credits',
      '/learners/{learnerId}/erasure',
      '/learners/{learnerId}/history',
      '/learners/{learnerId}/transfers',
    ]);
    expect(docs.body.paths['/learners/{learnerId}/credits'].post).toBeUndefined();
    expect(docs.body.components.schemas.TransferUnitDto.properties.toModuleId).toBeDefined();
  });
});
