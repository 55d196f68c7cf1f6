import type { Command, CommandOf, RequestOf } from '../shared/command';
import type {
  InstitutionSnapshot,
  PartnershipSnapshot,
  QualificationSnapshot,
  SelectionSnapshot,
} from '../shared/snapshots';
import type {
  Assessor,
  AssessmentResult,
  AuthMethod,
  Insurance,
  LearnerDetails,
  LifeSkill,
  Mentor,
  MobilityType,
  SignatoryRole,
  Signer,
  FinalAssessmentRecorded,
  MentorCheckInRecorded,
  IncidentReported,
  FeedbackSubmitted,
  AwaitedStep,
  EscalationLevel,
} from './mobility.events';

type Cmd<T extends string, D> = Command<T, { mobilityId: string } & D>;

/** The terms a coordinator plans or amends: the agreement's content minus what is looked up. */
export interface PlannedTerms {
  type: MobilityType;
  plannedPeriod: { start: string; end: string };
  targetedUnitIds: string[];
  lifeSkills: LifeSkill[];
  mentors: { sending: Mentor; host: Mentor };
  responsibilities: { sendingSchool: string[]; host: string[]; learner: string[] };
  insurance: Insurance;
}

/** What a coordinator sends to plan a mobility: the terms, and the other aggregates by id. */
export interface PlanMobilityRequest extends PlannedTerms {
  partnershipId: string;
  learner: LearnerDetails;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  qualificationId: string;
  /** The published catalogue version the agreement pins. */
  qualificationVersion: number;
  /** A learner chosen through a call. */
  selection?: { callId: string; applicationId: string };
}

/** The plan decision's input: the request with what it names, as snapshots (ADR 0006). */
export interface PlanMobilityInput extends PlanMobilityRequest {
  partnership: PartnershipSnapshot;
  sendingInstitution: InstitutionSnapshot;
  host: InstitutionSnapshot;
  qualification: QualificationSnapshot;
  selection?: SelectionSnapshot;
}

export type PlanMobility = Cmd<'PlanMobility', PlanMobilityInput>;

export type DraftLearningAgreement = Cmd<'DraftLearningAgreement', object>;

export interface AmendAgreementRequest {
  changes: Partial<PlannedTerms> & {
    learnerContact?: Pick<LearnerDetails, 'email' | 'phone' | 'guardian'>;
  };
  reason: string;
}

export type AmendLearningAgreement = Cmd<
  'AmendLearningAgreement',
  AmendAgreementRequest & {
    partnership: PartnershipSnapshot;
    /** The pinned catalogue version (needed when units change). */
    qualification: QualificationSnapshot;
  }
>;

/** A signature on one version of the agreement, with its evidence. */
export interface SignAgreementRequest {
  version: number;
  contentHash: string;
  role: SignatoryRole;
  signer: Signer;
  authMethod: AuthMethod;
  intent: string;
  ip?: string;
  userAgent?: string;
}

export type SignLearningAgreement = Cmd<
  'SignLearningAgreement',
  SignAgreementRequest & { partnership: PartnershipSnapshot }
>;

export type DeclineLearningAgreement = Cmd<
  'DeclineLearningAgreement',
  { version: number; role: SignatoryRole; signer: Signer; reason: string }
>;

export interface StartMobilityRequest {
  actualStart: string;
}

export type StartMobility = Cmd<
  'StartMobility',
  StartMobilityRequest & { partnership: PartnershipSnapshot }
>;

export type RecordMentorCheckIn = Cmd<
  'RecordMentorCheckIn',
  Omit<MentorCheckInRecorded['data'], 'mobilityId'>
>;
export type ReportIncident = Cmd<'ReportIncident', Omit<IncidentReported['data'], 'mobilityId'>>;
export type RecordFormativeAssessment = Cmd<
  'RecordFormativeAssessment',
  { assessmentId: string; unitId: string; assessedOn: string; feedback: string; assessor: Assessor }
