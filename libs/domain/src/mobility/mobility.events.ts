import type {
  SignatureReminderSent,
  SignatureRequestEscalated,
  SignatureRequestExpired,
  StepReminderSent,
  StepEscalated,
  StepDeadlineMissed,
  SigningLinkReissued,
  SigningLinkDisclosed,
} from './mobility.time-events';

import type { SignatoryRole } from './mobility.signatories';
import type { Localized } from '../qualification/qualification.events';
import type { InstitutionSnapshot, QualificationSnapshot, UnitSnapshot } from '../shared/snapshots';

export type {
  AwaitedStep,
  EscalationLevel,
  SignatureReminderSent,
  SignatureRequestEscalated,
  SignatureRequestExpired,
  StepReminderSent,
  StepEscalated,
  StepDeadlineMissed,
  SigningLinkReissued,
  SigningLinkDisclosed,
} from './mobility.time-events';
export type { SignatoryRole } from './mobility.signatories';

export type MobilityType =
  'programme-module' | 'specialised-course' | 'innovation-pilot' | 'long-term-foundation';
export type LifeSkill =
  'entrepreneurship-and-initiative' | 'foreign-languages' | 'cultural-awareness';
/**
 * How a signature was given: with an account, through a signing link, a qualified e-signature,
 * or on paper (a handwritten signature the sending school's coordinator records).
 */
export type AuthMethod = 'account' | 'signing-link' | 'qualified-e-signature' | 'handwritten';

export interface Guardian {
  name: string;
  email: string;
  phone?: string;
}

/** Personal data: encrypted per learner in every event that carries it. */
export interface LearnerDetails {
  learnerId: string;
  name: string;
  dateOfBirth: string;
  email: string;
  phone?: string;
  guardian?: Guardian;
}

export interface Mentor {
  name: string;
  email: string;
  phone?: string;
}

export interface Insurance {
  provider: string;
  policyNumber: string;
  coverage: string;
}

/**
 * What the Learning Agreement says (domain.md "The documents"): the parties with their legal
 * addresses, the learner, the qualification and units, mentors, responsibilities, the period and
 * the insurance. Its canonical hash is what every signatory signs.
 */
export interface AgreementTerms {
  type: MobilityType;
  plannedPeriod: { start: string; end: string };
  qualification: Omit<QualificationSnapshot, 'units'>;
  targetedUnits: UnitSnapshot[];
  lifeSkills: LifeSkill[];
  mentors: { sending: Mentor; host: Mentor };
  responsibilities: { sendingSchool: string[]; host: string[]; learner: string[] };
  insurance: Insurance;
}

export interface LearningAgreementContent extends AgreementTerms {
  mobilityId: string;
  /** Part of the signed text, so that no two versions share a hash (even A → B → A). */
  version: number;
  sendingInstitution: InstitutionSnapshot;
  host: InstitutionSnapshot;
  learner: LearnerDetails;
}

export interface MobilityPlanned {
  type: 'MobilityPlanned';
  data: {
    mobilityId: string;
    partnershipId: string;
    selection?: { callId: string; applicationId: string };
    sendingInstitution: InstitutionSnapshot;
    host: InstitutionSnapshot;
    learner: LearnerDetails;
    terms: AgreementTerms;
    /** 3–12 months (ErasmusPro). */
    longDuration: boolean;
    /** Under 18 on the planned start: the guardian signs the agreement too. */
    minor: boolean;
    plannedAt: string;
  };
}

/** The plan's volume does not fit its period (or similar): a warning, not a refusal. */
export interface MobilityPlanWarningRaised {
  type: 'MobilityPlanWarningRaised';
  data: { mobilityId: string; code: string; message: string; details: Record<string, unknown> };
}

export interface LearningAgreementVersionDrafted {
  type: 'LearningAgreementVersionDrafted';
  data: {
    mobilityId: string;
    version: number;
    content: LearningAgreementContent;
    contentHash: string;
    requiredSignatories: SignatoryRole[];
    /** Signatures on the previous version that this version voids. */
    voidedSignatures: SignatoryRole[];
    amendmentReason?: string;
    draftedAt: string;
  };
}

export interface Signer {
  id: string;
  name: string;
  email: string;
}

export interface LearningAgreementSigned {
  type: 'LearningAgreementSigned';
  data: {
    mobilityId: string;
    version: number;
    contentHash: string;
    role: SignatoryRole;
    signer: Signer;
    authMethod: AuthMethod;
    intent: string;
    ip?: string;
    userAgent?: string;
    signedAt: string;
  };
}

export interface LearningAgreementDeclined {
  type: 'LearningAgreementDeclined';
  data: {
    mobilityId: string;
    version: number;
    role: SignatoryRole;
    signer: Signer;
    reason: string;
    declinedAt: string;
  };
}

