/** The rules of the learner credit record, as returned in 422 problem details. */
export const LearnerRecordRules = {
  RecordOfAnotherLearner: 'learner.record-of-another-learner',
  EcvetPointsNonNegative: 'learner.ecvet-points-non-negative',
  OneProgrammePerQualification: 'learner.one-programme-per-qualification',
  CreditRecordedDifferently: 'learner.credit-recorded-differently',
  CreditAlreadyAccumulated: 'learner.credit-already-accumulated',
  CreditMustExist: 'learner.credit-must-exist',
  WithdrawalNeedsReason: 'learner.withdrawal-needs-reason',
  TransferredCreditStays: 'learner.transferred-credit-cannot-be-withdrawn',
  TransferIdTaken: 'learner.transfer-id-taken',
  TransferNeedsUnits: 'learner.transfer-needs-units',
  TransferNeedsRationale: 'learner.transfer-needs-rationale',
  TransferToAnotherQualification: 'learner.transfer-to-another-qualification',
  TransferUnitMustBeCredited: 'learner.transfer-unit-must-be-credited',
  UnitAlreadyTransferred: 'learner.unit-already-transferred',
  ErasureNeedsReason: 'learner.erasure-needs-reason',
} as const;
