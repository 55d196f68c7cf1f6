import { fold } from '../src/shared/decider';
import type { PartnershipSnapshot, QualificationSnapshot } from '../src/shared/snapshots';
import { mobilityDecider } from '../src/mobility/mobility.decider';
import type {
  EndMobility,
  MobilityCommand,
  PlanMobility,
  StartMobility,
} from '../src/mobility/mobility.commands';
import type { MobilityEvent, SignatoryRole } from '../src/mobility/mobility.events';

/** Annija, a cook, to a restaurant in Valencia: the seeds' first example. */
export const AT = '2027-01-10T09:00:00.000Z';

export const qualification: QualificationSnapshot = {
  qualificationId: 'cook',
  version: 2,
  title: { lv: 'Pavārs', en: 'Cook' },
  eqfLevel: 4,
  nqfLevel: 4,
  programme: '33 811 02 1',
  units: [
    {
      unitId: 'vegan',
      title: { lv: 'Vegāniskais uzturs un ēdienu gatavošana', en: 'Vegan nutrition and cooking' },
      knowledge: ['k'],
      skills: ['s'],
      competence: ['c'],
      ecvetPoints: 4,
      moduleIds: ['m-special-diets', 'm-hot-dishes'],
      assessmentCriteria: ['plans a balanced vegan menu', 'cooks three vegan main dishes'],
    },
    {
      unitId: 'legumes',
      title: { lv: 'Pākšaugu ēdieni', en: 'Legume dishes' },
      knowledge: ['k'],
      skills: ['s'],
      competence: ['c'],
      ecvetPoints: 3,
      moduleIds: ['m-hot-dishes'],
      assessmentCriteria: ['prepares legumes safely'],
    },
    {
      unitId: 'fish',
      title: { lv: 'Zivju pamatēdieni', en: 'Main dishes from fish' },
      knowledge: ['k'],
      skills: ['s'],
      competence: ['c'],
      ecvetPoints: 3,
      moduleIds: ['m-hot-dishes'],
      assessmentCriteria: ['fillets fish'],
    },
  ],
};

export const partnership: PartnershipSnapshot = {
  partnershipId: 'p-1',
  parties: [
    { institutionId: 'school', role: 'sending' },
    { institutionId: 'host', role: 'host' },
  ],
  signedMous: [
    {
      version: 1,
      contentHash: 'sha256:mou',
      validFrom: '2026-09-01',
      validUntil: '2028-08-31',
      qualifications: [
        { qualificationId: 'cook', qualificationVersion: 2, unitIds: ['vegan', 'legumes'] },
      ],
      fullySignedAt: '2026-09-01T10:00:00.000Z',
    },
  ],
};
export const unsignedPartnership: PartnershipSnapshot = { ...partnership, signedMous: [] };

export const plan: PlanMobility = {
  type: 'PlanMobility',
  data: {
    mobilityId: 'm-1',
    partnershipId: 'p-1',
    learner: {
      learnerId: 'annija',
      name: 'Annija Bērziņa',
      dateOfBirth: '2005-04-02',
      email: 'annija@example.lv',
    },
    sendingInstitutionId: 'school',
    hostInstitutionId: 'host',
    qualificationId: qualification.qualificationId,
    qualificationVersion: qualification.version,
    partnership,
    sendingInstitution: {
      institutionId: 'school',
      kind: 'sending-school',
      legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
      legalAddress: 'Nīcgales iela 26, Rīga',
      country: 'LV',
    },
    host: {
      institutionId: 'host',
      kind: 'host-company',
      legalName: 'Restaurante Verde S.L.',
      legalAddress: 'Carrer de Colón 1, València',
      country: 'ES',
    },
    qualification,
    type: 'programme-module',
    plannedPeriod: { start: '2027-03-01', end: '2027-05-31' },
    targetedUnitIds: ['vegan', 'legumes'],
    lifeSkills: ['foreign-languages', 'cultural-awareness'],
    mentors: {
      sending: { name: 'Ilze Ozola', email: 'ilze@example.lv' },
      host: { name: 'Marta Ruiz', email: 'marta@example.es' },
    },
    responsibilities: {
      sendingSchool: ['prepares the learner', 'recognises the outcomes'],
      host: ['provides the workplace', 'assesses the outcomes'],
      learner: ['follows the programme'],
    },
    insurance: {
      provider: 'BTA',
      policyNumber: 'BTA-123',
      coverage: 'health, accident, liability',
    },
  },
  at: AT,
};

