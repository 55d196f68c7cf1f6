import { givenFor } from '../../test/given';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { LearnerRecordCommand } from './learner-record.commands';
import { learnerRecordDecider } from './learner-record.decider';
import type { LearnerRecordEvent } from './learner-record.events';
import { LearnerRecordRules as R } from './learner-record.errors';
import { creditSummary } from './learner-record.state';

const given = givenFor(learnerRecordDecider);

// Juris, car mechanic: lambda sensor replacement and tyre balancing (seed examples).
const mechanic = { qualificationId: 'car-mechanic', programme: 'Autotransports' };
const diagnostics = {
  qualificationId: 'vehicle-diagnostics',
  programme: 'Transportlīdzekļu diagn.',
};
const at = '2027-06-20T09:00:00.000Z';

type Accumulate = Extract<LearnerRecordCommand, { type: 'AccumulateCredit' }>;
const accumulate = (overrides: Partial<Accumulate['data']> = {}): Accumulate => ({
  type: 'AccumulateCredit',
  data: {
    learnerId: 'lrn-1',
    mobilityId: 'mob-1',
    ...mechanic,
    qualificationVersion: 2,
    unitId: 'u-lambda',
    unitTitle: { lv: 'Lambda zondes nomaiņa', en: 'Lambda sensor replacement' },
    recognition: { kind: 'module', moduleId: 'm-engine', ecvetPoints: 3 },
    recognisedBy: 'user:teacher-1',
    recognisedAt: '2027-06-18T12:00:00.000Z',
    ...overrides,
  },
  at,
});
const accumulated = (command: Accumulate): LearnerRecordEvent => ({
  type: 'CreditAccumulated',
  data: { ...command.data, accumulatedAt: at },
});
const lambda = accumulated(accumulate());
const tyres = accumulated(
  accumulate({
    unitId: 'u-tyres',
    unitTitle: { lv: 'Riepu balansēšana', en: 'Tyre balancing' },
    recognition: { kind: 'part-of-module', moduleId: 'm-chassis' },
  }),
);

const withdraw = (mobilityId = 'mob-1', unitId = 'u-lambda', reason = 'revoked on appeal') =>
  ({
    type: 'WithdrawCredit',
    data: { mobilityId, unitId, reason, by: 'user:head-1' },
    at,
  }) as const;
const lambdaWithdrawn: LearnerRecordEvent = {
  type: 'CreditWithdrawn',
  data: {
    learnerId: 'lrn-1',
    mobilityId: 'mob-1',
    unitId: 'u-lambda',
    qualificationId: mechanic.qualificationId,
    reason: 'revoked on appeal',
    withdrawnBy: 'user:head-1',
    withdrawnAt: at,
  },
};

type Transfer = Extract<LearnerRecordCommand, { type: 'TransferCredit' }>;
const transfer = (overrides: Partial<Transfer['data']> = {}): Transfer => ({
  type: 'TransferCredit',
  data: {
    transferId: 'tr-1',
    toQualificationId: diagnostics.qualificationId,
    toProgramme: diagnostics.programme,
    units: [
      { unitId: 'u-lambda', fromQualificationId: mechanic.qualificationId, toModuleId: 'd-1' },
    ],
    decidedBy: 'user:head-1',
    rationale: 'the outcomes match module D1',
    ...overrides,
  },
  at,
});
const lambdaTransferred: LearnerRecordEvent = {
  type: 'CreditTransferred',
  data: {
    learnerId: 'lrn-1',
    transferId: 'tr-1',
    toQualificationId: diagnostics.qualificationId,
    toProgramme: diagnostics.programme,
    units: [
      {
        unitId: 'u-lambda',
        fromQualificationId: mechanic.qualificationId,
        fromMobilityId: 'mob-1',
        unitTitle: { lv: 'Lambda zondes nomaiņa', en: 'Lambda sensor replacement' },
        toModuleId: 'd-1',
        kind: 'part-of-module',
        ecvetPoints: 3,
      },
    ],
    decidedBy: 'user:head-1',
    rationale: 'the outcomes match module D1',
    transferredAt: at,
  },
};

