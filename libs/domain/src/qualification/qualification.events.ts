/** Text in the two languages of the product. */
export interface Localized {
  lv: string;
  en: string;
}

export interface UnitOfLearningOutcomes {
  unitId: string;
  title: Localized;
  knowledge: string[];
  skills: string[];
  competence: string[];
  assessmentCriteria: string[];
  /** Optional: ECVET points are not the main element (domain.md). */
  ecvetPoints?: number;
  /** Share of the qualification, 0..1. */
  relativeWeight?: number;
  /** Modules of the modular programme this unit can count towards. */
  moduleIds: string[];
}

export interface QualificationDefined {
  type: 'QualificationDefined';
  data: {
    qualificationId: string;
    title: Localized;
    eqfLevel: number;
    nqfLevel: number;
    programme: string;
  };
}
export interface ModuleAdded {
  type: 'ModuleAdded';
  data: { qualificationId: string; moduleId: string; title: Localized };
}
export interface UnitDefined {
  type: 'UnitDefined';
  data: { qualificationId: string; unit: UnitOfLearningOutcomes };
}
/** The catalogue as it stands, frozen under a version number that agreements pin. */
export interface QualificationVersionPublished {
  type: 'QualificationVersionPublished';
  data: {
    qualificationId: string;
    version: number;
    unitIds: string[];
    moduleIds: string[];
    publishedAt: string;
  };
}

export type QualificationEvent =
  QualificationDefined | ModuleAdded | UnitDefined | QualificationVersionPublished;
