import type { Localized } from '../qualification/qualification.events';

/**
 * Events of a learner's credit record, stream `Learner-<learnerId>`. Only ids, units and points:
 * the learner's name and other personal data live (encrypted) in the call and mobility streams, so
 * this stream never needs crypto-shredding.
 */

/** How the sending school recognised a unit: as a whole module or as part of one. */
export type RecognitionKind = 'module' | 'part-of-module';

export interface Recognition {
  kind: RecognitionKind;
  /** The module of the learner's modular programme that the unit counts towards. */
  moduleId: string;
  /** Optional: ECVET points are not the main element (domain.md). */
  ecvetPoints?: number;
}

/** A unit assessed in a mobility and recognised by the sending school, credited to the learner. */
export interface CreditAccumulated {
  type: 'CreditAccumulated';
  data: {
    learnerId: string;
    mobilityId: string;
    qualificationId: string;
    /** The catalogue version the mobility's agreement pinned. */
    qualificationVersion: number;
    programme: string;
    unitId: string;
    unitTitle: Localized;
    recognition: Recognition;
    /** Actor id of who recognised it (e.g. `user:<id>`), and when (the school's decision). */
    recognisedBy: string;
    recognisedAt: string;
    accumulatedAt: string;
  };
}

/** A credit taken back (e.g. its recognition revoked on appeal). The history keeps both events. */
export interface CreditWithdrawn {
  type: 'CreditWithdrawn';
  data: {
    learnerId: string;
    mobilityId: string;
    unitId: string;
    qualificationId: string;
    reason: string;
    withdrawnBy: string;
    withdrawnAt: string;
  };
}

/** One unit carried over to another qualification, as decided (values resolved, never implied). */
export interface TransferredUnit {
  /** The unit, as identified in its source qualification. */
  unitId: string;
  fromQualificationId: string;
  /** The mobility whose credit is transferred. */
  fromMobilityId: string;
  unitTitle: Localized;
  toModuleId: string;
  kind: RecognitionKind;
  ecvetPoints?: number;
}

/** Credits transferred to another qualification / programme (ECVET principle: transfer). */
export interface CreditTransferred {
  type: 'CreditTransferred';
  data: {
    learnerId: string;
    transferId: string;
    toQualificationId: string;
    toProgramme: string;
    units: TransferredUnit[];
    decidedBy: string;
    rationale: string;
    transferredAt: string;
  };
}

export type LearnerRecordEvent = CreditAccumulated | CreditWithdrawn | CreditTransferred;
