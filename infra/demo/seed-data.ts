import type { AccountRole } from '@ecvet/domain';

/**
 * The seeds' three examples (../shared/seeds, domain.md): Annija (cook: vegan cooking, legume
 * dishes), Juris (car mechanic: lambda sensor replacement, tyre balancing), Ingus (tourism
 * services: eco-trail creation, preparing a guidebook). Institutions and people are invented.
 */
export const SCHOOL = {
  institutionId: 'rtrit',
  kind: 'sending-school',
  legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
  legalAddress: 'Nīcgales iela 26, Rīga, LV-1035',
  country: 'LV',
  identifiers: { erasmusOid: 'E10000001', registrationNumber: '90000063535' },
  preferredLanguage: 'lv',
};

export const HOSTS = {
  cook: {
    institutionId: 'verde-valencia',
    kind: 'host-company',
    legalName: 'Restaurante Verde S.L.',
    legalAddress: 'Carrer de Colón 12, 46004 València',
    country: 'ES',
    identifiers: { registrationNumber: 'B98765432' },
    preferredLanguage: 'en',
  },
  mechanic: {
    institutionId: 'kfz-leipzig',
    kind: 'host-company',
    legalName: 'Autohaus Weber GmbH',
    legalAddress: 'Prager Straße 140, 04317 Leipzig',
    country: 'DE',
    identifiers: { registrationNumber: 'HRB 12345' },
    preferredLanguage: 'en',
  },
  tourism: {
    institutionId: 'nature-kuopio',
    kind: 'host-school',
    legalName: 'Savo Vocational College',
    legalAddress: 'Presidentinkatu 3, 70100 Kuopio',
    country: 'FI',
    identifiers: { erasmusOid: 'E10000002' },
    preferredLanguage: 'en',
  },
} as const;

type Unit = {
  unitId: string;
  title: { lv: string; en: string };
  knowledge: string[];
  skills: string[];
  competence: string[];
  assessmentCriteria: string[];
  ecvetPoints: number;
  moduleIds: string[];
};

export interface QualificationSeed {
  qualificationId: string;
  title: { lv: string; en: string };
  eqfLevel: number;
  nqfLevel: number;
  programme: string;
  modules: Array<{ moduleId: string; title: { lv: string; en: string } }>;
  units: Unit[];
}

