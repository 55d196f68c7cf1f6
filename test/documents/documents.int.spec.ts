import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { MobilityService, PartnershipService } from '@ecvet/application';
import { contentHash, type SignAgreementRequest } from '@ecvet/domain';
import { qualification } from '../../libs/domain/test/mobility-fixtures';
import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import {
  ANNIJA as LEARNER,
  cooksPartnership,
  HOST,
  mouHashOf,
  OTHER,
  planMobility,
  SCHOOL,
  systemContext,
} from '../support/world';
import { decodeQr, readPdf } from './pdf-reader';

/**
 * The documents rendered from the log (PDF, Latvian and English) and their public verification
 * page: built through the application services, read over real HTTP.
 */
let api: TestApi;
const PUBLIC_URL = 'https://ecvet.example.lv';
const SCHOOL_NAME = 'Rīgas Valsts tehnikums';
const HOST_NAME = 'Restaurante Mar Azul S.L.';
/** Every letter of the Latvian alphabet beyond ASCII, small and capital. */
const LATVIAN = 'āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ';

const COORDINATOR: TestAccount = { role: 'coordinator', institutionId: SCHOOL };
const UNRELATED: TestAccount = { role: 'coordinator', institutionId: OTHER };
const AUDITOR: TestAccount = { role: 'auditor', auditScope: 'all', email: 'auditor@test.example' };

const mouHash = mouHashOf('p1', SCHOOL, HOST);

/** A mobility of Annija's, its agreement drafted. */
async function plan(id: string): Promise<void> {
  await planMobility(api, {
    id,
    partnershipId: 'p1',
    school: SCHOOL,
    host: HOST,
    learner: LEARNER,
    start: '2027-03-01',
    end: '2027-03-28',
    lifeSkills: ['foreign-languages'],
    mentorNames: { sending: 'Ilze Ozola', host: 'Marta Ruiz' },
    responsibilities: {
      sendingSchool: ['prepares the learner'],
      host: ['assesses the outcomes'],
      learner: [`keeps a learning log (${LATVIAN})`],
    },
  });
  await api.app.get(MobilityService).draftAgreement(id, systemContext());
}

const signature = (
  version: number,
  hash: string,
  role: SignAgreementRequest['role'],
  name: string,
): SignAgreementRequest => ({
  version,
  contentHash: hash,
  role,
  signer: { id: `${role}-signer`, name, email: `${role}@signers.example` },
  authMethod: role === 'learner' ? 'handwritten' : 'account',
  intent: 'I agree',
});

async function world(): Promise<void> {
  await cooksPartnership(api, {
    title: 'Pavāri Eiropā',
    legalNames: { [SCHOOL]: SCHOOL_NAME, [HOST]: HOST_NAME, [OTHER]: 'Other school' },
  });
  await plan('m1');
  await plan('m2');
}

/** m2 from signatures to its certificate. */
async function complete(mobilities: MobilityService): Promise<void> {
  const v1 = await agreementHash('m2', 1);
  for (const [role, name] of [
    ['sending-school', 'Jānis Kalniņš'],
    ['host', 'Lucía Pérez'],
    ['learner', LEARNER.name],
  ] as const)
    await mobilities.signAgreement('m2', signature(1, v1, role, name), systemContext());
  await mobilities.start('m2', { actualStart: '2027-03-01' }, systemContext());
  await mobilities.recordFinalAssessment(
    'm2',
    {
      unitId: 'vegan',
      result: 'achieved',
      grade: '9',
      scale: '1–10',
      criteriaResults: qualification.units[0].assessmentCriteria.map((criterion) => ({
        criterion,
        met: true,
      })),
      evidence: ['portfolio/annija/vegan'],
      assessor: { name: 'Marta Ruiz', role: 'workplace mentor', institutionId: HOST },
      assessedOn: '2027-03-25',
    },
    systemContext(),
  );
  await mobilities.end('m2', { actualEnd: '2027-03-28' }, systemContext());
  await mobilities.issueTranscript(
    'm2',
    { transcriptId: 'tr-annija', issuedOn: '2027-03-29', issuedBy: HOST_NAME },
    systemContext(),
  );
  await mobilities.validateUnit(
    'm2',
    {
      unitId: 'vegan',
      decision: 'validated',
      notes: 'checked',
      validatedBy: 'Methodological department',
      validatedOn: '2027-04-01',
    },
    systemContext(),
  );
  await mobilities.recogniseUnit(
    'm2',
    {
      unitId: 'vegan',
      decision: 'part-of-module',
      moduleId: 'm-hot-dishes',
      ecvetPoints: 4,
      decidedBy: 'Deputy director',
      decidedOn: '2027-04-03',
    },
    systemContext(),
  );
  await mobilities.issueCertificate(
    'm2',
    { certificateId: 'cert-annija', issuedBy: SCHOOL_NAME, issuedOn: '2027-04-04' },
    systemContext(),
  );
}

