import { fold } from '../shared/decider';
import { contentHash } from '../shared/content-hash';
import type { StoredEvent } from '../shared/codec';
import {
  assessed,
  draft,
  end,
  finalAssessment,
  plan,
  qualification,
  recognise,
  run,
  sign,
  start,
  transcript,
  validate,
} from '../../test/mobility-fixtures';
import { mobilityCodec } from './mobility.codec';
import { mobilityDecider } from './mobility.decider';
import type { MobilityEvent } from './mobility.events';

/**
 * Events as the code before 2769e56 recorded them (schema 1): the fixture mobility planned and
 * drafted by the decider of 681a189, key-sorted as the store returns them. Its targeted units
 * quote no knowledge, skills or competence statements.
 */
const plannedV1: StoredEvent = {
  data: {
    host: {
      country: 'ES',
      institutionId: 'host',
      kind: 'host-company',
      legalAddress: 'Carrer de Colón 1, València',
      legalName: 'Restaurante Verde S.L.',
    },
    learner: {
      dateOfBirth: '2005-04-02',
      email: 'annija@example.lv',
      learnerId: 'annija',
      name: 'Annija Bērziņa',
    },
    longDuration: true,
    minor: false,
    mobilityId: 'm-1',
    partnershipId: 'p-1',
    plannedAt: '2027-01-10T09:00:00.000Z',
    sendingInstitution: {
      country: 'LV',
      institutionId: 'school',
      kind: 'sending-school',
      legalAddress: 'Nīcgales iela 26, Rīga',
      legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
    },
    terms: {
      insurance: {
        coverage: 'health, accident, liability',
        policyNumber: 'BTA-123',
        provider: 'BTA',
      },
      lifeSkills: ['foreign-languages', 'cultural-awareness'],
      mentors: {
        host: { email: 'marta@example.es', name: 'Marta Ruiz' },
        sending: { email: 'ilze@example.lv', name: 'Ilze Ozola' },
      },
      plannedPeriod: { end: '2027-05-31', start: '2027-03-01' },
      qualification: {
        eqfLevel: 4,
        nqfLevel: 4,
        programme: '33 811 02 1',
        qualificationId: 'cook',
        title: { en: 'Cook', lv: 'Pavārs' },
        version: 2,
      },
      responsibilities: {
        host: ['provides the workplace', 'assesses the outcomes'],
        learner: ['follows the programme'],
        sendingSchool: ['prepares the learner', 'recognises the outcomes'],
      },
      targetedUnits: [
        {
          assessmentCriteria: ['plans a balanced vegan menu', 'cooks three vegan main dishes'],
          ecvetPoints: 4,
          moduleIds: ['m-special-diets', 'm-hot-dishes'],
          title: {
            en: 'Vegan nutrition and cooking',
            lv: 'Vegāniskais uzturs un ēdienu gatavošana',
          },
          unitId: 'vegan',
        },
        {
          assessmentCriteria: ['prepares legumes safely'],
          ecvetPoints: 3,
          moduleIds: ['m-hot-dishes'],
          title: { en: 'Legume dishes', lv: 'Pākšaugu ēdieni' },
          unitId: 'legumes',
        },
      ],
      type: 'programme-module',
    },
  },
  type: 'MobilityPlanned',
};