export const QUALIFICATIONS: Record<'cook' | 'mechanic' | 'tourism', QualificationSeed> = {
  cook: {
    qualificationId: 'cook',
    title: { lv: 'Pavārs', en: 'Cook' },
    eqfLevel: 4,
    nqfLevel: 4,
    programme: 'Ēdināšanas pakalpojumi (33 811 02 1)',
    modules: [
      { moduleId: 'special-diets', title: { lv: 'Speciālie uztura veidi', en: 'Special diets' } },
      { moduleId: 'hot-dishes', title: { lv: 'Siltie ēdieni', en: 'Hot dishes' } },
    ],
    units: [
      {
        unitId: 'vegan-cooking',
        title: { lv: 'Vegāniskais uzturs un ēdienu gatavošana', en: 'Vegan nutrition and cooking' },
        knowledge: ['principles of a balanced vegan diet', 'plant protein sources'],
        skills: ['plans a vegan menu', 'cooks vegan main dishes'],
        competence: ['adapts recipes to guests’ dietary needs on their own'],
        assessmentCriteria: [
          'the menu is nutritionally balanced',
          'three vegan main dishes cooked to standard',
        ],
        ecvetPoints: 4,
        moduleIds: ['special-diets', 'hot-dishes'],
      },
      {
        unitId: 'legume-dishes',
        title: { lv: 'Pākšaugu ēdienu gatavošana', en: 'Legume dishes' },
        knowledge: ['types of legumes and their preparation'],
        skills: ['soaks, cooks and seasons legumes safely'],
        competence: ['prepares legume dishes for service'],
        assessmentCriteria: [
          'legumes are prepared safely',
          'dishes meet the restaurant’s standard',
        ],
        ecvetPoints: 3,
        moduleIds: ['hot-dishes'],
      },
    ],
  },
  mechanic: {
    qualificationId: 'car-mechanic',
    title: { lv: 'Automehāniķis', en: 'Car mechanic' },
    eqfLevel: 4,
    nqfLevel: 4,
    programme: 'Autotransports (33 525 01 1)',
    modules: [
      {
        moduleId: 'engine-management',
        title: { lv: 'Dzinēja vadības sistēmas', en: 'Engine management' },
      },
      { moduleId: 'chassis', title: { lv: 'Šasija un riepas', en: 'Chassis and tyres' } },
    ],
    units: [
      {
        unitId: 'lambda-sensor',
        title: { lv: 'Lambda zondes nomaiņa', en: 'Lambda sensor replacement' },
        knowledge: ['how the lambda sensor controls the mixture'],
        skills: ['diagnoses a faulty sensor', 'replaces and tests the sensor'],
        competence: ['works to the manufacturer’s procedure and safety rules'],
        assessmentCriteria: [
          'fault diagnosed with the tester',
          'sensor replaced and readings within range',
        ],
        ecvetPoints: 3,
        moduleIds: ['engine-management'],
      },
      {
        unitId: 'tyre-balancing',
        title: { lv: 'Riepu balansēšana', en: 'Tyre balancing' },
        knowledge: ['causes of imbalance'],
        skills: ['balances a wheel on the machine'],
        competence: ['checks own work before handing the car back'],
        assessmentCriteria: ['wheel balanced within tolerance'],
        ecvetPoints: 2,
        moduleIds: ['chassis'],
      },
    ],
  },
  tourism: {
    qualificationId: 'tourism-services',
    title: { lv: 'Tūrisma pakalpojumu speciālists', en: 'Tourism services specialist' },
    eqfLevel: 4,
    nqfLevel: 4,
    programme: 'Viesmīlības pakalpojumi (33 811 03 1)',
    modules: [
      { moduleId: 'nature-tourism', title: { lv: 'Dabas tūrisms', en: 'Nature tourism' } },
      { moduleId: 'guiding', title: { lv: 'Gida darbs', en: 'Guiding' } },
    ],
    units: [
      {
        unitId: 'eco-trail',
        title: { lv: 'Ekotakas izveide', en: 'Eco-trail creation' },
        knowledge: ['principles of sustainable trail design'],
        skills: ['maps and signs a nature trail'],
        competence: ['plans a trail with the landowner and the municipality'],
        assessmentCriteria: ['trail plan approved by the host', 'signage draft complete'],
        ecvetPoints: 4,
        moduleIds: ['nature-tourism'],
      },
      {
        unitId: 'guidebook',
        title: { lv: 'Ceļveža sagatavošana', en: 'Preparing a guidebook' },
        knowledge: ['structure of a visitor guide'],
        skills: ['writes and lays out a short guide in two languages'],
        competence: ['presents the guide to visitors'],
        assessmentCriteria: ['guide complete in Latvian and English'],
        ecvetPoints: 3,
        moduleIds: ['guiding', 'nature-tourism'],
      },
    ],
  },
};

export interface LearnerSeed {
  key: 'annija' | 'juris' | 'ingus';
  mobilityId: string;
  learner: {
    learnerId: string;
    name: string;
    dateOfBirth: string;
    email: string;
    guardian?: { name: string; email: string };
  };
  qualification: keyof typeof QUALIFICATIONS;
  host: keyof typeof HOSTS;
  /** The host's mentor the plan names: their account (by this e-mail) records the assessments. */
  hostMentor: { name: string; email: string };
  period: { start: string; end: string };
}