async function agreementHash(mobilityId: string, version: number): Promise<string> {
  const res = await api.http
    .get(`/mobilities/${mobilityId}/learning-agreement/versions/${version}`)
    .expect(200);
  return (res.body as { contentHash: string }).contentHash;
}

/** A PDF download, its bytes buffered. */
async function pdf(agent: TestAgent, path: string, status = 200): Promise<Response> {
  return agent.get(path).buffer(true).responseType('blob').expect(status);
}

const verify = (hash: string) =>
  api.anonymous.get(`/verify/${hash}`).set('Accept', 'application/json');

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

beforeAll(async () => {
  api = await startTestApi('documents', { PUBLIC_URL });
  await world();
});
afterAll(() => api?.close());

describe('a Learning Agreement version as PDF', () => {
  let hash: string;
  let body: Buffer;
  beforeAll(async () => {
    hash = await agreementHash('m1', 1);
    const res = await pdf(
      await api.as(COORDINATOR),
      '/mobilities/m1/learning-agreement/versions/1.pdf',
    );
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-hash']).toBe(hash);
    body = res.body as Buffer;
  });

  it("is a PDF/A-3 whose text holds the hash, the parties' names and Latvian letters", async () => {
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.toString('latin1')).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    const { text, info } = await readPdf(body);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(hash);
    expect(flat).toContain(SCHOOL_NAME);
    expect(flat).toContain(HOST_NAME);
    expect(flat).toContain(LATVIAN);
    expect(flat).toContain('Mācību līgums');
    expect(flat).toContain(LEARNER.name);
    expect(flat).toContain('Vegāniskais uzturs un ēdienu gatavošana');
    expect(info.Language).toBe('lv-LV');
  });

  it('carries a QR code of its verification URL', async () => {
    const { images } = await readPdf(body);
    expect(images.map(decodeQr)).toContain(`${PUBLIC_URL}/verify/${hash}`);
  });

  it('has the canonical JSON of the version attached, which hashes to the printed hash', async () => {
    const { attachments } = await readPdf(body);
    expect(attachments.map((a) => a.filename)).toEqual(['learning-agreement-m1-1.json']);
    const json = attachments[0].content;
    expect(sha256(json)).toBe(hash);
    expect(contentHash(JSON.parse(json))).toBe(hash);
  });

  it('speaks English with ?lang=en, and refuses another language', async () => {
    const coordinator = await api.as(COORDINATOR);
    const en = await pdf(coordinator, '/mobilities/m1/learning-agreement/versions/1.pdf?lang=en');
    const { text } = await readPdf(en.body as Buffer);
    expect(text).toContain('Learning Agreement');
    expect(text).toContain('Content hash (SHA-256)');
    await coordinator.get('/mobilities/m1/learning-agreement/versions/1.pdf?lang=de').expect(400);
  });

  it('is 404 for an unrelated coordinator, 401 for nobody, 404 for a version that does not exist', async () => {
    const res = await (
      await api.as(UNRELATED)
    )
      .get('/mobilities/m1/learning-agreement/versions/1.pdf')
      .expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await api.anonymous.get('/mobilities/m1/learning-agreement/versions/1.pdf').expect(401);
    await (
      await api.as(COORDINATOR)
    )
      .get('/mobilities/m1/learning-agreement/versions/9.pdf')
      .expect(404);
  });

  it('withholds from an auditor what the JSON withholds (learner, contacts, insurance)', async () => {
    const res = await pdf(
      await api.as(AUDITOR),
      '/mobilities/m1/learning-agreement/versions/1.pdf',
    );
    const { text, attachments } = await readPdf(res.body as Buffer);
    expect(text).toContain(hash);
    expect(text).toContain('netiek izpausts');
    expect(text).not.toMatch(/Annija|annija@example\.lv|2005/);
    expect(attachments.map((a) => a.filename)).toEqual(['learning-agreement-m1-1-redacted.json']);
    expect(attachments[0].content).not.toMatch(/Annija|annija@example\.lv|2005-04-02/);
  });

  it('leaves the JSON route of the version as it was', async () => {
    const res = await (
      await api.as(COORDINATOR)
    )
      .get('/mobilities/m1/learning-agreement/versions/1')
      .expect(200);
    expect(res.body.contentHash).toBe(hash);
  });
});

