import type {
  AwaitedStep,
  EscalationLevel,
  SignatoryRole,
} from '../libs/domain/src/mobility/mobility.events';
import type { RecordedSummary } from './bridged-event';
import type { MobilityBridgedEvent, MobilityEventSummary } from './mobility-signal';

/**
 * What the mobility workflow knows of its mobility, folded from bridged events: the signature
 * collection of each Learning Agreement version, and the awaited steps (start, end, the host's
 * assessment, the school's recognition). Pure and serialisable (it is carried across
 * continue-as-new); what to do next is decided from it in mobility-schedule.ts.
 */

/** Signature collection of one Learning Agreement version. */
export interface LearningAgreementCollection {
  version: number;
  /** ms: when this version was drafted (the request was made). */
  requestedAt: number;
  required: SignatoryRole[];
  signed: SignatoryRole[];
  declined: boolean;
  fullySigned: boolean;
  expired: boolean;
  reminders: Partial<Record<SignatoryRole, number>>;
  /** ms of the last reminder per role: after downtime, reminders resume spaced, not in a burst. */
  lastSentAt: Partial<Record<SignatoryRole, number>>;
  escalated: Partial<Record<SignatoryRole, EscalationLevel[]>>;
}

/** An awaited step of the mobility (its start, its end, the assessment, the recognition). */
export interface StepTrack {
  reminders: number;
  lastSentAt?: number;
  escalated: EscalationLevel[];
  missed: boolean;
}

export interface MobilityTrack {
  mobilityId: string;
  lastCheckpoint: string;
  partnershipId?: string;
  sendingInstitutionId?: string;
  plannedStart?: string;
  plannedEnd?: string;
  status: 'unknown' | 'planned' | 'under-way' | 'ended' | 'completed' | 'cancelled';
  collection?: LearningAgreementCollection;
  fullySignedAt?: number;
  actualEnd?: string;
  endedAt?: number;
  transcriptAt?: number;
  units: string[];
  decidedUnits: string[];
  steps: Partial<Record<AwaitedStep, StepTrack>>;
}

export const newMobilityTrack = (mobilityId: string): MobilityTrack => ({
  mobilityId,
  lastCheckpoint: '',
  status: 'unknown',
  units: [],
  decidedUnits: [],
  steps: {},
});

/** Folds one bridged event; returns false for an event already seen (at or below the checkpoint). */
export function applyMobilityEvent(track: MobilityTrack, event: MobilityBridgedEvent): boolean {
  if (event.checkpoint <= track.lastCheckpoint) return false;
  track.lastCheckpoint = event.checkpoint;
  foldMobilityEvent(track, event);
  return true;
}

/**
 * Folds one event summary into the track: a bridged event (through `applyMobilityEvent`) or what
 * the workflow's own action recorded (`mobilityActionOutcome`), before the bridge delivers it.
 */
export function foldMobilityEvent(
  track: MobilityTrack,
  event: RecordedSummary<MobilityEventSummary>,
): void {
  const at = Date.parse(event.recordedAt);
  const c = track.collection;
  switch (event.type) {
    case 'MobilityPlanned': {
      const d = event.data;
      track.status = 'planned';
      track.partnershipId = d.partnershipId;
      track.sendingInstitutionId = d.sendingInstitutionId;
      track.plannedStart = d.plannedStart;
      track.plannedEnd = d.plannedEnd;
      track.units = d.unitIds ?? [];
      break;
    }
    case 'LearningAgreementVersionDrafted': {
      const d = event.data;
      track.collection = {
        version: d.version ?? 1,
        requestedAt: at,
        required: d.requiredSignatories ?? [],
        signed: [],
        declined: false,
        fullySigned: false,
        expired: false,
        reminders: {},
        lastSentAt: {},
        escalated: {},
      };
      track.plannedStart = d.plannedStart ?? track.plannedStart;
      track.plannedEnd = d.plannedEnd ?? track.plannedEnd;
      track.units = d.unitIds ?? track.units;
      break;
    }
    case 'LearningAgreementSigned': {
      const { version, role } = event.data;
      if (c && c.version === version && !c.signed.includes(role)) c.signed.push(role);
      break;
    }
    case 'LearningAgreementDeclined':
      if (c && c.version === event.data.version) c.declined = true;
      break;
    case 'LearningAgreementFullySigned':
      if (c && c.version === event.data.version) c.fullySigned = true;
      track.fullySignedAt = at;
      break;
    case 'SignatureRequestExpired':
      if (c && c.version === event.data.version) c.expired = true;
      break;
    case 'SignatureReminderSent': {
      const { version, role, reminderNumber, sentAt } = event.data;
      if (c && c.version === version) {
        c.reminders[role] = Math.max(c.reminders[role] ?? 0, reminderNumber ?? 0);
        c.lastSentAt[role] = Math.max(
          c.lastSentAt[role] ?? 0,
          Date.parse(sentAt ?? event.recordedAt),
        );
      }
      break;
    }
    case 'SignatureRequestEscalated': {
      const { version, role, level } = event.data;
      if (c && c.version === version) {
        const levels = c.escalated[role] ?? [];
        if (!levels.includes(level)) c.escalated[role] = [...levels, level];
      }
      break;
    }
    case 'MobilityStarted':
      track.status = 'under-way';
      break;
    case 'MobilityEnded':
      track.status = 'ended';
      track.actualEnd = event.data.actualEnd;
      track.endedAt = at;
      break;
    case 'TranscriptIssued':
      track.transcriptAt = at;
      break;
    case 'UnitRecognised':
    case 'UnitRecognitionRefused': {
      const { unitId } = event.data;
      if (typeof unitId === 'string' && !track.decidedUnits.includes(unitId))
        track.decidedUnits.push(unitId);
      break;
    }
    case 'StepReminderSent': {
      const { step, reminderNumber, sentAt } = event.data;
      const s = stepOf(track, step);
      s.reminders = Math.max(s.reminders, reminderNumber ?? 0);
      s.lastSentAt = Math.max(s.lastSentAt ?? 0, Date.parse(sentAt ?? event.recordedAt));
      break;
    }
    case 'StepEscalated': {
      const { step, level } = event.data;
      const s = stepOf(track, step);
      if (!s.escalated.includes(level)) s.escalated.push(level);
      break;
    }
    case 'StepDeadlineMissed':
      stepOf(track, event.data.step).missed = true;
      break;
    case 'MobilityCompleted':
      track.status = 'completed';
      break;
    case 'MobilityCancelled':
      track.status = 'cancelled';
      break;
  }
}

export function stepOf(track: MobilityTrack, step: AwaitedStep): StepTrack {
  return (track.steps[step] ??= { reminders: 0, escalated: [], missed: false });
}