export function run(commands: MobilityCommand[], start: MobilityEvent[] = []): MobilityEvent[] {
  const events = [...start];
  for (const command of commands) {
    events.push(...mobilityDecider.decide(command, fold(mobilityDecider, events)));
  }
  return events;
}

export const draft: MobilityCommand = {
  type: 'DraftLearningAgreement',
  data: { mobilityId: 'm-1' },
  at: AT,
};

export function hashOf(events: MobilityEvent[], version?: number): string {
  const drafted = events.filter((e) => e.type === 'LearningAgreementVersionDrafted');
  const chosen = version === undefined ? drafted[drafted.length - 1] : drafted[version - 1];
  if (chosen?.type !== 'LearningAgreementVersionDrafted') throw new Error('no such version');
  return chosen.data.contentHash;
}

export function sign(
  role: SignatoryRole,
  version: number,
  contentHash: string,
  over: Partial<Extract<MobilityCommand, { type: 'SignLearningAgreement' }>['data']> = {},
): MobilityCommand {
  return {
    type: 'SignLearningAgreement',
    data: {
      mobilityId: 'm-1',
      version,
      contentHash,
      role,
      signer: { id: `${role}-1`, name: `${role} signer`, email: `${role}@example.org` },
      authMethod: 'signing-link',
      intent: 'I agree to this Learning Agreement',
      ip: '192.0.2.1',
      userAgent: 'test',
      partnership,
      ...over,
    },
    at: AT,
  };
}

/** A planned mobility with version 1 signed by everyone. */
export function fullySigned(): MobilityEvent[] {
  const events = run([plan, draft]);
  const hash = hashOf(events);
  return run(
    (['sending-school', 'host', 'learner'] as const).map((role) => sign(role, 1, hash)),
    events,
  );
}

export const start: StartMobility = {
  type: 'StartMobility',
  data: { mobilityId: 'm-1', actualStart: '2027-03-01', partnership },
  at: AT,
};

export function finalAssessment(
  unitId: string,
  result: 'achieved' | 'partly-achieved' | 'not-achieved' = 'achieved',
): MobilityCommand {
  const criteria = qualification.units.find((u) => u.unitId === unitId)!.assessmentCriteria;
  return {
    type: 'RecordFinalAssessment',
    data: {
      mobilityId: 'm-1',
      unitId,
      result,
      grade: '9',
      scale: '1–10',
      criteriaResults: criteria.map((criterion) => ({ criterion, met: result !== 'not-achieved' })),
      evidence: ['photo-portfolio-1'],
      assessor: { name: 'Marta Ruiz', role: 'mentor', institutionId: 'host' },
      assessedOn: '2027-05-20',
    },
    at: AT,
  };
}

export const end: EndMobility = {
  type: 'EndMobility',
  data: { mobilityId: 'm-1', actualEnd: '2027-05-31' },
  at: AT,
};
export const transcript: MobilityCommand = {
  type: 'IssueTranscript',
  data: {
    mobilityId: 'm-1',
    transcriptId: 't-1',
    issuedOn: '2027-06-01',
    issuedBy: 'host',
  },
  at: AT,
};
export function validate(
  unitId: string,
  decision: 'validated' | 'not-validated' = 'validated',
): MobilityCommand {
  return {
    type: 'ValidateUnit',
    data: {
      mobilityId: 'm-1',
      unitId,
      decision,
      notes: 'evidence checked',
      validatedBy: 'teacher-1',
      validatedOn: '2027-06-10',
    },
    at: AT,
  };
}
export function recognise(
  unitId: string,
  over: Partial<Extract<MobilityCommand, { type: 'RecogniseUnit' }>['data']> = {},
): MobilityCommand {
  return {
    type: 'RecogniseUnit',
    data: {
      mobilityId: 'm-1',
      unitId,
      decision: 'module',
      moduleId: 'm-hot-dishes',
      ecvetPoints: 3,
      decidedBy: 'head-of-department',
      decidedOn: '2027-06-15',
      ...over,
    },
    at: AT,
  };
}

/** Ended, transcript issued: ready for validation. */
export function assessed(): MobilityEvent[] {
  return run(
    [start, finalAssessment('vegan'), finalAssessment('legumes'), end, transcript],
    fullySigned(),
  );
}
