import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { openLocalSystem } from '../../apps/cli/src/local-system';
import { ApiClient } from '../../infra/demo/api-client';
import { provisionDemoAccounts, type ProvisionedAccount } from '../../infra/demo/demo-accounts';
import {
  AUDITOR,
  COORDINATOR,
  DEMO_ACCOUNTS,
  HEADS,
  LEARNERS,
  MENTORS,
  demoAccount,
} from '../../infra/demo/seed-data';
import { PARTNERSHIP_ID, runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The seeds' three examples — Annija (cook), Juris (car mechanic), Ingus (tourism services) —
 * from partnership to recognition and credit, through HTTP only, on real PostgreSQL, each step
 * by the demo's account whose job it is. The accounts and their tokens are provisioned as
 * `npm run demo` does: directly in the system's database, with the command line's functions.
 */
describe('seeds scenario: Annija, Juris and Ingus from partnership to credit', () => {
  let api: TestApi;
  /** Signed in as the auditor (of everything): what they read is what anyone sees. */
  let client: ApiClient;
  let base: ApiClient;
  let accounts: Map<string, ProvisionedAccount>;
  const actorOf = (email: string) => `account:${accounts.get(email)!.accountId}`;
  const count = async () => {
    const pg = new Client({ connectionString: api.db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM ecvet_events');
      return Number(rows[0].n);
    } finally {
      await pg.end();
    }
  };

  beforeAll(async () => {
    api = await startTestApi('seeds_e2e');
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    // startTestApi set DATABASE_URL and PII_MASTER_KEY: the local system is the test's.
    const system = await openLocalSystem();
    try {
      accounts = await provisionDemoAccounts(system);
    } finally {
      await system.close();
    }
    base = new ApiClient(`http://127.0.0.1:${port}`, 'e2e', (email) => accounts.get(email)!.token);
    client = base.as(AUDITOR.email);
    await runSeedsScenario(base, { annija: 'completed', juris: 'completed', ingus: 'completed' });
    // The credits follow the recognitions (the learner credit reactor, outside the request).
    await api.reactionsCaughtUp();
  });
  afterAll(() => api?.close());

  it('every mobility ends completed, with each unit recognised', async () => {
    for (const seed of LEARNERS) {
      const m = await client.get<any>(`/mobilities/${seed.mobilityId}`);
      expect(m.phase).toBe('completed');
      expect(m.recognitions).toHaveLength(2);
      expect(m.recognitions.every((r: any) => r.kind)).toBe(true);
      expect(m.certificateId).toBe(`cert-${seed.key}`);
    }
  });

  it('each learner’s credit record accumulates the recognised units and their ECVET points', async () => {
    const annija = await client.get<any>('/learners/annija-berzina/credits');
    expect(annija.qualifications).toHaveLength(1);
    expect(annija.qualifications[0]).toMatchObject({ qualificationId: 'cook', ecvetPoints: 7 });
    expect(annija.qualifications[0].units.map((u: any) => u.unitId).sort()).toEqual([
      'legume-dishes',
      'vegan-cooking',
    ]);
    const juris = await client.get<any>('/learners/juris-kalnins/credits');
    expect(juris.qualifications[0]).toMatchObject({
      qualificationId: 'car-mechanic',
      ecvetPoints: 5,
    });
    const ingus = await client.get<any>('/learners/ingus-ozols/credits');
    expect(ingus.qualifications[0]).toMatchObject({
      qualificationId: 'tourism-services',
      ecvetPoints: 7,
    });
  });

  it('Ingus, a minor selected through a call, needed his guardian’s signature too', async () => {
    const version = await client.get<any>('/mobilities/mob-ingus/learning-agreement/versions/1');
    expect(version.requiredSignatories).toEqual(['sending-school', 'host', 'learner', 'guardian']);
    const signed = version.signatures.filter((s: any) => s.type === 'LearningAgreementSigned');
    expect(signed.map((s: any) => s.role).sort()).toEqual([
      'guardian',
      'host',
      'learner',
      'sending-school',
    ]);
    expect(new Set(signed.map((s: any) => s.contentHash))).toEqual(new Set([version.contentHash]));
    const m = await client.get<any>('/mobilities/mob-ingus');
    expect(m.selection).toEqual({ callId: 'call-fi-tourism', applicationId: 'app-ingus' });
    expect(m.minor).toBe(true);
  });

  it('the partnership’s MoU was signed by all four parties on one hash', async () => {
    const p = await client.get<any>(`/partnerships/${PARTNERSHIP_ID}`);
    expect(p.status).toBe('active');
    expect(p.signedMous).toHaveLength(1);
    expect(p.mou.signatures).toHaveLength(4);
  });

  it('an auditor can replay who did what: every event names its actor and command', async () => {
    const history = await client.get<any[]>('/mobilities/mob-annija/history');
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'MobilityPlanned',
        'LearningAgreementVersionDrafted',
        'LearningAgreementFullySigned',
        'MobilityStarted',
        'FinalAssessmentRecorded',
        'TranscriptIssued',
        'UnitValidated',
        'UnitRecognised',
        'CertificateIssued',
        'MobilityCompleted',
      ]),
    );
    for (const e of history) {
      expect(e.metadata.actor.id).toMatch(/^(account|system):/);
      expect(e.metadata.actor.id).not.toBe('user:anonymous');
      expect(e.metadata.commandId).toBeTruthy();
    }
    const before = await client.get<any>('/mobilities/mob-annija?asOfVersion=2');
    expect(before.phase).toBe('awaiting-signatures');
  });

  it('the history names the accounts that acted: coordinator, heads, the host mentor', async () => {
    const history = await client.get<any[]>('/mobilities/mob-ingus/history');
    const by = (type: string, role?: string) =>
      history.find((e) => e.type === type && (role === undefined || e.data.role === role)).metadata
        .actor;
    expect(by('MobilityPlanned')).toMatchObject({
      id: actorOf(COORDINATOR.email),
      role: 'coordinator',
      institutionId: 'rtrit',
      via: 'api-token',
    });
    expect(by('LearningAgreementSigned', 'sending-school').id).toBe(actorOf(HEADS.rtrit.email));
    expect(by('LearningAgreementSigned', 'host').id).toBe(actorOf(HEADS['nature-kuopio'].email));
    // Ingus and his mother signed on paper; the coordinator recorded their signatures.
    for (const role of ['learner', 'guardian']) {
      const signed = history.find(
        (e) => e.type === 'LearningAgreementSigned' && e.data.role === role,
      );
      expect(signed.metadata.actor.id).toBe(actorOf(COORDINATOR.email));
      expect(signed.data.authMethod).toBe('handwritten');
    }
    expect(by('FinalAssessmentRecorded').id).toBe(actorOf(MENTORS.ingus.email));
    expect(by('TranscriptIssued').id).toBe(actorOf(HEADS['nature-kuopio'].email));
    expect(by('UnitRecognised').id).toBe(actorOf(COORDINATOR.email));
  });

  it('a head signs as their account: the signature names them, whatever the request said', async () => {
    const version = await client.get<any>('/mobilities/mob-juris/learning-agreement/versions/1');
    const signed = version.signatures.filter((s: any) => s.type === 'LearningAgreementSigned');
    const host = signed.find((s: any) => s.role === 'host');
    expect(host.signer).toMatchObject({
      id: actorOf(HEADS['kfz-leipzig'].email),
      name: HEADS['kfz-leipzig'].name,
    });
  });

  // The identity issue's acceptance, black box over HTTP on the demo.
  it('without credentials only health, the API documentation and the signing pages answer', async () => {
    const url = (path: string) => `${base.baseUrl}${path}`;
    for (const path of [
      '/mobilities',
      '/mobilities/mob-ingus',
      '/partnerships',
      '/outbox',
      '/learners/ingus-ozols/credits',
      '/accounts',
    ])
      expect((await fetch(url(path), { headers: { 'X-Actor-Role': 'coordinator' } })).status).toBe(
        401,
      );
    const refused = await fetch(url('/mobilities/mob-ingus/history'));
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await fetch(url('/api/docs-json'))).status).toBe(200);
    expect([200, 503]).toContain((await fetch(url('/health'))).status);
  });

  it('the coordinator of rtrit lists the three demo mobilities', async () => {
    await api.readModelsCaughtUp();
    const list = await base.as('coordinator@rtrit.example').get<any>('/mobilities');
    expect(list.items.map((m: any) => m.mobilityId).sort()).toEqual([
      'mob-annija',
      'mob-ingus',
      'mob-juris',
    ]);
  });

  it('the auditor reads every history and writes nothing', async () => {
    const auditor = base.as(AUDITOR.email);
    for (const path of [
      '/mobilities/mob-ingus/history',
      '/mobilities/mob-juris/history',
      `/partnerships/${PARTNERSHIP_ID}/history`,
      '/learners/annija-berzina/history',
    ])
      expect((await auditor.get<any[]>(path)).length).toBeGreaterThan(0);
    await expect(
      auditor.write('POST', '/mobilities/mob-juris/incidents', 'audit-write', {
        incidentId: 'i-audit',
        occurredOn: '2027-03-03',
        severity: 'low',
        description: 'an auditor tries to write',
        actionsTaken: 'none',
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('Juris’s host mentor sees his mobility and no other', async () => {
    const mentor = base.as(MENTORS.juris.email);
    expect(MENTORS.juris.email).toBe('mentor@kfz-leipzig.example');
    expect((await mentor.get<any>('/mobilities/mob-juris')).mobilityId).toBe('mob-juris');
    await expect(mentor.get('/mobilities/mob-annija')).rejects.toMatchObject({ status: 404 });
    await expect(mentor.get('/mobilities/mob-ingus')).rejects.toMatchObject({ status: 404 });
  });

  it('provisions one account per role, the ones the issue names among them', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(
      new Set(['operator', 'administrator', 'coordinator', 'head', 'mentor', 'auditor']),
    );
    expect(demoAccount('coordinator@rtrit.example')).toMatchObject({
      role: 'coordinator',
      institutionId: 'rtrit',
    });
    expect(demoAccount('auditor@viaa.example')).toMatchObject({
      role: 'auditor',
      auditScope: 'all',
    });
    for (const a of accounts.values()) expect(a.password.length).toBeGreaterThanOrEqual(8);
  });

  it('the dashboard list finds the three completed mobilities', async () => {
    await api.readModelsCaughtUp();
    const list = await client.get<any>('/mobilities?phase=completed');
    expect(list.items.map((m: any) => m.mobilityId).sort()).toEqual([
      'mob-annija',
      'mob-ingus',
      'mob-juris',
    ]);
  });

  it('learners’ names are not stored in clear text', async () => {
    const pg = new Client({ connectionString: api.db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ n: string }>(
        "SELECT count(*) AS n FROM ecvet_events WHERE data::text LIKE '%Bērziņa%' OR data::text LIKE '%Kalniņš%' OR data::text LIKE '%2009-06-20%'",
      );
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await pg.end();
    }
  });

  it('running the whole scenario again (same Idempotency-Keys) appends nothing', async () => {
    const before = await count();
    await runSeedsScenario(base, { annija: 'completed', juris: 'completed', ingus: 'completed' });
    expect(await count()).toBe(before);
  });
});

describe('the demo’s phases', () => {
  let api: TestApi;
  afterAll(() => api?.close());

  it('leaves one agreement waiting for signatures, one mobility under way and one recognised', async () => {
    api = await startTestApi('seeds_demo');
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const base = new ApiClient(`http://127.0.0.1:${port}`, 'demo', (email) =>
      api.tokenOf(demoAccount(email)),
    );
    const client = base.as(COORDINATOR.email);
    await runSeedsScenario(base, {
      annija: 'completed',
      juris: 'under-way',
      ingus: 'awaiting-signatures',
    });
    const phase = async (id: string) => (await client.get<any>(`/mobilities/${id}`)).phase;
    expect(await phase('mob-annija')).toBe('completed');
    expect(await phase('mob-juris')).toBe('under-way');
    expect(await phase('mob-ingus')).toBe('awaiting-signatures');
    const ingus = await client.get<any>('/mobilities/mob-ingus');
    expect(ingus.agreement.pendingSignatories).toEqual(['learner', 'guardian']);
  });
});
