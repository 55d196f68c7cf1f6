import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import { dashboardWorld, DASHBOARD_PRINCIPALS as P } from '../support/world';

/**
 * The dashboard's overview and list over real HTTP and PostgreSQL: scopes per principal, counts
 * equal to the list's totals per filter, keyset paging in every sort, and bad parameters named.
 */
let api: TestApi;
const SORTS = ['start', '-start', 'learner', '-learner', 'phase', '-phase', 'updated', '-updated'];

beforeAll(async () => {
  api = await startTestApi('dashboard');
  await dashboardWorld(api);
});
afterAll(async () => {
  await api?.close();
});

interface Row {
  mobilityId: string;
  learnerName: string | null;
  phase: string;
  overdue: boolean;
  waitingFor: string[];
  plannedStart: string;
  nextDeadline: { kind: string; due: string } | null;
}
interface Page {
  items: Row[];
  total: number;
  nextCursor: string | null;
}

const list = async (who: TestAccount, query = ''): Promise<Page> =>
  (await (await api.as(who)).get(`/dashboard/mobilities?limit=200&${query}`).expect(200))
    .body as Page;
const ids = (page: Page) => page.items.map((r) => r.mobilityId).sort();

describe('the dashboard', () => {
  it('lists to each principal only the mobilities they may see', async () => {
    expect(ids(await list(P.operator))).toEqual([
      'm-anna',
      'm-berta',
      'm-cilda',
      'm-dace',
      'm-elza',
      'm-other',
    ]);
    expect(ids(await list(P.school))).toEqual(['m-anna', 'm-berta', 'm-cilda', 'm-dace', 'm-elza']);
    expect(ids(await list(P.hostEs))).toEqual(['m-anna', 'm-berta', 'm-elza', 'm-other']);
    expect(ids(await list(P.mentor))).toEqual(['m-anna', 'm-elza', 'm-other']);
    expect(ids(await list(P.auditor))).toEqual(['m-other']);
    expect(await list(P.outsider)).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('shows learner names only to whom may read them, and searches only those', async () => {
    const school = await list(P.school, 'q=ber');
    expect(school.items.map((r) => r.learnerName).sort()).toEqual(
      ['Berta Kalniņa', 'Elza Bērziņa'].filter((n) => /ber/i.test(n)),
    );
    expect((await list(P.hostEs, 'q=olga')).items.map((r) => r.learnerName)).toEqual([
      'Olga Citāda',
    ]);
    const auditor = await list(P.auditor);
    expect(auditor.items.map((r) => r.learnerName)).toEqual([null]);
    expect((await list(P.auditor, 'q=olga')).total).toBe(0);
    expect((await list(P.operator, 'q=olga')).total).toBe(1);
  });

  it('derives phase, waiting signatories, overdue and the next deadline from the log', async () => {
    const rows = new Map((await list(P.operator)).items.map((r) => [r.mobilityId, r]));
    expect(rows.get('m-anna')).toMatchObject({
      phase: 'awaiting-signatures',
      waitingFor: ['sending-school', 'host', 'learner'],
      overdue: false,
      nextDeadline: { kind: 'signature', due: '2027-03-01' },
    });
    expect(rows.get('m-berta')?.waitingFor).toEqual(['sending-school', 'host']);
    expect(rows.get('m-cilda')).toMatchObject({
      phase: 'preparation',
      waitingFor: [],
      nextDeadline: null,
    });
    expect(rows.get('m-dace')).toMatchObject({ overdue: true });
    expect(rows.get('m-elza')).toMatchObject({ phase: 'cancelled', nextDeadline: null });
  });

  it.each(['operator', 'school', 'hostEs', 'mentor', 'auditor', 'outsider'])(
    'gives %s an overview whose every number is the list’s total with that filter',
    async (who) => {
      const principal = P[who];
      const overview = (await (await api.as(principal)).get('/dashboard/overview').expect(200))
        .body as {
        total: number;
        phases: Record<string, number>;
        overdue: number;
        awaitingSignatures: Record<string, number>;
        perMonth: Array<{ month: string; count: number }>;
        perPartnership: Array<{ partnershipId: string; title: string | null; count: number }>;
        otherPartnerships: { partnerships: number; count: number };
        deadlines: { total: number; items: unknown[] };
      };
      expect(overview.total).toBe((await list(principal)).total);
      expect(Object.keys(overview.phases)).toHaveLength(11);
      for (const [phase, count] of Object.entries(overview.phases))
        expect([phase, (await list(principal, `phase=${phase}`)).total]).toEqual([phase, count]);
      expect(overview.overdue).toBe((await list(principal, 'overdue=true')).total);
      for (const [role, count] of Object.entries(overview.awaitingSignatures))
        expect([role, (await list(principal, `waitingFor=${role}`)).total]).toEqual([role, count]);
      for (const { month, count } of overview.perMonth) {
        const last = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0));
        const to = last.toISOString().slice(0, 10);
        expect([month, (await list(principal, `from=${month}-01&to=${to}`)).total]).toEqual([
          month,
          count,
        ]);
      }
      for (const { partnershipId, count } of overview.perPartnership)
        expect((await list(principal, `partnershipId=${partnershipId}`)).total).toBe(count);
      expect(
        overview.perPartnership.reduce((n, p) => n + p.count, 0) + overview.otherPartnerships.count,
      ).toBe(overview.total);
    },
  );

  it('names the partnerships in the overview and keeps the counts of others’ mobilities out', async () => {
    const school = (await (await api.as(P.school)).get('/dashboard/overview').expect(200)).body as {
      total: number;
      perPartnership: Array<{ partnershipId: string; title: string | null; count: number }>;
      awaitingSignatures: Record<string, number>;
    };
    expect(school.total).toBe(5);
    expect(school.perPartnership).toEqual([
      { partnershipId: 'p-es', title: 'Cooks in Spain', count: 3 },
      { partnershipId: 'p-de', title: 'Cooks in Germany', count: 2 },
    ]);
    expect(school.awaitingSignatures).toEqual({
      // m-dace's version expired unsigned: still waiting (and overdue).
      'sending-school': 3,
      host: 3,
      learner: 2,
      guardian: 0,
    });
    const outsider = (await (await api.as(P.outsider)).get('/dashboard/overview').expect(200))
      .body as { total: number; perMonth: unknown[]; deadlines: { total: number } };
    expect(outsider).toMatchObject({ total: 0, perMonth: [], deadlines: { total: 0 } });
  });

  it.each(SORTS)('walks every row exactly once with keyset pages sorted by %s', async (sort) => {
    const agent = await api.as(P.operator);
    const whole = (await agent.get(`/dashboard/mobilities?sort=${sort}&limit=200`).expect(200))
      .body as Page;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (
        await agent
          .get(`/dashboard/mobilities?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as Page;
      expect(page.total).toBe(6);
      seen.push(...page.items.map((r) => r.mobilityId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(whole.items.map((r) => r.mobilityId));
    expect(new Set(seen).size).toBe(6);
    if (sort === 'start')
      expect(whole.items.map((r) => r.plannedStart)).toEqual(
        [...whole.items.map((r) => r.plannedStart)].sort(),
      );
  });

  it('pages within a filter, and refuses a cursor of another sort', async () => {
    const agent = await api.as(P.school);
    const first = (
      await agent.get('/dashboard/mobilities?phase=awaiting-signatures&limit=1').expect(200)
    ).body as Page;
    expect(first.total).toBe(3);
    const second = (
      await agent
        .get(`/dashboard/mobilities?phase=awaiting-signatures&limit=1&cursor=${first.nextCursor}`)
        .expect(200)
    ).body as Page;
    expect(second.items[0].mobilityId).not.toBe(first.items[0].mobilityId);
    const refused = await agent
      .get(`/dashboard/mobilities?sort=-updated&cursor=${first.nextCursor}`)
      .expect(400);
    expect(refused.body.invalidParams).toEqual([expect.objectContaining({ name: 'cursor' })]);
  });

  it.each([
    ['phase=bogus', 'phase'],
    ['phase=preparation&phase=nope', 'phase'],
    ['hostCountry=spain', 'hostCountry'],
    ['overdue=maybe', 'overdue'],
    ['waitingFor=mentor', 'waitingFor'],
    ['from=2027-02-30', 'from'],
    ['to=27-01-01', 'to'],
    ['sort=name', 'sort'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['q=', 'q'],
    ['colour=red', 'colour'],
  ])('answers %s with a 400 naming %s', async (query, name) => {
    const res = await (
      await api.as(P.school)
    )
      .get(`/dashboard/mobilities?${query}`)
      .expect(400)
      .expect('Content-Type', /application\/problem\+json/);
    expect((res.body.invalidParams as Array<{ name: string }>).map((p) => p.name)).toContain(name);
  });

  it("answers one mobility's row to whom may see it, 404 to the others", async () => {
    const listed = (await list(P.mentor)).items.find((r) => r.mobilityId === 'm-anna');
    const row = (await (await api.as(P.mentor)).get('/dashboard/mobilities/m-anna').expect(200))
      .body as Row;
    expect(row).toEqual(listed);
    await (await api.as(P.mentor)).get('/dashboard/mobilities/m-berta').expect(404);
    await (await api.as(P.outsider)).get('/dashboard/mobilities/m-anna').expect(404);
    await (await api.as(P.operator)).get('/dashboard/mobilities/m-nobody').expect(404);
    // The literal route is not taken for an id.
    await (await api.as(P.operator)).get('/dashboard/mobilities/export?format=csv').expect(200);
  });

  it('tells the dashboard where the Temporal Web UI is, or that there is none', async () => {
    const res = await (await api.as(P.school)).get('/dashboard/settings').expect(200);
    const url = process.env.TEMPORAL_UI_URL;
    expect(res.body).toEqual({
      temporalUi: url ? { url, namespace: expect.any(String) } : null,
    });
  });

  it('needs a signed-in caller', async () => {
    await api.anonymous.get('/dashboard/overview').expect(401);
    await api.anonymous.get('/dashboard/mobilities').expect(401);
    await api.anonymous.get('/dashboard/mobilities/m-anna').expect(401);
    await api.anonymous.get('/dashboard/settings').expect(401);
  });
});