export interface LearningAgreementFullySigned {
  type: 'LearningAgreementFullySigned';
  data: { mobilityId: string; version: number; contentHash: string; fullySignedAt: string };
}

export interface MobilityStarted {
  type: 'MobilityStarted';
  data: { mobilityId: string; actualStart: string; agreementVersion: number; mouVersion: number };
}

export interface MentorCheckInRecorded {
  type: 'MentorCheckInRecorded';
  data: {
    mobilityId: string;
    checkInId: string;
    mentor: 'sending' | 'host';
    heldOn: string;
    channel: 'on-site' | 'video' | 'phone' | 'message';
    notes: string;
    wellbeing: 'good' | 'concerns';
  };
}

export interface IncidentReported {
  type: 'IncidentReported';
  data: {
    mobilityId: string;
    incidentId: string;
    occurredOn: string;
    severity: 'low' | 'medium' | 'high';
    description: string;
    actionsTaken: string;
  };
}

export interface Assessor {
  name: string;
  role: string;
  institutionId: string;
}

export interface FormativeAssessmentRecorded {
  type: 'FormativeAssessmentRecorded';
  data: {
    mobilityId: string;
    assessmentId: string;
    unitId: string;
    assessedOn: string;
    feedback: string;
    assessor: Assessor;
  };
}

export type AssessmentResult = 'achieved' | 'partly-achieved' | 'not-achieved';

export interface FinalAssessmentRecorded {
  type: 'FinalAssessmentRecorded';
  data: {
    mobilityId: string;
    unitId: string;
    result: AssessmentResult;
    grade?: string;
    scale?: string;
    criteriaResults: Array<{ criterion: string; met: boolean; comment?: string }>;
    evidence: string[];
    assessor: Assessor;
    /** Departures from the assessment procedure agreed in the MoU, stated by the host. */
    deviations?: string;
    assessedOn: string;
  };
}

export interface MobilityEnded {
  type: 'MobilityEnded';
  data: { mobilityId: string; actualEnd: string };
}

export interface TranscriptIssued {
  type: 'TranscriptIssued';
  data: {
    mobilityId: string;
    transcriptId: string;
    issuedOn: string;
    issuedBy: string;
    units: Array<{ unitId: string; title: Localized; result: AssessmentResult; grade?: string }>;
  };
}

export interface UnitValidated {
  type: 'UnitValidated';
  data: {
    mobilityId: string;
    unitId: string;
    decision: 'validated' | 'not-validated';
    notes: string;
    validatedBy: string;
    validatedOn: string;
  };
}

export interface UnitRecognised {
  type: 'UnitRecognised';
  data: {
    mobilityId: string;
    learnerId: string;
    unitId: string;
    kind: 'module' | 'part-of-module';
    moduleId: string;
    ecvetPoints?: number;
    recognisedBy: string;
    recognisedOn: string;
  };
}

export interface UnitRecognitionRefused {
  type: 'UnitRecognitionRefused';
  data: {
    mobilityId: string;
    unitId: string;
    rationale: string;
    refusedBy: string;
    refusedOn: string;
  };
}

export interface CertificateIssued {
  type: 'CertificateIssued';
  data: {
    mobilityId: string;
    certificateId: string;
    issuedBy: string;
    issuedOn: string;
    units: Array<{
      unitId: string;
      title: Localized;
      kind: 'module' | 'part-of-module';
      moduleId: string;
      ecvetPoints?: number;
    }>;
  };
}

export interface FeedbackSubmitted {
  type: 'FeedbackSubmitted';
  data: {
    mobilityId: string;
    feedbackId: string;
    from: 'learner' | 'sending-school' | 'host';
    rating: number;
    comments: string;
    submittedOn: string;
  };
}

export interface MobilityCompleted {
  type: 'MobilityCompleted';
  data: { mobilityId: string; completedOn: string };
}

export interface MobilityCancelled {
  type: 'MobilityCancelled';
  data: { mobilityId: string; reason: string; cancelledOn: string };
}

export type MobilityEvent =
  | MobilityPlanned
  | MobilityPlanWarningRaised
  | LearningAgreementVersionDrafted
  | LearningAgreementSigned
  | LearningAgreementDeclined
  | LearningAgreementFullySigned
  | MobilityStarted
  | MentorCheckInRecorded
  | IncidentReported
  | FormativeAssessmentRecorded
  | FinalAssessmentRecorded
  | MobilityEnded
  | TranscriptIssued
  | UnitValidated
  | UnitRecognised
  | UnitRecognitionRefused
  | CertificateIssued
  | FeedbackSubmitted
  | MobilityCompleted
  | MobilityCancelled
  | SignatureReminderSent
  | SignatureRequestEscalated
  | SignatureRequestExpired
  | StepReminderSent
  | StepEscalated
  | StepDeadlineMissed
  | SigningLinkReissued
  | SigningLinkDisclosed;