export const LEARNERS: LearnerSeed[] = [
  {
    key: 'annija',
    mobilityId: 'mob-annija',
    learner: {
      learnerId: 'annija-berzina',
      name: 'Annija Bērziņa',
      dateOfBirth: '2005-04-02',
      email: 'annija.berzina@example.lv',
    },
    qualification: 'cook',
    host: 'cook',
    hostMentor: { name: 'Carmen Ruiz', email: 'mentor@verde-valencia.example' },
    period: { start: '2026-09-07', end: '2026-11-06' },
  },
  {
    key: 'juris',
    mobilityId: 'mob-juris',
    learner: {
      learnerId: 'juris-kalnins',
      name: 'Juris Kalniņš',
      dateOfBirth: '2006-01-15',
      email: 'juris.kalnins@example.lv',
    },
    qualification: 'mechanic',
    host: 'mechanic',
    // Juris's mentor, and only his: the account sees mob-juris and no other mobility.
    hostMentor: { name: 'Klaus Becker', email: 'mentor@kfz-leipzig.example' },
    period: { start: '2026-10-05', end: '2027-01-29' },
  },
  {
    key: 'ingus',
    mobilityId: 'mob-ingus',
    learner: {
      learnerId: 'ingus-ozols',
      name: 'Ingus Ozols',
      // Under 18 on the planned start: his mother signs the agreement too.
      dateOfBirth: '2009-06-20',
      email: 'ingus.ozols@example.lv',
      guardian: { name: 'Līga Ozola', email: 'liga.ozola@example.lv' },
    },
    qualification: 'tourism',
    host: 'tourism',
    hostMentor: { name: 'Sanna Mäkinen', email: 'mentor@nature-kuopio.example' },
    period: { start: '2027-02-01', end: '2027-04-30' },
  },
];

/** An account the demo signs in with (one per person; the scenario acts through them). */
export interface DemoAccount {
  email: string;
  name: string;
  role: AccountRole;
  institutionId?: string;
  auditScope?: 'all' | string[];
}

/** The sending school's coordinator runs the mobilities (the mentor on the school's side too). */
export const COORDINATOR: DemoAccount = {
  email: 'coordinator@rtrit.example',
  name: 'Ilze Ozola',
  role: 'coordinator',
  institutionId: SCHOOL.institutionId,
};

/** Each institution's head signs its MoU and Learning Agreements with their own account. */
export const HEADS: Record<string, DemoAccount> = {
  [SCHOOL.institutionId]: {
    email: `head@${SCHOOL.institutionId}.example`,
    name: 'Dace Liepiņa',
    role: 'head',
    institutionId: SCHOOL.institutionId,
  },
  [HOSTS.cook.institutionId]: {
    email: `head@${HOSTS.cook.institutionId}.example`,
    name: 'Lucía Martínez',
    role: 'head',
    institutionId: HOSTS.cook.institutionId,
  },
  [HOSTS.mechanic.institutionId]: {
    email: `head@${HOSTS.mechanic.institutionId}.example`,
    name: 'Stefan Weber',
    role: 'head',
    institutionId: HOSTS.mechanic.institutionId,
  },
  [HOSTS.tourism.institutionId]: {
    email: `head@${HOSTS.tourism.institutionId}.example`,
    name: 'Mikko Korhonen',
    role: 'head',
    institutionId: HOSTS.tourism.institutionId,
  },
};

/** The host mentor of each learner: an account at the host with the e-mail the plan names. */
export const MENTORS: Record<LearnerSeed['key'], DemoAccount> = Object.fromEntries(
  LEARNERS.map((l) => [
    l.key,
    {
      email: l.hostMentor.email,
      name: l.hostMentor.name,
      role: 'mentor',
      institutionId: HOSTS[l.host].institutionId,
    },
  ]),
) as Record<LearnerSeed['key'], DemoAccount>;

/**
 * Every account of the demo, one per role at least: the operator runs the platform (it signs
 * nothing and the story needs it for nothing); the school's administrator manages its accounts;
 * the coordinator, the heads and the host mentors act in the story; the auditor (of the State
 * Education Development Agency) reads everything.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'operator@ecvet.example', name: 'Platform operator', role: 'operator' },
  {
    email: `admin@${SCHOOL.institutionId}.example`,
    name: 'Māris Krūmiņš',
    role: 'administrator',
    institutionId: SCHOOL.institutionId,
  },
  COORDINATOR,
  ...Object.values(HEADS),
  ...Object.values(MENTORS),
  { email: 'auditor@viaa.example', name: 'Auditor, VIAA', role: 'auditor', auditScope: 'all' },
];

export const OPERATOR = DEMO_ACCOUNTS.find((a) => a.role === 'operator')!;
export const AUDITOR = DEMO_ACCOUNTS.find((a) => a.role === 'auditor')!;

/** The demo account with this e-mail. */
export function demoAccount(email: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email.toLowerCase());
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}
