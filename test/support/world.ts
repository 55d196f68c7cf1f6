import {
  InstitutionService,
  MobilityService,
  PartnershipService,
  QualificationService,
} from '@ecvet/application';
import {
  mouContentHash,
  type CommandContext,
  type LearnerDetails,
  type MouContent,
  type PlannedTerms,
} from '@ecvet/domain';
import { qualification } from '../../libs/domain/test/mobility-fixtures';
import type { TestAccount, TestApi } from './api-app';
import { setupContext } from './command-context';

/** What the set-up helpers need of a test app (the API's or the notifications'). */
type WithApp = Pick<TestApi, 'app'>;

/** A command context of the test's own set-up (not a signed-in account). */
export const systemContext = (): CommandContext =>
  setupContext('system:test-setup', '2027-01-05T09:00:00.000Z');

export const MOU_CONTENT: MouContent = {
  qualifications: [{ qualificationId: 'cook', qualificationVersion: 1, unitIds: ['vegan'] }],
  procedures: {
    assessment: 'the host mentor assesses each unit',
    documentation: 'assessment record',
    validation: 'the school validates',
    recognition: 'recognised as part of a module',
  },
  mentoring: 'a mentor at each side',
  plannedDurations: { minWeeks: 2, maxWeeks: 12 },
  validFrom: '2027-01-01',
  validUntil: '2027-12-31',
};

/** Institutions (id, kind, country, legal name — default `Institution <id>`), registered by the
 * system. */
export async function registerInstitutions(
  api: WithApp,
  institutions: Array<
    [id: string, kind: 'sending-school' | 'host-company', country: string, legalName?: string]
  >,
): Promise<void> {
  const service = api.app.get(InstitutionService);
  for (const [id, kind, country, legalName] of institutions)
    await service.register(
      id,
      {
        kind,
        legalName: legalName ?? `Institution ${id}`,
        legalAddress: 'Street 1',
        country,
        identifiers: {},
        preferredLanguage: 'lv',
      },
      systemContext(),
    );
}

/** The qualification `cook` v1 with its unit `vegan` (the fixtures' first unit). */
export async function defineCook(api: WithApp): Promise<void> {
  const qualifications = api.app.get(QualificationService);
  const { title, eqfLevel, nqfLevel, programme } = qualification;
  await qualifications.define('cook', { title, eqfLevel, nqfLevel, programme }, systemContext());
  for (const moduleId of ['m-special-diets', 'm-hot-dishes'])
    await qualifications.addModule(
      'cook',
      { moduleId, title: { lv: moduleId, en: moduleId } },
      systemContext(),
    );
  await qualifications.defineUnit('cook', { unit: qualification.units[0] }, systemContext());
  await qualifications.publishVersion('cook', systemContext());
}

const partiesOf = (school: string, host: string) => [
  { institutionId: school, role: 'sending' as const },
  { institutionId: host, role: 'host' as const },
];

/** The content hash of the first MoU version (MOU_CONTENT) of a partnership of school and host. */
export const mouHashOf = (partnershipId: string, school: string, host: string): string =>
  mouContentHash(partnershipId, partiesOf(school, host), MOU_CONTENT);

/** A partnership of a sending school and a host with a signed MoU covering `cook`/`vegan`. */
export async function signedPartnership(
  api: WithApp,
  id: string,
  title: string,
  school: string,
  host: string,
): Promise<void> {
  const partnerships = api.app.get(PartnershipService);
  const parties = partiesOf(school, host);
  await partnerships.propose(
    id,
    { title, parties, coordinatorInstitutionId: school },
    systemContext(),
  );
  await partnerships.draftMou(id, { content: MOU_CONTENT }, systemContext());
  const contentHash = mouHashOf(id, school, host);
  for (const institutionId of [school, host])
    await partnerships.signMou(
      id,
      {
        version: 1,
        contentHash,
        institutionId,
        signer: { name: `Head of ${institutionId}`, role: 'director' },
        authMethod: 'account',
        intent: 'We agree',
      },
      systemContext(),
    );
}

