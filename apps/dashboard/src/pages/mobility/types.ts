import type { Phase, SignatoryRole } from '../../api/types';

/**
 * `GET /mobilities/{id}` (libs/application/src/views/mobility.view.ts) as the page reads it.
 * Personal fields the caller may not read come as `{ $redacted: true }` (hence `unknown`).
 */
export type Localized = { lv: string; en: string };

export interface InstitutionSnapshot {
  institutionId: string;
  kind: string;
  legalName: string;
  legalAddress: string;
  country: string;
}

export interface UnitSnapshot {
  unitId: string;
  title: Localized;
  knowledge: string[];
  skills: string[];
  competence: string[];
  assessmentCriteria: string[];
  ecvetPoints?: number;
  relativeWeight?: number;
  moduleIds: string[];
}

export interface Person {
  name: unknown;
  email: unknown;
  phone?: unknown;
}

export interface Signature {
  role: SignatoryRole;
  signer: { id: string; name: unknown; email: unknown };
  authMethod: 'account' | 'signing-link' | 'qualified-e-signature' | 'handwritten';
  signedAt: string;
}

export interface FinalAssessment {
  unitId: string;
  result: 'achieved' | 'partly-achieved' | 'not-achieved';
  grade?: string;
  scale?: string;
  criteriaResults: Array<{ criterion: string; met: boolean; comment?: string }>;
  evidence: string[];
  assessor: { name: string; role: string; institutionId: string };
  deviations?: string;
  assessedOn: string;
}

export interface Validation {
  unitId: string;
  decision: 'validated' | 'not-validated';
  notes: string;
  validatedBy: string;
  validatedOn: string;
}

export type Recognition =
  | {
      unitId: string;
      learnerId: string;
      kind: 'module' | 'part-of-module';
      moduleId: string;
      ecvetPoints?: number;
      recognisedBy: string;
      recognisedOn: string;
    }
  | { unitId: string; rationale: string; refusedBy: string; refusedOn: string };

export const isRefusal = (r: Recognition): r is Extract<Recognition, { rationale: string }> =>
  'rationale' in r;

export interface MobilityView {
  mobilityId: string;
  version: number;
  phase: Phase;
  status: string;
  partnershipId: string;
  selection?: { callId: string; applicationId: string };
  learner: {
    learnerId: string;
    name: unknown;
    dateOfBirth?: unknown;
    email?: unknown;
    guardian?: unknown;
  };
  minor: boolean;
  longDuration: boolean;
  sendingInstitution: InstitutionSnapshot;
  host: InstitutionSnapshot;
  type: string;
  plannedPeriod: { start: string; end: string };
  qualification: {
    qualificationId: string;
    version: number;
    title: Localized;
    eqfLevel: number;
    nqfLevel: number;
    programme: string;
  };
  targetedUnits: UnitSnapshot[];
  lifeSkills: string[];
  mentors: { sending: Person; host: Person };
  responsibilities?: { sendingSchool: string[]; host: string[]; learner: string[] };
  insurance?: unknown;
  actualStart?: string;
  actualEnd?: string;
  warnings: string[];
  agreement?: {
    version: number;
    contentHash: string;
    requiredSignatories: SignatoryRole[];
    pendingSignatories: SignatoryRole[];
    fullySigned: boolean;
    declinedBy?: { role: SignatoryRole; reason: string };
    signatures: Signature[];
    versionHashes: string[];
  };
  finalAssessments: FinalAssessment[];
  transcriptId?: string;
  validations: Validation[];
  recognitions: Recognition[];
  certificateId?: string;
  /** Signature reminders sent per `<version>/<role>`. */
  reminders: Record<string, number>;
  /** Step reminders sent per step (start, end, assessment, recognition). */
  stepReminders: Record<string, number>;
  /** `<version>/<role>/<level>` and `<step>/<level>`. */
  escalations: string[];
  expiredAgreementVersions: number[];
  missedDeadlines: string[];
  overdue: boolean;
}

/** `GET /mobilities/{id}/learning-agreement/versions/{v}`. */
export interface AgreementVersionDocument {
  mobilityId: string;
  version: number;
  content: Record<string, unknown>;
  contentHash: string;
  requiredSignatories: SignatoryRole[];
  voidedSignatures: SignatoryRole[];
  amendmentReason?: string;
  draftedAt: string;
  recordedAt: string;
  signatures: Array<
    | ({ type: 'LearningAgreementSigned' } & Omit<Signature, never> & { version: number })
    | {
        type: 'LearningAgreementDeclined';
        role: SignatoryRole;
        signer: { id: string; name: unknown; email: unknown };
        reason: string;
        declinedAt: string;
      }
  >;
}

/** What a write answers (apps/api/src/http/write-response.ts). */
export interface WriteResult {
  id: string;
  version: number;
  events: string[];
}