describe('Learner credit record: accumulation', () => {
  it('credits a unit recognised in a mobility', () => given([]).when(accumulate()).then([lambda]));
  it('credits a unit recognised without ECVET points', () => {
    const command = accumulate({ recognition: { kind: 'module', moduleId: 'm-engine' } });
    given([])
      .when(command)
      .then([accumulated(command)]);
  });
  it('a retried recognition records nothing', () =>
    given([lambda])
      .when({ ...accumulate(), at: '2027-06-21T00:00:00.000Z' })
      .then([]));
  it('a recognition read back with its keys in another order is still a retry', () =>
    given([lambda])
      .when(accumulate({ recognition: { ecvetPoints: 3, moduleId: 'm-engine', kind: 'module' } }))
      .then([]));
  it('the same unit of the same mobility with other content is refused', () =>
    given([lambda])
      .when(accumulate({ recognition: { kind: 'module', moduleId: 'm-engine', ecvetPoints: 4 } }))
      .thenRejects(R.CreditRecordedDifferently));
  it('a unit counts once towards a qualification: another mobility cannot credit it again', () =>
    given([lambda])
      .when(accumulate({ mobilityId: 'mob-2' }))
      .thenRejects(R.CreditAlreadyAccumulated));
  it('the refusal names the mobility that credited the unit first', () => {
    const state = fold(learnerRecordDecider, [lambda]);
    let error: unknown;
    try {
      learnerRecordDecider.decide(accumulate({ mobilityId: 'mob-2' }), state);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toMatchObject({
      mobilityId: 'mob-1',
      unitId: 'u-lambda',
    });
  });
  it('the same unit id in another qualification is another unit', () => {
    const command = accumulate({ mobilityId: 'mob-2', ...diagnostics });
    given([lambda])
      .when(command)
      .then([accumulated(command)]);
  });
  it('another mobility can credit a unit whose credit was withdrawn', () => {
    const command = accumulate({ mobilityId: 'mob-2' });
    given([lambda, lambdaWithdrawn])
      .when(command)
      .then([accumulated(command)]);
  });
  it('a recognition retried after its credit was withdrawn does not revive it', () =>
    given([lambda, lambdaWithdrawn]).when(accumulate()).then([]));
  it('a new recognition of a withdrawn credit credits it again', () => {
    const command = accumulate({ recognisedAt: '2027-07-01T10:00:00.000Z' });
    given([lambda, lambdaWithdrawn])
      .when(command)
      .then([accumulated(command)]);
  });
  it('ECVET points cannot be negative', () =>
    given([])
      .when(accumulate({ recognition: { kind: 'module', moduleId: 'm-engine', ecvetPoints: -1 } }))
      .thenRejects(R.EcvetPointsNonNegative));
  it('the record belongs to one learner', () =>
    given([lambda])
      .when(accumulate({ learnerId: 'lrn-2', unitId: 'u-other' }))
      .thenRejects(R.RecordOfAnotherLearner));
  it('a qualification is followed under one programme', () =>
    given([lambda])
      .when(accumulate({ unitId: 'u-tyres', programme: 'Other' }))
      .thenRejects(R.OneProgrammePerQualification));
});

describe('Learner credit record: withdrawal', () => {
  it('withdraws a credit, stating why', () =>
    given([lambda]).when(withdraw()).then([lambdaWithdrawn]));
  it('withdrawing it again records nothing', () =>
    given([lambda, lambdaWithdrawn]).when(withdraw()).then([]));
  it('a credit that does not exist cannot be withdrawn', () =>
    given([lambda]).when(withdraw('mob-2')).thenRejects(R.CreditMustExist));
  it('a withdrawal states its reason', () =>
    given([lambda])
      .when(withdraw('mob-1', 'u-lambda', ' '))
      .thenRejects(R.WithdrawalNeedsReason));
  it('a transferred credit cannot be withdrawn', () =>
    given([lambda, lambdaTransferred]).when(withdraw()).thenRejects(R.TransferredCreditStays));
});

describe('Learner credit record: transfer', () => {
  it('transfers a credit to another qualification, its points carrying over, as part of a module', () =>
    given([lambda]).when(transfer()).then([lambdaTransferred]));
  it('the decision may set the points and complete the target module', () =>
    given([lambda])
      .when(
        transfer({
          units: [
            {
              unitId: 'u-lambda',
              fromQualificationId: mechanic.qualificationId,
              toModuleId: 'd-1',
              ecvetPoints: 2,
              kind: 'module',
            },
          ],
        }),
      )
      .thenMatches([{ data: { units: [{ ecvetPoints: 2, kind: 'module' }] } }]));
  it('a retried transfer records nothing', () =>
    given([lambda, lambdaTransferred]).when(transfer()).then([]));
  it('a transfer id already used for another decision is refused', () =>
    given([lambda, lambdaTransferred])
      .when(transfer({ rationale: 'other' }))
      .thenRejects(R.TransferIdTaken));
  it('a transfer names at least one unit', () =>
    given([lambda])
      .when(transfer({ units: [] }))
      .thenRejects(R.TransferNeedsUnits));
  it('a transfer is justified', () =>
    given([lambda])
      .when(transfer({ rationale: '' }))
      .thenRejects(R.TransferNeedsRationale));
  it('transferred ECVET points cannot be negative', () =>
    given([lambda])
      .when(
        transfer({
          units: [{ ...transfer().data.units[0], ecvetPoints: -2 }],
        }),
      )
      .thenRejects(R.EcvetPointsNonNegative));
  it('a credit is transferred to another qualification, not its own', () =>
    given([lambda])
      .when(
        transfer({ toQualificationId: mechanic.qualificationId, toProgramme: mechanic.programme }),
      )
      .thenRejects(R.TransferToAnotherQualification));
  it('only a credited unit can be transferred', () =>
    given([lambda])
      .when(
        transfer({
          units: [{ unitId: 'u-tyres', fromQualificationId: 'car-mechanic', toModuleId: 'd-2' }],
        }),
      )
      .thenRejects(R.TransferUnitMustBeCredited));
  it('a withdrawn credit cannot be transferred', () =>
    given([lambda, lambdaWithdrawn]).when(transfer()).thenRejects(R.TransferUnitMustBeCredited));
  it('a unit is transferred to a qualification once', () =>
    given([lambda, lambdaTransferred])
      .when(transfer({ transferId: 'tr-2' }))
      .thenRejects(R.UnitAlreadyTransferred));
  it('a unit listed twice in one decision is refused', () =>
    given([lambda])
      .when(transfer({ units: [transfer().data.units[0], transfer().data.units[0]] }))
      .thenRejects(R.UnitAlreadyTransferred));
  it('a unit can be transferred to two other qualifications', () =>
    given([lambda, lambdaTransferred])
      .when(transfer({ transferId: 'tr-2', toQualificationId: 'logistics', toProgramme: 'L' }))
      .thenMatches([{ type: 'CreditTransferred', data: { toQualificationId: 'logistics' } }]));
  it('the target qualification is followed under one programme', () =>
    given([lambda, accumulated(accumulate({ mobilityId: 'mob-2', ...diagnostics, unitId: 'x' }))])
      .when(transfer({ toProgramme: 'Other' }))
      .thenRejects(R.OneProgrammePerQualification));
});

describe('Learner credit record: accumulation towards each qualification', () => {
  it('sums points and module coverage, with transferred units and without withdrawn ones', () => {
    const state = fold(learnerRecordDecider, [lambda, tyres, lambdaTransferred]);
    expect(creditSummary(state)).toMatchObject([
      {
        ...mechanic,
        units: [{ unitId: 'u-lambda' }, { unitId: 'u-tyres' }],
        ecvetPoints: 3,
        modulesCompleted: ['m-engine'],
        modulesPartly: ['m-chassis'],
      },
      {
        ...diagnostics,
        units: [
          {
            unitId: 'u-lambda',
            origin: { type: 'transfer', transferId: 'tr-1', fromQualificationId: 'car-mechanic' },
          },
        ],
        ecvetPoints: 3,
        modulesCompleted: [],
        modulesPartly: ['d-1'],
      },
    ]);
    const afterWithdrawal = fold(learnerRecordDecider, [lambda, tyres, lambdaWithdrawn]);
    expect(creditSummary(afterWithdrawal)).toMatchObject([
      { units: [{ unitId: 'u-tyres' }], ecvetPoints: 0, modulesCompleted: [] },
    ]);
  });
});

describe('Learner record: erasure', () => {
  const erase = (reason = 'request of 2027-07-01 (ref. DPO-12)', learnerId = 'lrn-1') =>
    ({ type: 'EraseLearner', data: { learnerId, reason }, at }) as const;
  const erased: LearnerRecordEvent = {
    type: 'LearnerErased',
    data: { learnerId: 'lrn-1', reason: 'request of 2027-07-01 (ref. DPO-12)', erasedAt: at },
  };

  it('erases a learner with credits, stating why', () =>
    given([lambda]).when(erase()).then([erased]));
  it('erases a learner who has no credits yet (the record begins with the erasure)', () =>
    given([]).when(erase()).then([erased]));
  it('erasing again records nothing, whatever the reason', () =>
    given([lambda, erased]).when(erase('asked again')).then([]));
  it('an erasure states its reason', () =>
    given([lambda]).when(erase('  ')).thenRejects(R.ErasureNeedsReason));
  it('the record belongs to one learner', () =>
    given([lambda]).when(erase('why', 'lrn-2')).thenRejects(R.RecordOfAnotherLearner));
  it('the erased record keeps its credits, and says when and why it was erased', () => {
    const state = fold(learnerRecordDecider, [lambda, erased]);
    expect(state.erased).toEqual(erased.data);
    expect(creditSummary(state)).toMatchObject([{ units: [{ unitId: 'u-lambda' }] }]);
    expect(fold(learnerRecordDecider, [erased]).learnerId).toBe('lrn-1');
  });
});