describe('GET /verify/{hash}', () => {
  it('says which version a hash is of, that it is current, and who signed it when', async () => {
    const mobilities = api.app.get(MobilityService);
    const v1 = await agreementHash('m1', 1);
    await mobilities.signAgreement(
      'm1',
      signature(1, v1, 'sending-school', 'Jānis Kalniņš'),
      systemContext(),
    );
    await api.readModelsCaughtUp();
    const res = await verify(v1).expect(200);
    expect(res.body).toMatchObject({
      hash: v1,
      document: { type: 'learning-agreement', mobilityId: 'm1', version: 1, latestVersion: 1 },
      status: 'current',
      fullySigned: false,
      signatures: [
        {
          role: 'sending-school',
          name: 'Jānis Kalniņš',
          institution: SCHOOL_NAME,
          method: 'account',
        },
      ],
    });
    const html = await api.anonymous.get(`/verify/${v1}`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.headers['content-security-policy']).toMatch(/style-src 'sha256-/);
    expect(html.text).toContain('data-status="current"');
    expect(html.text).toContain('Jānis Kalniņš');
    const en = await api.anonymous.get(`/verify/${v1}?lang=en`).expect(200);
    expect(en.text).toContain('This is the current version of the document.');
  });

  it('answers superseded after an amendment, and revoked after a decline and a cancellation', async () => {
    const mobilities = api.app.get(MobilityService);
    const v1 = await agreementHash('m1', 1);
    await mobilities.amendAgreement(
      'm1',
      { changes: { plannedPeriod: { start: '2027-03-08', end: '2027-04-04' } }, reason: 'later' },
      systemContext(),
    );
    const v2 = await agreementHash('m1', 2);
    await api.readModelsCaughtUp();
    expect((await verify(v1).expect(200)).body).toMatchObject({
      status: 'superseded',
      supersededBy: 2,
      document: { version: 1, latestVersion: 2 },
    });
    expect((await verify(v2).expect(200)).body).toMatchObject({
      status: 'current',
      document: { version: 2 },
      signatures: [],
    });

    await mobilities.declineAgreement(
      'm1',
      {
        version: 2,
        role: 'host',
        signer: { id: 'h', name: 'Lucía Pérez', email: 'lucia@host.example' },
        reason: 'dates do not suit us',
      },
      systemContext(),
    );
    const declined = (await verify(v2).expect(200)).body;
    expect(declined).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'declined' },
      declines: [{ role: 'host', name: 'Lucía Pérez', institution: HOST_NAME }],
    });
    expect(JSON.stringify(declined)).not.toContain('dates do not suit us');

    await mobilities.cancel(
      'm1',
      { reason: 'no placement', cancelledOn: '2027-02-01' },
      systemContext(),
    );
    expect((await verify(v1).expect(200)).body).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'mobility-cancelled', on: '2027-02-01' },
      supersededBy: 2,
    });
    const page = await api.anonymous.get(`/verify/${v1}`).expect(200);
    expect(page.text).toContain('data-status="revoked"');
    expect(page.text).toContain('mobilitāte ir atcelta');
  });

  it('discloses no e-mail and no date of birth', async () => {
    for (const hash of [await agreementHash('m1', 1), await agreementHash('m1', 2), mouHash]) {
      const json = await verify(hash).expect(200);
      const html = await api.anonymous.get(`/verify/${hash}?lang=en`).expect(200);
      for (const text of [JSON.stringify(json.body), html.text]) {
        expect(text).not.toMatch(/@|2005-04-02|Street 1/);
        expect(text).not.toContain(LEARNER.email);
      }
    }
  });

  it('is 404 for a hash of no document, and for what is not a hash', async () => {
    const unknown = `sha256:${'0'.repeat(64)}`;
    const json = await verify(unknown).expect(404);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    const html = await api.anonymous.get(`/verify/${unknown}`).expect(404);
    expect(html.text).toContain('Dokuments nav atrasts');
    await verify('not-a-hash').expect(404);
  });
});

