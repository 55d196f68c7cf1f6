import type { Localized } from '../qualification/qualification.events';

/**
 * Events of a learner's record, stream `Learner-<learnerId>`: credits, and the learner's erasure.
 * Only ids, units and points: the learner's name and other personal data live (encrypted under
 * `learner-<learnerId>`) in the call and mobility streams, so this stream never needs
 * crypto-shredding.
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

/**
 * The learner's personal data erased (GDPR, ADR 0005): their subject key destroyed, so every
 * personal field recorded about them reads as erased. A security event: the metadata's actor is
 * who erased them. The reason says why (e.g. the request's reference), never who: it is not
 * encrypted and outlives the erasure.
 */
export interface LearnerErased {
  type: 'LearnerErased';
  data: { learnerId: string; reason: string; erasedAt: string };
}

export type LearnerRecordEvent =
  CreditAccumulated | CreditWithdrawn | CreditTransferred | LearnerErased;
