export const QualificationRules = {
  MustExist: 'qualification.must-exist',
  AlreadyDefined: 'qualification.already-defined',
  EqfLevelRange: 'qualification.eqf-level-1-to-8',
  UnitNeedsOutcomes: 'qualification.unit-needs-learning-outcomes',
  UnitNeedsAssessmentCriteria: 'qualification.unit-needs-assessment-criteria',
  UnitModulesMustExist: 'qualification.unit-modules-must-exist',
  UnitWeightRange: 'qualification.unit-weight-0-to-1',
  EcvetPointsNonNegative: 'qualification.ecvet-points-non-negative',
  NothingToPublish: 'qualification.nothing-to-publish',
} as const;
