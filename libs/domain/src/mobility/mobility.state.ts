import { canonical } from '../shared/same-content';
import type {
  AwaitedStep,
  AssessmentResult,
  FinalAssessmentRecorded,
  LearningAgreementContent,
  MobilityEvent,
  MobilityPlanned,
  SignatoryRole,
  LearningAgreementSigned,
  UnitRecognised,
  UnitRecognitionRefused,
  UnitValidated,
} from './mobility.events';
import { Map as PersistentMap } from 'immutable';
import type { MobilityPhase } from './mobility.phases';

export interface AgreementVersion {
  version: number;
  content: LearningAgreementContent;
  contentHash: string;
  requiredSignatories: SignatoryRole[];
  signatures: Map<SignatoryRole, LearningAgreementSigned['data']>;
  declinedBy?: { role: SignatoryRole; reason: string };
  fullySigned: boolean;
}

export type MobilityStatus = 'none' | 'planned' | 'under-way' | 'ended' | 'completed' | 'cancelled';

export interface MobilityState {
  status: MobilityStatus;
  plan?: MobilityPlanned['data'];
  agreement?: AgreementVersion;
  /** Every version's hash, by version, for audits and for recognising stale signatures. */
  agreementHashes: string[];
  actualStart?: string;
  actualEnd?: string;
  /**
   * Ids of check-ins, incidents, formative assessments, feedback: each recorded once. A persistent
   * map (structural sharing): a long mobility's fold adds one entry per event in O(log n) instead
   * of copying every earlier record (a 10,000-event stream folded in seconds with a copied Map).
   */
  records: PersistentMap<string, string>;
  finalAssessments: Map<string, FinalAssessmentRecorded['data']>;
  transcriptId?: string;
  validations: Map<string, UnitValidated['data']>;
  recognitions: Map<string, UnitRecognised['data'] | UnitRecognitionRefused['data']>;
  certificateId?: string;
  warnings: string[];
  /** Reminders sent per `${version}/${role}`. */
  reminders: Map<string, number>;
  /** `${version}/${role}/${level}` and `${step}/${level}`. */
  escalations: Set<string>;
  expiredVersions: Set<number>;
  stepReminders: Map<AwaitedStep, number>;
  missedSteps: Set<AwaitedStep>;
}

export const initialMobilityState: MobilityState = {
  status: 'none',
  agreementHashes: [],
  records: PersistentMap<string, string>(),
  finalAssessments: new Map(),
  validations: new Map(),
  recognitions: new Map(),
  warnings: [],
  reminders: new Map(),
  escalations: new Set(),
  expiredVersions: new Set(),
  stepReminders: new Map(),
  missedSteps: new Set(),
};

