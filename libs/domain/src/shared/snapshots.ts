/**
 * What one aggregate needs to know of another to decide. The use case's application service loads
 * the other aggregate's stream, folds it and passes this snapshot in with the command, so deciders
 * stay pure and the rule lives in the aggregate that owns it (e.g. a mobility cannot start unless
 * its partnership's MoU is signed and valid on the start date).
 */

/** Units of a qualification covered by an MoU version. */
export interface CoveredQualification {
  qualificationId: string;
  /** The catalogue version the MoU pinned. */
  qualificationVersion: number;
  unitIds: string[];
}

/** A version of the MoU that every party has signed. */
export interface SignedMou {
  version: number;
  contentHash: string;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  validFrom: string;
  validUntil: string;
  qualifications: CoveredQualification[];
  fullySignedAt: string;
}

export interface PartnershipSnapshot {
  partnershipId: string;
  parties: Array<{ institutionId: string; role: string }>;
  /** Fully signed MoU versions, oldest first. */
  signedMous: SignedMou[];
  /** Set once the partnership is terminated: no MoU is valid from this date on. */
  terminatedOn?: string;
}

/** The MoU in force on a date: the newest fully signed version whose validity covers it. */
export function mouInForce(
  partnership: PartnershipSnapshot,
  onDate: string,
): SignedMou | undefined {
  if (partnership.terminatedOn !== undefined && onDate >= partnership.terminatedOn)
    return undefined;
  return [...partnership.signedMous]
    .reverse()
    .find((mou) => mou.validFrom <= onDate && onDate <= mou.validUntil);
}

export interface SelectionSnapshot {
  callId: string;
  applicationId: string;
  learnerId: string;
  decision: 'selected' | 'reserve' | 'rejected' | 'pending';
  briefingAcknowledged: boolean;
}

/** A unit as a published catalogue version defines it. */
export interface UnitSnapshot {
  unitId: string;
  title: { lv: string; en: string };
  knowledge: string[];
  skills: string[];
  competence: string[];
  assessmentCriteria: string[];
  ecvetPoints?: number;
  relativeWeight?: number;
  moduleIds: string[];
}

/** A qualification as it stood at one published version: what agreements pin. */
export interface QualificationSnapshot {
  qualificationId: string;
  version: number;
  title: { lv: string; en: string };
  eqfLevel: number;
  nqfLevel: number;
  programme: string;
  units: UnitSnapshot[];
}

/** The parts of an institution that documents quote. */
export interface InstitutionSnapshot {
  institutionId: string;
  kind: string;
  legalName: string;
  legalAddress: string;
  country: string;
}