>;
export type RecordFinalAssessment = Cmd<
  'RecordFinalAssessment',
  Omit<FinalAssessmentRecorded['data'], 'mobilityId'> & { result: AssessmentResult }
>;
export type EndMobility = Cmd<'EndMobility', { actualEnd: string }>;
export type IssueTranscript = Cmd<
  'IssueTranscript',
  { transcriptId: string; issuedOn: string; issuedBy: string }
>;
export type ValidateUnit = Cmd<
  'ValidateUnit',
  {
    unitId: string;
    decision: 'validated' | 'not-validated';
    notes: string;
    validatedBy: string;
    validatedOn: string;
  }
>;
export type RecogniseUnit = Cmd<
  'RecogniseUnit',
  {
    unitId: string;
    decision: 'module' | 'part-of-module' | 'refused';
    moduleId?: string;
    ecvetPoints?: number;
    rationale?: string;
    decidedBy: string;
    decidedOn: string;
  }
>;
export type IssueCertificate = Cmd<
  'IssueCertificate',
  { certificateId: string; issuedBy: string; issuedOn: string }
>;
export type SubmitFeedback = Cmd<'SubmitFeedback', Omit<FeedbackSubmitted['data'], 'mobilityId'>>;
export type CompleteMobility = Cmd<'CompleteMobility', { completedOn: string }>;
export type CancelMobility = Cmd<'CancelMobility', { reason: string; cancelledOn: string }>;

export type SendSignatureReminder = Cmd<
  'SendSignatureReminder',
  { version: number; role: SignatoryRole; reminderNumber: number }
>;
export type EscalateSignatureRequest = Cmd<
  'EscalateSignatureRequest',
  { version: number; role: SignatoryRole; level: EscalationLevel; afterReminders: number }
>;
export type ExpireSignatureRequest = Cmd<
  'ExpireSignatureRequest',
  { version: number; deadline: string }
>;
export type SendStepReminder = Cmd<
  'SendStepReminder',
  { step: AwaitedStep; reminderNumber: number; deadline?: string }
>;
export type EscalateStep = Cmd<
  'EscalateStep',
  { step: AwaitedStep; level: EscalationLevel; afterReminders: number }
>;
export type RecordStepDeadlineMissed = Cmd<
  'RecordStepDeadlineMissed',
  { step: AwaitedStep; deadline: string }
>;

/** A fresh signing link for a signatory of the current version; earlier ones stop working. */
export type ReissueSigningLink = Cmd<
  'ReissueSigningLink',
  { version: number; role: SignatoryRole }
>;

/** The operator read a link kept in the local outbox (no SMTP server): `linkId` names it. */
export type DiscloseSigningLink = Cmd<
  'DiscloseSigningLink',
  { version: number; role: SignatoryRole; linkId: string }
>;

/** What the workflow records (actor `system:workflow`): reminders, escalations, expiry. */
export type MobilityReminderCommand =
  | SendSignatureReminder
  | EscalateSignatureRequest
  | ExpireSignatureRequest
  | SendStepReminder
  | EscalateStep
  | RecordStepDeadlineMissed;

export type MobilityCommand =
  | PlanMobility
  | DraftLearningAgreement
  | AmendLearningAgreement
  | SignLearningAgreement
  | DeclineLearningAgreement
  | StartMobility
  | RecordMentorCheckIn
  | ReportIncident
  | RecordFormativeAssessment
  | RecordFinalAssessment
  | EndMobility
  | IssueTranscript
  | ValidateUnit
  | RecogniseUnit
  | IssueCertificate
  | SubmitFeedback
  | CompleteMobility
  | CancelMobility
  | ReissueSigningLink
  | DiscloseSigningLink
  | MobilityReminderCommand;

export type MobilityCommandOf<T extends MobilityCommand['type']> = CommandOf<MobilityCommand, T>;
/**
 * What a caller sends for a command that needs no other aggregate: its data without the
 * mobility's id (the address). The four that do have their own request types above.
 */
export type MobilityRequest<T extends MobilityCommand['type']> = RequestOf<
  MobilityCommandOf<T>,
  'mobilityId'
>;