export function evolveMobility(state: MobilityState, event: MobilityEvent): MobilityState {
  switch (event.type) {
    case 'MobilityPlanned':
      return { ...state, status: 'planned', plan: event.data };
    case 'MobilityPlanWarningRaised':
      return { ...state, warnings: [...state.warnings, event.data.code] };
    case 'LearningAgreementVersionDrafted': {
      const { version, content, contentHash, requiredSignatories } = event.data;
      const plan = state.plan && {
        ...state.plan,
        learner: content.learner,
        terms: {
          type: content.type,
          plannedPeriod: content.plannedPeriod,
          qualification: content.qualification,
          targetedUnits: content.targetedUnits,
          lifeSkills: content.lifeSkills,
          mentors: content.mentors,
          responsibilities: content.responsibilities,
          insurance: content.insurance,
        },
      };
      return {
        ...state,
        plan,
        agreement: {
          version,
          content,
          contentHash,
          requiredSignatories,
          signatures: new Map(),
          fullySigned: false,
        },
        agreementHashes: [...state.agreementHashes, contentHash],
      };
    }
    case 'LearningAgreementSigned': {
      if (!state.agreement) return state;
      const signatures = new Map(state.agreement.signatures).set(event.data.role, event.data);
      return { ...state, agreement: { ...state.agreement, signatures } };
    }
    case 'LearningAgreementDeclined':
      if (!state.agreement) return state;
      return {
        ...state,
        agreement: {
          ...state.agreement,
          declinedBy: { role: event.data.role, reason: event.data.reason },
        },
      };
    case 'LearningAgreementFullySigned':
      if (!state.agreement) return state;
      return { ...state, agreement: { ...state.agreement, fullySigned: true } };
    case 'MobilityStarted':
      return { ...state, status: 'under-way', actualStart: event.data.actualStart };
    case 'MentorCheckInRecorded':
      return withRecord(state, event.data.checkInId, event.data);
    case 'IncidentReported':
      return withRecord(state, event.data.incidentId, event.data);
    case 'FormativeAssessmentRecorded':
      return withRecord(state, event.data.assessmentId, event.data);
    case 'FeedbackSubmitted':
      return withRecord(state, event.data.feedbackId, event.data);
    case 'FinalAssessmentRecorded':
      return {
        ...state,
        finalAssessments: new Map(state.finalAssessments).set(event.data.unitId, event.data),
      };
    case 'MobilityEnded':
      return { ...state, status: 'ended', actualEnd: event.data.actualEnd };
    case 'TranscriptIssued':
      return { ...state, transcriptId: event.data.transcriptId };
    case 'UnitValidated':
      return {
        ...state,
        validations: new Map(state.validations).set(event.data.unitId, event.data),
      };
    case 'UnitRecognised':
    case 'UnitRecognitionRefused':
      return {
        ...state,
        recognitions: new Map(state.recognitions).set(event.data.unitId, event.data),
      };
    case 'CertificateIssued':
      return { ...state, certificateId: event.data.certificateId };
    case 'MobilityCompleted':
      return { ...state, status: 'completed' };
    case 'MobilityCancelled':
      return { ...state, status: 'cancelled' };
    case 'SignatureReminderSent': {
      const key = `${event.data.version}/${event.data.role}`;
      return { ...state, reminders: new Map(state.reminders).set(key, event.data.reminderNumber) };
    }
    case 'SignatureRequestEscalated': {
      const key = `${event.data.version}/${event.data.role}/${event.data.level}`;
      return { ...state, escalations: new Set(state.escalations).add(key) };
    }
    case 'SignatureRequestExpired':
      return { ...state, expiredVersions: new Set(state.expiredVersions).add(event.data.version) };
    case 'StepReminderSent':
      return {
        ...state,
        stepReminders: new Map(state.stepReminders).set(event.data.step, event.data.reminderNumber),
      };
    case 'StepEscalated':
      return {
        ...state,
        escalations: new Set(state.escalations).add(`${event.data.step}/${event.data.level}`),
      };
    case 'StepDeadlineMissed':
      return { ...state, missedSteps: new Set(state.missedSteps).add(event.data.step) };
    // Which links still work is the signing pages' concern (libs/notifications counts the
    // reissues in the stream); disclosures are an audit record. Neither changes a decision.
    case 'SigningLinkReissued':
    case 'SigningLinkDisclosed':
      return state;
  }
}

function withRecord(state: MobilityState, id: string, data: object): MobilityState {
  return { ...state, records: state.records.set(id, canonical(data)) };
}

/** Signatories whose signature the current agreement version still lacks. */
export function pendingSignatories(state: MobilityState): SignatoryRole[] {
  const agreement = state.agreement;
  if (!agreement || agreement.fullySigned || agreement.declinedBy) return [];
  return agreement.requiredSignatories.filter((role) => !agreement.signatures.has(role));
}

/** Where the mobility stands, for dashboards and workflows (derived, never stored). */
export function mobilityPhase(state: MobilityState): MobilityPhase | undefined {
  switch (state.status) {
    case 'none':
      return undefined;
    case 'cancelled':
      return 'cancelled';
    case 'completed':
      return 'completed';
    case 'planned':
      if (!state.agreement) return 'preparation';
      if (state.agreement.declinedBy) return 'agreement-declined';
      return state.agreement.fullySigned ? 'ready-to-start' : 'awaiting-signatures';
    case 'under-way':
      return 'under-way';
    case 'ended': {
      const units = unitIds(state);
      if (!state.transcriptId) return 'awaiting-assessment';
      if (units.some((u) => !state.validations.has(u))) return 'awaiting-validation';
      if (units.some((u) => !state.recognitions.has(u))) return 'awaiting-recognition';
      return 'recognised';
    }
  }
}

export function unitIds(state: MobilityState): string[] {
  return state.plan?.terms.targetedUnits.map((u) => u.unitId) ?? [];
}

export function resultOf(state: MobilityState, unitId: string): AssessmentResult | undefined {
  return state.finalAssessments.get(unitId)?.result;
}

/** Whether the mobility is waiting for this step now (what step reminders may be about). */
export function isAwaiting(state: MobilityState, step: AwaitedStep): boolean {
  switch (step) {
    case 'start':
      return state.status === 'planned' && state.agreement?.fullySigned === true;
    case 'end':
      return state.status === 'under-way';
    case 'assessment':
      return state.status === 'ended' && state.transcriptId === undefined;
    case 'recognition':
      return (
        state.status === 'ended' &&
        state.transcriptId !== undefined &&
        unitIds(state).some((u) => !state.recognitions.has(u))
      );
  }
}