const draftedV1: StoredEvent = {
  data: {
    content: {
      host: {
        country: 'ES',
        institutionId: 'host',
        kind: 'host-company',
        legalAddress: 'Carrer de Colón 1, València',
        legalName: 'Restaurante Verde S.L.',
      },
      insurance: {
        coverage: 'health, accident, liability',
        policyNumber: 'BTA-123',
        provider: 'BTA',
      },
      learner: {
        dateOfBirth: '2005-04-02',
        email: 'annija@example.lv',
        learnerId: 'annija',
        name: 'Annija Bērziņa',
      },
      lifeSkills: ['foreign-languages', 'cultural-awareness'],
      mentors: {
        host: { email: 'marta@example.es', name: 'Marta Ruiz' },
        sending: { email: 'ilze@example.lv', name: 'Ilze Ozola' },
      },
      mobilityId: 'm-1',
      plannedPeriod: { end: '2027-05-31', start: '2027-03-01' },
      qualification: {
        eqfLevel: 4,
        nqfLevel: 4,
        programme: '33 811 02 1',
        qualificationId: 'cook',
        title: { en: 'Cook', lv: 'Pavārs' },
        version: 2,
      },
      responsibilities: {
        host: ['provides the workplace', 'assesses the outcomes'],
        learner: ['follows the programme'],
        sendingSchool: ['prepares the learner', 'recognises the outcomes'],
      },
      sendingInstitution: {
        country: 'LV',
        institutionId: 'school',
        kind: 'sending-school',
        legalAddress: 'Nīcgales iela 26, Rīga',
        legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
      },
      targetedUnits: [
        {
          assessmentCriteria: ['plans a balanced vegan menu', 'cooks three vegan main dishes'],
          ecvetPoints: 4,
          moduleIds: ['m-special-diets', 'm-hot-dishes'],
          title: {
            en: 'Vegan nutrition and cooking',
            lv: 'Vegāniskais uzturs un ēdienu gatavošana',
          },
          unitId: 'vegan',
        },
        {
          assessmentCriteria: ['prepares legumes safely'],
          ecvetPoints: 3,
          moduleIds: ['m-hot-dishes'],
          title: { en: 'Legume dishes', lv: 'Pākšaugu ēdieni' },
          unitId: 'legumes',
        },
      ],
      type: 'programme-module',
      version: 1,
    },
    contentHash: 'sha256:2a9e731ed3a3b54c774deeaea01ab0b3439ee54a5fadd89b9ca601dcae9b24c6',
    draftedAt: '2027-01-10T09:00:00.000Z',
    mobilityId: 'm-1',
    requiredSignatories: ['sending-school', 'host', 'learner'],
    version: 1,
    voidedSignatures: [],
  },
  type: 'LearningAgreementVersionDrafted',
};

const HASH_V1 = 'sha256:2a9e731ed3a3b54c774deeaea01ab0b3439ee54a5fadd89b9ca601dcae9b24c6';

const decode = (stored: StoredEvent) => mobilityCodec.decode(stored);
const unitsOf = (event: MobilityEvent) => {
  if (event.type === 'MobilityPlanned') return event.data.terms.targetedUnits;
  if (event.type === 'LearningAgreementVersionDrafted') return event.data.content.targetedUnits;
  throw new Error(`no units in ${event.type}`);
};

