import { fold } from '../shared/decider';
import type { QualificationCommand } from './qualification.commands';
import { qualificationDecider } from './qualification.decider';
import type { QualificationEvent, UnitOfLearningOutcomes } from './qualification.events';
import { QualificationRules as R } from './qualification.errors';

const given = (events: QualificationEvent[]) => ({
  when: (command: QualificationCommand) => {
    const run = () => qualificationDecider.decide(command, fold(qualificationDecider, events));
    return {
      then: (expected: QualificationEvent[]) => expect(run()).toEqual(expected),
      thenRejects: (rule: string) => expect(run).toThrow(expect.objectContaining({ rule })),
    };
  },
});

const q = 'cook-3';
const defined: QualificationEvent = {
  type: 'QualificationDefined',
  data: {
    qualificationId: q,
    title: { lv: 'Pavārs', en: 'Cook' },
    eqfLevel: 4,
    nqfLevel: 4,
    programme: 'Ēdināšanas pakalpojumi',
  },
};
const moduleAdded: QualificationEvent = {
  type: 'ModuleAdded',
  data: {
    qualificationId: q,
    moduleId: 'm-veg',
    title: { lv: 'Veģetārie ēdieni', en: 'Vegetarian dishes' },
  },
};
const vegan: UnitOfLearningOutcomes = {
  unitId: 'u-vegan',
  title: { lv: 'Vegāniskā uztura gatavošana', en: 'Vegan nutrition and cooking' },
  knowledge: ['principles of vegan nutrition'],
  skills: ['prepares legume dishes'],
  competence: ['plans a balanced vegan menu'],
  assessmentCriteria: ['dish meets the recipe and hygiene standards'],
  ecvetPoints: 3,
  relativeWeight: 0.05,
  moduleIds: ['m-veg'],
};
const unitDefined: QualificationEvent = {
  type: 'UnitDefined',
  data: { qualificationId: q, unit: vegan },
};
const publish: QualificationCommand = {
  type: 'PublishQualificationVersion',
  data: { qualificationId: q },
  at: '2026-11-22T10:00:00.000Z',
};
const published = (version: number): QualificationEvent => ({
  type: 'QualificationVersionPublished',
  data: {
    qualificationId: q,
    version,
    unitIds: ['u-vegan'],
    moduleIds: ['m-veg'],
    publishedAt: '2026-11-22T10:00:00.000Z',
  },
});

describe('Qualification catalogue', () => {
  it('is defined with an EQF level from 1 to 8', () => {
    given([])
      .when({ type: 'DefineQualification', data: defined.data, at: '2026-01-01T00:00:00.000Z' })
      .then([defined]);
    given([])
      .when({
        type: 'DefineQualification',
        data: { ...(defined.data as object), eqfLevel: 9 } as never,
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.EqfLevelRange);
  });
  it('defining it again identically records nothing', () =>
    given([defined])
      .when({ type: 'DefineQualification', data: defined.data, at: '2026-01-01T00:00:00.000Z' })
      .then([]));
  it('a unit needs learning outcomes', () =>
    given([defined, moduleAdded])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: { ...vegan, knowledge: [], skills: [], competence: [] } },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.UnitNeedsOutcomes));
  it('a unit needs assessment criteria', () =>
    given([defined, moduleAdded])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: { ...vegan, assessmentCriteria: [] } },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.UnitNeedsAssessmentCriteria));
  it('a unit counts only towards modules of the programme', () =>
    given([defined])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: vegan },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.UnitModulesMustExist));
  it('a relative weight lies between 0 and 1', () =>
    given([defined, moduleAdded])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: { ...vegan, relativeWeight: 1.5 } },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.UnitWeightRange));
  it('defining the same unit again records nothing; a revision is recorded', () => {
    given([defined, moduleAdded, unitDefined])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: vegan },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([]);
    const revised = { ...vegan, skills: [...vegan.skills, 'prepares tofu'] };
    given([defined, moduleAdded, unitDefined])
      .when({
        type: 'DefineUnit',
        data: { qualificationId: q, unit: revised },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([
        {
          type: 'UnitDefined',
          data: { qualificationId: q, unit: revised },
        },
      ]);
  });
  it('publishes numbered versions that agreements can pin; publishing without changes is a no-op', () => {
    given([defined, moduleAdded, unitDefined])
      .when(publish)
      .then([published(1)]);
    given([defined, moduleAdded, unitDefined, published(1)])
      .when(publish)
      .then([]);
    given([defined, moduleAdded, unitDefined, published(1), unitDefined])
      .when(publish)
      .then([published(2)]);
  });
  it('a version needs at least one unit', () =>
    given([defined, moduleAdded]).when(publish).thenRejects(R.NothingToPublish));
  it('nothing can be added to an undefined qualification', () =>
    given([])
      .when({
        type: 'AddModule',
        data: { qualificationId: q, moduleId: 'm', title: { lv: 'x', en: 'x' } },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(R.MustExist));
});