describe('the API document', () => {
  it('lists the PDF routes (signed in) and /verify/{hash} (public)', async () => {
    const doc = (await api.anonymous.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { get?: { security?: unknown[]; responses: object } }>;
    };
    for (const path of [
      '/mobilities/{mobilityId}/learning-agreement/versions/{version}.pdf',
      '/partnerships/{partnershipId}/mou/versions/{version}.pdf',
      '/mobilities/{mobilityId}/transcript.pdf',
      '/mobilities/{mobilityId}/certificate.pdf',
    ])
      expect(doc.paths[path]?.get?.responses).toHaveProperty('401');
    expect(doc.paths['/verify/{hash}']?.get?.security).toEqual([]);
  });
});

describe('the MoU version, the transcript and the certificate', () => {
  beforeAll(() => complete(api.app.get(MobilityService)));

  it('an MoU version as PDF, verified as current and fully signed by both parties', async () => {
    const res = await pdf(await api.as(COORDINATOR), '/partnerships/p1/mou/versions/1.pdf');
    expect(res.headers['x-content-hash']).toBe(mouHash);
    const { text, images, attachments } = await readPdf(res.body as Buffer);
    expect(text).toContain('Saprašanās memorands');
    expect(text).toContain(mouHash);
    expect(text).toContain('Pavāri Eiropā');
    expect(text).toContain(SCHOOL_NAME);
    expect(images.map(decodeQr)).toContain(`${PUBLIC_URL}/verify/${mouHash}`);
    expect(sha256(attachments[0].content)).toBe(mouHash);
    await (await api.as(UNRELATED)).get('/partnerships/p1/mou/versions/1.pdf').expect(404);

    await api.readModelsCaughtUp();
    expect((await verify(mouHash).expect(200)).body).toMatchObject({
      document: { type: 'mou', partnershipId: 'p1', version: 1 },
      status: 'current',
      fullySigned: true,
      signatures: [
        { role: 'sending', name: 'Head of school', title: 'director', institution: SCHOOL_NAME },
        { role: 'host', name: 'Head of host', title: 'director', institution: HOST_NAME },
      ],
    });
  });

  it('the transcript and the certificate as PDF: hashed as their JSON, found by /verify', async () => {
    const coordinator = await api.as(COORDINATOR);
    for (const [which, issuer, documentId] of [
      ['transcript', HOST_NAME, 'tr-annija'],
      ['certificate', SCHOOL_NAME, 'cert-annija'],
    ] as const) {
      const json = await coordinator.get(`/mobilities/m2/${which}`).expect(200);
      const hash = contentHash(json.body);
      const res = await pdf(coordinator, `/mobilities/m2/${which}.pdf?lang=en`);
      expect(res.headers['x-content-hash']).toBe(hash);
      const { text, images, attachments } = await readPdf(res.body as Buffer);
      expect(text).toContain(hash);
      expect(text).toContain('Vegan nutrition and cooking');
      expect(text).toContain(LEARNER.name);
      expect(images.map(decodeQr)).toContain(`${PUBLIC_URL}/verify/${hash}`);
      expect(sha256(attachments[0].content)).toBe(hash);
      expect((await verify(hash).expect(200)).body).toMatchObject({
        document: { type: which, mobilityId: 'm2', documentId },
        status: 'current',
        signatures: [{ name: issuer, method: 'issued', institution: issuer }],
      });
    }
    await (await api.as(UNRELATED)).get('/mobilities/m2/certificate.pdf').expect(404);
    await coordinator.get('/mobilities/m1/transcript.pdf').expect(404);
  });

  it('an MoU version is revoked once the partnership is terminated', async () => {
    await api.app
      .get(PartnershipService)
      .terminate('p1', { reason: 'programme ended', effectiveOn: '2027-12-01' }, systemContext());
    expect((await verify(mouHash).expect(200)).body).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'partnership-terminated', on: '2027-12-01' },
    });
  });
});
