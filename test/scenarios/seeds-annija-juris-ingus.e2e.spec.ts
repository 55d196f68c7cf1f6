import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { ApiClient } from '../../infra/demo/api-client';
import { LEARNERS } from '../../infra/demo/seed-data';
import { PARTNERSHIP_ID, runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The seeds' three examples — Annija (cook), Juris (car mechanic), Ingus (tourism services) —
 * from partnership to recognition and credit, through HTTP only, on real PostgreSQL.
 */
describe('seeds scenario: Annija, Juris and Ingus from partnership to credit', () => {
  let api: TestApi;
  let client: ApiClient;
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
    client = new ApiClient(`http://127.0.0.1:${port}`, 'e2e');
    await runSeedsScenario(client, { annija: 'completed', juris: 'completed', ingus: 'completed' });
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
      expect(e.metadata.actor.id).toBeTruthy();
      expect(e.metadata.commandId).toBeTruthy();
    }
    const before = await client.get<any>('/mobilities/mob-annija?asOfVersion=2');
    expect(before.phase).toBe('awaiting-signatures');
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
    await runSeedsScenario(client, { annija: 'completed', juris: 'completed', ingus: 'completed' });
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
    const client = new ApiClient(`http://127.0.0.1:${port}`, 'demo');
    await runSeedsScenario(client, {
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