describe('Mobility codec: targeted units before they quoted statements (schema 1 → 2)', () => {
  it('records plans and agreement versions in schema 2, every other event in 1', () => {
    expect(mobilityCodec.schemaVersion('MobilityPlanned')).toBe(2);
    expect(mobilityCodec.schemaVersion('LearningAgreementVersionDrafted')).toBe(2);
    const others = [...mobilityCodec.types].filter(
      (t) => t !== 'MobilityPlanned' && t !== 'LearningAgreementVersionDrafted',
    );
    expect(others.map((t) => mobilityCodec.schemaVersion(t))).toEqual(others.map(() => 1));
  });

  it('the schema 1 literal is what the old decider hashed and its signatories signed', () =>
    expect(contentHash((draftedV1.data as { content: unknown }).content)).toBe(HASH_V1));

  it.each([
    ['MobilityPlanned', plannedV1],
    ['LearningAgreementVersionDrafted', draftedV1],
  ])('%s: each unit quotes no statements, and keeps everything it recorded', (_, stored) => {
    const decoded = decode({ ...stored, schemaVersion: 1 });
    const recordedUnits = unitsOf(stored as MobilityEvent);
    expect(unitsOf(decoded)).toEqual(
      recordedUnits.map((unit) => ({ ...unit, knowledge: [], skills: [], competence: [] })),
    );
    expect(unitsOf(decoded).every((unit) => !('relativeWeight' in unit))).toBe(true);
    // Nothing but the units changes.
    const withoutUnits = (event: { data: object }) =>
      JSON.parse(JSON.stringify(event.data, (k, v) => (k === 'targetedUnits' ? undefined : v)));
    expect(withoutUnits(decoded)).toEqual(withoutUnits(stored));
    expect(decoded.type).toBe(stored.type);
  });

  it('an event recorded before schema versions were (no schemaVersion) reads as schema 1', () =>
    expect(decode(plannedV1)).toEqual(decode({ ...plannedV1, schemaVersion: 1 })));

  it('keeps the recorded hash of the agreement: what was signed, over the recorded shape', () => {
    const decoded = decode(draftedV1);
    if (decoded.type !== 'LearningAgreementVersionDrafted') throw new Error(decoded.type);
    expect(decoded.data.contentHash).toBe(HASH_V1);
  });

  it('leaves units that quote statements already as they are (recorded as schema 1 after 2769e56)', () => {
    for (const event of run([plan, draft])) {
      const recorded = JSON.parse(JSON.stringify(event.data));
      expect(decode({ type: event.type, data: recorded, schemaVersion: 1 })).toEqual(event);
    }
  });

  it('leaves schema 2 events as they are', () => {
    for (const event of run([plan, draft]))
      expect(decode({ type: event.type, data: event.data, schemaVersion: 2 })).toEqual(event);
  });
});

describe('Mobility decider on an upcast history', () => {
  const history = () => [decode(plannedV1), decode(draftedV1)];

  it('folds it: the plan and the agreement quote no statements, the agreement keeps its hash', () => {
    const state = fold(mobilityDecider, history());
    expect(state.status).toBe('planned');
    expect(state.plan?.terms.targetedUnits.map((u) => u.knowledge)).toEqual([[], []]);
    expect(state.agreement?.version).toBe(1);
    expect(state.agreement?.contentHash).toBe(HASH_V1);
    expect(state.agreement?.content.targetedUnits.map((u) => u.competence)).toEqual([[], []]);
  });

  it('drafting the same agreement again changes nothing', () =>
    expect(mobilityDecider.decide(draft, fold(mobilityDecider, history()))).toEqual([]));

  it('takes the signatures on the recorded hash, and the mobility runs to its recognitions', () => {
    const signed = run(
      (['sending-school', 'host', 'learner'] as const).map((role) => sign(role, 1, HASH_V1)),
      history(),
    );
    expect(signed.slice(2).map((e) => e.type)).toEqual([
      'LearningAgreementSigned',
      'LearningAgreementSigned',
      'LearningAgreementSigned',
      'LearningAgreementFullySigned',
    ]);
    const recognised = run(
      [
        start,
        finalAssessment('vegan'),
        finalAssessment('legumes'),
        end,
        transcript,
        validate('vegan'),
        validate('legumes'),
        recognise('vegan'),
        recognise('legumes'),
      ],
      signed,
    );
    // The same events as the fixture mobility recorded in schema 2 from its signatures on.
    const current = run(
      [validate('vegan'), validate('legumes'), recognise('vegan'), recognise('legumes')],
      assessed(),
    );
    expect(recognised.slice(signed.length)).toEqual(current.slice(current.length - 9));
    expect(recognised.at(-1)).toMatchObject({
      type: 'UnitRecognised',
      data: { unitId: 'legumes', learnerId: 'annija', kind: 'module' },
    });
  });

  it('the upcast units are the catalogue units of the same version, without their statements', () =>
    expect(unitsOf(decode(plannedV1))).toEqual(
      qualification.units
        .filter((u) => u.unitId === 'vegan' || u.unitId === 'legumes')
        .map((u) => ({ ...u, knowledge: [], skills: [], competence: [] })),
    ));
});
