import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app';
import { dashboardWorld, DASHBOARD_PRINCIPALS as P } from '../support/world';

/** The export of the dashboard's list (CSV, XLSX) and each account's saved filters. */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('dashboard_export');
  await dashboardWorld(api);
});
afterAll(async () => {
  await api?.close();
});

interface Row {
  mobilityId: string;
  learnerName: string | null;
  phase: string;
  partnershipId: string;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  hostCountry: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  overdue: boolean;
  waitingFor: string[];
  nextDeadline: { due: string } | null;
}

const HEADER = [
  'mobilityId',
  'learnerName',
  'phase',
  'partnershipId',
  'sendingInstitutionId',
  'hostInstitutionId',
  'hostCountry',
  'plannedStart',
  'plannedEnd',
  'overdue',
  'waitingFor',
  'nextDeadline',
];
const cells = (r: Row): string[] => [
  r.mobilityId,
  r.learnerName ?? '',
  r.phase,
  r.partnershipId,
  r.sendingInstitutionId,
  r.hostInstitutionId,
  r.hostCountry ?? '',
  r.plannedStart ?? '',
  r.plannedEnd ?? '',
  String(r.overdue),
  r.waitingFor.join(' '),
  r.nextDeadline?.due ?? '',
];

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the dashboard’s export', () => {
  it.each([
    ['school', 'sort=-learner'],
    ['school', 'phase=awaiting-signatures&hostCountry=ES'],
    ['hostEs', 'sort=phase'],
    ['auditor', ''],
  ])('gives %s (%s) as CSV exactly the rows of the list', async (who, query) => {
    const agent = await api.as(P[who]);
    const list = (await agent.get(`/dashboard/mobilities?limit=200&${query}`).expect(200)).body as {
      items: Row[];
    };
    const res = await agent
      .get(`/dashboard/mobilities/export?format=csv&${query}`)
      .expect(200)
      .expect('Content-Type', /^text\/csv; charset=utf-8/)
      .expect('Content-Disposition', /^attachment; filename="mobilities-.*\.csv"$/)
      .buffer(true)
      .parse(binary);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    // No field of this world needs quoting: split on commas.
    expect(lines.map((l) => l.split(','))).toEqual([HEADER, ...list.items.map(cells)]);
  });

  it('gives the same rows as XLSX, read back with exceljs', async () => {
    const agent = await api.as(P.school);
    const list = (await agent.get('/dashboard/mobilities?limit=200&sort=-start').expect(200))
      .body as { items: Row[] };
    const res = await agent
      .get('/dashboard/mobilities/export?format=xlsx&sort=-start')
      .expect(200)
      .expect('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .buffer(true)
      .parse(binary);
    const workbook = new ExcelJS.Workbook();
    const body = res.body as Buffer;
    // exceljs types its input as an ArrayBuffer ("Buffer extends ArrayBuffer"): hand it one.
    await workbook.xlsx.load(new Uint8Array(body).buffer);
    const sheet = workbook.getWorksheet('Mobilities')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(HEADER.map((_, i) => (values[i + 1] === undefined ? '' : String(values[i + 1]))));
    });
    expect(rows).toEqual([HEADER, ...list.items.map(cells)]);
    expect(rows.length).toBe(6);
  });

  it('names a bad format or filter', async () => {
    const agent = await api.as(P.school);
    const res = await agent.get('/dashboard/mobilities/export?format=pdf').expect(400);
    expect(res.body.invalidParams[0].name).toBe('format');
    const bad = await agent.get('/dashboard/mobilities/export?format=csv&overdue=yes').expect(400);
    expect(bad.body.invalidParams[0].name).toBe('overdue');
  });
});

describe('saved filters', () => {
  it('are each account’s own: create, list, 409 on a name taken, delete, 404 for another’s', async () => {
    const mine = await api.as(P.school);
    const theirs = await api.as(P.hostEs);
    const created = await mine
      .post('/dashboard/saved-filters')
      .send({
        name: 'Spain, waiting',
        view: 'mobilities',
        search: 'phase=awaiting-signatures&hostCountry=ES',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Spain, waiting',
      view: 'mobilities',
      search: 'phase=awaiting-signatures&hostCountry=ES',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const id = created.body.id as string;
    expect((await mine.get('/dashboard/saved-filters').expect(200)).body).toEqual({
      items: [created.body],
    });
    const taken = await mine
      .post('/dashboard/saved-filters')
      .send({ name: 'Spain, waiting', view: 'mobilities', search: 'overdue=true' })
      .expect(409);
    expect(taken.body.status).toBe(409);
    // The same name is another account's to take.
    await theirs
      .post('/dashboard/saved-filters')
      .send({ name: 'Spain, waiting', view: 'mobilities', search: '' })
      .expect(201);
    expect((await theirs.get('/dashboard/saved-filters').expect(200)).body.items).toHaveLength(1);
    await theirs.delete(`/dashboard/saved-filters/${id}`).expect(404);
    await mine.delete('/dashboard/saved-filters/not-a-uuid').expect(404);
    await mine.delete(`/dashboard/saved-filters/${id}`).expect(204);
    await mine.delete(`/dashboard/saved-filters/${id}`).expect(404);
    expect((await mine.get('/dashboard/saved-filters').expect(200)).body).toEqual({ items: [] });
  });

  it.each([
    [{ name: '', view: 'mobilities', search: '' }, 'name'],
    [{ name: 'x', view: 'partnerships', search: '' }, 'view'],
    [{ name: 'x', view: 'mobilities', search: '?phase=x' }, 'search'],
    [{ name: 'x', view: 'mobilities' }, 'search'],
  ])('refuses %j naming %s', async (body, name) => {
    const res = await (
      await api.as(P.school)
    )
      .post('/dashboard/saved-filters')
      .send(body)
      .expect(400);
    expect((res.body.invalidParams as Array<{ name: string }>).map((p) => p.name)).toContain(name);
  });
});