export interface PlannedMobility {
  id: string;
  partnershipId: string;
  school: string;
  host: string;
  /** The learner's name (then `lrn-<id>`, born 2005-04-02, `<id>@learners.example`), or the
   * learner in full. */
  learner: string | LearnerDetails;
  start: string;
  end: string;
  /** The mentors' e-mail addresses (default `mentor@<institution>.example`). */
  mentors?: { sending: string; host: string };
  /** The mentors' names (default Ilze and Marta). */
  mentorNames?: { sending: string; host: string };
  lifeSkills?: PlannedTerms['lifeSkills'];
  responsibilities?: PlannedTerms['responsibilities'];
  /** The insurance policy's number (default B-1). */
  policyNumber?: string;
}

/** Plans a mobility of the `cook`/`vegan` unit. */
export async function planMobility(api: WithApp, m: PlannedMobility): Promise<void> {
  await api.app.get(MobilityService).plan(
    m.id,
    {
      partnershipId: m.partnershipId,
      sendingInstitutionId: m.school,
      hostInstitutionId: m.host,
      qualificationId: 'cook',
      qualificationVersion: 1,
      learner:
        typeof m.learner === 'string'
          ? {
              learnerId: `lrn-${m.id}`,
              name: m.learner,
              dateOfBirth: '2005-04-02',
              email: `${m.id}@learners.example`,
            }
          : m.learner,
      type: 'programme-module',
      plannedPeriod: { start: m.start, end: m.end },
      targetedUnitIds: ['vegan'],
      lifeSkills: m.lifeSkills ?? [],
      mentors: {
        sending: {
          name: m.mentorNames?.sending ?? 'Ilze',
          email: m.mentors?.sending ?? `mentor@${m.school}.example`,
        },
        host: {
          name: m.mentorNames?.host ?? 'Marta',
          email: m.mentors?.host ?? `mentor@${m.host}.example`,
        },
      },
      responsibilities: m.responsibilities ?? {
        sendingSchool: ['prepares'],
        host: ['assesses'],
        learner: ['learns'],
      },
      insurance: { provider: 'BTA', policyNumber: m.policyNumber ?? 'B-1', coverage: 'health' },
    },
    systemContext(),
  );
}

/** The learner's handwritten signature, recorded on the current version (1). */
export async function signAsLearner(api: TestApi, mobilityId: string): Promise<void> {
  const { body } = await api.http.get(`/mobilities/${mobilityId}`).expect(200);
  const agreement = (body as { agreement: { version: number; contentHash: string } }).agreement;
  await api.app.get(MobilityService).signAgreement(
    mobilityId,
    {
      version: agreement.version,
      contentHash: agreement.contentHash,
      role: 'learner',
      signer: { id: `learner:${mobilityId}`, name: 'Learner', email: 'l@learners.example' },
      authMethod: 'handwritten',
      intent: 'I agree',
    },
    systemContext(),
  );
}

/** The institutions of the single-partnership world: a sending school, its host and an unrelated
 * school. */
export const SCHOOL = 'school';
export const HOST = 'host';
export const OTHER = 'other';

/** The learner of the single-partnership world's mobility `m1`. */
export const ANNIJA: LearnerDetails = {
  learnerId: 'lrn-annija',
  name: 'Annija Bērziņa',
  dateOfBirth: '2005-04-02',
  email: 'annija@example.lv',
};

/**
 * The single-partnership world: SCHOOL, HOST and OTHER (all in Latvia; legal names `Institution
 * <id>` unless given), `cook`, and the partnership `p1` of SCHOOL and HOST with a signed MoU.
 */
export async function cooksPartnership(
  api: WithApp,
  {
    title = 'Cooks',
    legalNames = {},
  }: { title?: string; legalNames?: Record<string, string> } = {},
): Promise<void> {
  await registerInstitutions(api, [
    [SCHOOL, 'sending-school', 'LV', legalNames[SCHOOL]],
    [HOST, 'host-company', 'LV', legalNames[HOST]],
    [OTHER, 'sending-school', 'LV', legalNames[OTHER]],
  ]);
  await defineCook(api);
  await signedPartnership(api, 'p1', title, SCHOOL, HOST);
}

