import { startTestApi, type TestApi } from '../support/api-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_qualifications');
});
afterAll(() => api?.close());

const cook = {
  qualificationId: 'cook-3',
  title: { lv: 'Pavārs', en: 'Cook' },
  eqfLevel: 4,
  nqfLevel: 4,
  programme: 'Ēdināšanas pakalpojumi',
};
const vegan = {
  title: { lv: 'Vegāniskā uztura gatavošana', en: 'Vegan nutrition and cooking' },
  knowledge: ['principles of vegan nutrition'],
  skills: ['prepares legume dishes'],
  competence: ['plans a balanced vegan menu'],
  assessmentCriteria: ['dish meets the recipe and hygiene standards'],
  ecvetPoints: 3,
  relativeWeight: 0.05,
  moduleIds: ['m-veg'],
};

describe('qualifications API', () => {
  it('the catalogue flow: define, add a module, define a unit, publish version 1', async () => {
    const created = await api.http.post('/qualifications').send(cook).expect(201);
    expect(created.body).toEqual({ id: 'cook-3', version: 1, events: ['QualificationDefined'] });
    expect(created.headers.location).toBe('/qualifications/cook-3');
    expect(created.headers.etag).toBe('"1"');

    await api.http
      .post('/qualifications/cook-3/modules')
      .send({ moduleId: 'm-veg', title: { lv: 'Veģetārie ēdieni', en: 'Vegetarian dishes' } })
      .expect(200, { id: 'cook-3', version: 2, events: ['ModuleAdded'] });
    await api.http
      .put('/qualifications/cook-3/units/u-vegan')
      .send(vegan)
      .expect(200, { id: 'cook-3', version: 3, events: ['UnitDefined'] });

    const published = await api.http.post('/qualifications/cook-3/versions').expect(200);
    expect(published.body).toEqual({
      id: 'cook-3',
      version: 4,
      events: ['QualificationVersionPublished'],
      publishedVersion: 1,
    });

    const v1 = await api.http.get('/qualifications/cook-3/versions/1').expect(200);
    expect(v1.body).toMatchObject({
      qualificationId: 'cook-3',
      version: 1,
      eqfLevel: 4,
      programme: cook.programme,
      units: [
        {
          unitId: 'u-vegan',
          title: vegan.title,
          ecvetPoints: 3,
          moduleIds: ['m-veg'],
          assessmentCriteria: vegan.assessmentCriteria,
        },
      ],
    });

    const got = await api.http.get('/qualifications/cook-3').expect(200);
    expect(got.headers.etag).toBe('"4"');
    expect(got.body).toMatchObject({
      publishedVersion: 1,
      unpublishedChanges: false,
      modules: [{ moduleId: 'm-veg' }],
      units: [{ unitId: 'u-vegan', ...vegan }],
    });
  });

  it('published versions are frozen: a revised unit shows in version 2 only', async () => {
    const revised = {
      ...vegan,
      title: { lv: 'Vegāniskie ēdieni', en: 'Vegan dishes' },
      assessmentCriteria: ['menu is balanced'],
    };
    await api.http.put('/qualifications/cook-3/units/u-vegan').send(revised).expect(200);
    const published = await api.http.post('/qualifications/cook-3/versions').expect(200);
    expect(published.body).toMatchObject({ version: 6, publishedVersion: 2 });

    const v1 = await api.http.get('/qualifications/cook-3/versions/1').expect(200);
    expect(v1.body.units[0]).toMatchObject({
      title: vegan.title,
      assessmentCriteria: vegan.assessmentCriteria,
    });
    const v2 = await api.http.get('/qualifications/cook-3/versions/2').expect(200);
    expect(v2.body.units[0]).toMatchObject({
      title: revised.title,
      assessmentCriteria: ['menu is balanced'],
    });
    // The stream as of version 4 is the qualification as version 1 was published.
    const asOf = await api.http.get('/qualifications/cook-3?asOfVersion=4').expect(200);
    expect(asOf.body.units[0].title).toEqual(vegan.title);
  });

  it('publishing with nothing changed appends nothing and names the current version', async () => {
    const res = await api.http.post('/qualifications/cook-3/versions').expect(200);
    expect(res.body).toEqual({ id: 'cook-3', version: 6, events: [], publishedVersion: 2 });
    const history = await api.http.get('/qualifications/cook-3/history').expect(200);
    expect(history.body).toHaveLength(6);
  });

  it('an unknown version or qualification is a 404', async () => {
    const res = await api.http.get('/qualifications/cook-3/versions/3').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await api.http.get('/qualifications/nope/versions/1').expect(404);
    await api.http.get('/qualifications/nope').expect(404);
    await api.http.post('/qualifications/nope/versions').expect(404);
    const bad = await api.http.get('/qualifications/cook-3/versions/zero').expect(400);
    const names = new Set(bad.body.invalidParams.map((p: { name: string }) => p.name));
    expect([...names]).toEqual(['version']);
  });

  it('lists every invalid field with its nested name in a 400 problem', async () => {
    const res = await api.http
      .post('/qualifications')
      .send({ ...cook, qualificationId: 'bad id', title: { lv: '', en: 3 }, eqfLevel: 2.5 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['qualificationId', 'title.lv', 'title.en', 'eqfLevel']),
    );

    const unit = await api.http
      .put('/qualifications/cook-3/units/u-bad')
      .send({
        ...vegan,
        knowledge: ['ok', 7],
        ecvetPoints: -1,
        relativeWeight: 1.5,
        moduleIds: 'm-veg',
        extra: true,
      })
      .expect(400);
    expect(unit.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['knowledge', 'ecvetPoints', 'relativeWeight', 'moduleIds', 'extra']),
    );
  });

  it('a missing title (a nested object) is a 400 naming it, and records nothing', async () => {
    // Found by the contract run: a required nested object that was absent passed validation.
    const { title: _title, ...untitled } = cook;
    const res = await api.http
      .post('/qualifications')
      .send({ ...untitled, qualificationId: 'untitled-1' })
      .expect(400);
    expect(res.body.invalidParams).toEqual([{ name: 'title', reason: expect.any(String) }]);
    await api.http.get('/qualifications/untitled-1').expect(404);
  });

  it('an EQF level outside 1..8 is a 400', async () => {
    for (const eqfLevel of [0, 9]) {
      const res = await api.http
        .post('/qualifications')
        .send({ ...cook, qualificationId: 'eqf-x', eqfLevel })
        .expect(400);
      expect(res.body.invalidParams).toEqual([{ name: 'eqfLevel', reason: expect.any(String) }]);
    }
    await api.http.get('/qualifications/eqf-x').expect(404);
  });

  it('a domain rule is a 422 naming the rule', async () => {
    const outcomes = await api.http
      .put('/qualifications/cook-3/units/u-empty')
      .send({ ...vegan, knowledge: [], skills: [], competence: [] })
      .expect(422);
    expect(outcomes.body.rule).toBe('qualification.unit-needs-learning-outcomes');

    const modules = await api.http
      .put('/qualifications/cook-3/units/u-x')
      .send({ ...vegan, moduleIds: ['m-none'] })
      .expect(422);
    expect(modules.body).toMatchObject({
      rule: 'qualification.unit-modules-must-exist',
      moduleIds: ['m-none'],
    });

    const redefined = await api.http
      .post('/qualifications')
      .send({ ...cook, programme: 'Other' })
      .expect(422);
    expect(redefined.body.rule).toBe('qualification.already-defined');

    // A unit with skills only is enough learning outcomes.
    await api.http
      .put('/qualifications/cook-3/units/u-skills')
      .send({ ...vegan, knowledge: [], competence: [], ecvetPoints: undefined })
      .expect(200);
  });

  it('a stale If-Match is a 409 with the current version', async () => {
    const current = await api.http.get('/qualifications/cook-3').expect(200);
    const version = Number(JSON.parse(current.headers.etag));
    const res = await api.http
      .post('/qualifications/cook-3/modules')
      .set('If-Match', `"${version - 1}"`)
      .send({ moduleId: 'm-pastry', title: { lv: 'Konditoreja', en: 'Pastry' } })
      .expect(409);
    expect(res.body.currentVersion).toBe(version);
    await api.http
      .post('/qualifications/cook-3/modules')
      .set('If-Match', `"${version}"`)
      .send({ moduleId: 'm-pastry', title: { lv: 'Konditoreja', en: 'Pastry' } })
      .expect(200);
  });

  it('a retried request with the same Idempotency-Key returns the same response', async () => {
    const body = { ...cook, qualificationId: 'baker-3', title: { lv: 'Maiznieks', en: 'Baker' } };
    const first = await api.http
      .post('/qualifications')
      .set('Idempotency-Key', 'q-1')
      .send(body)
      .expect(201);
    const again = await api.http
      .post('/qualifications')
      .set('Idempotency-Key', 'q-1')
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBe('false');
    expect(again.headers['idempotent-replayed']).toBe('true');

    await api.http
      .post('/qualifications/baker-3/modules')
      .send({ moduleId: 'm-bread', title: { lv: 'Maize', en: 'Bread' } })
      .expect(200);
    await api.http
      .put('/qualifications/baker-3/units/u-rye')
      .send({ ...vegan, moduleIds: ['m-bread'] })
      .expect(200);
    const publish = () =>
      api.http.post('/qualifications/baker-3/versions').set('Idempotency-Key', 'q-2').expect(200);
    const published = await publish();
    const replayed = await publish();
    expect(replayed.body).toEqual(published.body);
    expect(replayed.body.publishedVersion).toBe(1);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const history = await api.http.get('/qualifications/baker-3/history').expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'QualificationDefined',
      'ModuleAdded',
      'UnitDefined',
      'QualificationVersionPublished',
    ]);
  });

  it('lists qualifications from the read model', async () => {
    await api.readModelsCaughtUp();
    const res = await api.http.get('/qualifications?limit=10').expect(200);
    expect(res.body.total).toBe(2);
    expect(
      res.body.items.map((q: { qualificationId: string }) => q.qualificationId).sort(),
    ).toEqual(['baker-3', 'cook-3']);
  });

  it('documents the routes and the unit of learning outcomes in OpenAPI', async () => {
    const res = await api.http.get('/api/docs-json').expect(200);
    expect(res.body.paths['/qualifications/{qualificationId}/units/{unitId}'].put).toBeDefined();
    expect(
      res.body.paths['/qualifications/{qualificationId}/versions/{version}'].get,
    ).toBeDefined();
    const unit = res.body.components.schemas.DefineUnitDto;
    expect(Object.keys(unit.properties).sort()).toEqual(
      [
        'assessmentCriteria',
        'competence',
        'ecvetPoints',
        'knowledge',
        'moduleIds',
        'relativeWeight',
        'skills',
        'title',
      ].sort(),
    );
    expect(unit.required).not.toContain('ecvetPoints');
    expect(res.body.components.schemas.PublishResult.properties.publishedVersion).toBeDefined();
    expect(
      res.body.paths['/qualifications/{qualificationId}/versions'].post.responses['200'].content[
        'application/json'
      ].schema.$ref,
    ).toBe('#/components/schemas/PublishResult');
  });
});