/** The single-partnership world with ANNIJA's mobility `m1` (2027-03-01 to 03-28) planned and its
 * agreement drafted. */
export async function annijasWorld(api: WithApp): Promise<void> {
  await cooksPartnership(api);
  await planMobility(api, {
    id: 'm1',
    partnershipId: 'p1',
    school: SCHOOL,
    host: HOST,
    learner: ANNIJA,
    start: '2027-03-01',
    end: '2027-03-28',
  });
  await api.app.get(MobilityService).draftAgreement('m1', systemContext());
}

const SCHOOL2 = 'school2';
const HOST_ES = 'host-es';
const HOST_DE = 'host-de';

/**
 * The dashboard's world: two sending schools, hosts in Spain and Germany, three partnerships and
 * six mobilities in several phases (awaiting signatures, one signed by the learner, one expired
 * unsigned, one in preparation, one cancelled), and principals of every kind of scope.
 */
export const DASHBOARD_PRINCIPALS: Record<string, TestAccount> = {
  operator: { role: 'operator', email: 'operator@test.example' },
  school: { role: 'coordinator', institutionId: SCHOOL },
  hostEs: { role: 'coordinator', institutionId: HOST_ES },
  mentor: { role: 'mentor', institutionId: HOST_ES, email: `mentor@${HOST_ES}.example` },
  auditor: { role: 'auditor', auditScope: [SCHOOL2], email: 'auditor.s2@test.example' },
  outsider: { role: 'coordinator', institutionId: 'nowhere' },
};

export async function dashboardWorld(api: TestApi): Promise<void> {
  await registerInstitutions(api, [
    [SCHOOL, 'sending-school', 'LV'],
    [SCHOOL2, 'sending-school', 'LV'],
    [HOST_ES, 'host-company', 'ES'],
    [HOST_DE, 'host-company', 'DE'],
  ]);
  await defineCook(api);
  await signedPartnership(api, 'p-es', 'Cooks in Spain', SCHOOL, HOST_ES);
  await signedPartnership(api, 'p-de', 'Cooks in Germany', SCHOOL, HOST_DE);
  await signedPartnership(api, 'p-other', 'Other school', SCHOOL2, HOST_ES);
  const mobilities = api.app.get(MobilityService);
  const plan = (
    id: string,
    partnershipId: string,
    school: string,
    host: string,
    learnerName: string,
    start: string,
    end: string,
    hostMentor?: string,
  ) =>
    planMobility(api, {
      id,
      partnershipId,
      school,
      host,
      learner: learnerName,
      start,
      end,
      ...(hostMentor && { mentors: { sending: `mentor@${school}.example`, host: hostMentor } }),
    });
  await plan('m-anna', 'p-es', SCHOOL, HOST_ES, 'Anna Ozola', '2027-03-01', '2027-03-28');
  await plan(
    'm-berta',
    'p-es',
    SCHOOL,
    HOST_ES,
    'Berta Kalniņa',
    '2027-04-05',
    '2027-04-30',
    `other.mentor@${HOST_ES}.example`,
  );
  await plan('m-cilda', 'p-de', SCHOOL, HOST_DE, 'Cilda Liepa', '2027-03-15', '2027-04-10');
  await plan('m-dace', 'p-de', SCHOOL, HOST_DE, 'Dace Egle', '2027-05-01', '2027-05-20');
  await plan('m-elza', 'p-es', SCHOOL, HOST_ES, 'Elza Bērziņa', '2027-06-01', '2027-06-20');
  await plan('m-other', 'p-other', SCHOOL2, HOST_ES, 'Olga Citāda', '2027-03-10', '2027-03-30');
  for (const id of ['m-anna', 'm-berta', 'm-dace', 'm-other'])
    await mobilities.draftAgreement(id, systemContext());
  await api.readModelsCaughtUp();
  await signAsLearner(api, 'm-berta');
  await mobilities.expireSignatureRequest(
    'm-dace',
    { version: 1, deadline: '2027-05-01' },
    systemContext(),
  );
  await mobilities.cancel(
    'm-elza',
    { reason: 'the learner withdrew', cancelledOn: '2027-02-01' },
    systemContext(),
  );
  await api.readModelsCaughtUp();
}
