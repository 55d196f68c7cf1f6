import { mobilityCodec, type MobilityEvent } from '@ecvet/domain';
import type { RecordedEvent } from '@ecvet/event-store';
import type {
  MobilityBridgedEvent,
  MobilityEventSummary,
  MobilityEventType,
} from '../../../../workflows/mobility-signal';
import { bridged, domainEvent } from './bridged-event';

/** The event types the mobility workflow follows (stream `Mobility-<id>`): the contract's. */
const FOLLOWED: Record<MobilityEventType, true> = {
  MobilityPlanned: true,
  LearningAgreementVersionDrafted: true,
  LearningAgreementSigned: true,
  LearningAgreementDeclined: true,
  LearningAgreementFullySigned: true,
  SignatureReminderSent: true,
  SignatureRequestEscalated: true,
  SignatureRequestExpired: true,
  MobilityStarted: true,
  MobilityEnded: true,
  TranscriptIssued: true,
  UnitRecognised: true,
  UnitRecognitionRefused: true,
  StepReminderSent: true,
  StepEscalated: true,
  StepDeadlineMissed: true,
  MobilityCompleted: true,
  MobilityCancelled: true,
};
export const BRIDGED_MOBILITY_EVENTS = Object.keys(FOLLOWED) as MobilityEventType[];
const followed = new Set<string>(BRIDGED_MOBILITY_EVENTS);
const isFollowed = (e: MobilityEvent): e is Extract<MobilityEvent, { type: MobilityEventType }> =>
  followed.has(e.type);

/**
 * What the mobility workflow needs of an event — ids, versions, roles, dates, counts — and never
 * personal data: Temporal's histories are not encrypted per learner, so names, contacts,
 * insurance, signers and free texts stay out. The contract is `MobilityEventSummary`
 * (workflows/mobility-signal.ts), carried by the `mobilityEvent` signal.
 */
export function summariseMobilityEvent(event: RecordedEvent): MobilityBridgedEvent {
  return bridged(event, mobilitySummary(domainEvent(event, mobilityCodec, isFollowed, followed)));
}

/** The field order of each summary is the serialised order recorded in histories: keep it. */
function mobilitySummary(
  e: Extract<MobilityEvent, { type: MobilityEventType }>,
): MobilityEventSummary {
  switch (e.type) {
    case 'MobilityPlanned': {
      const p = e.data;
      return {
        type: e.type,
        data: {
          partnershipId: p.partnershipId,
          sendingInstitutionId: p.sendingInstitution.institutionId,
          plannedStart: p.terms.plannedPeriod.start,
          plannedEnd: p.terms.plannedPeriod.end,
          unitIds: p.terms.targetedUnits.map((u) => u.unitId),
        },
      };
    }
    case 'LearningAgreementVersionDrafted': {
      const v = e.data;
      return {
        type: e.type,
        data: {
          version: v.version,
          requiredSignatories: v.requiredSignatories,
          plannedStart: v.content.plannedPeriod.start,
          plannedEnd: v.content.plannedPeriod.end,
          unitIds: v.content.targetedUnits.map((u) => u.unitId),
        },
      };
    }
    case 'LearningAgreementSigned':
    case 'LearningAgreementDeclined':
      return { type: e.type, data: { version: e.data.version, role: e.data.role } };
    case 'LearningAgreementFullySigned':
      return { type: e.type, data: { version: e.data.version } };
    case 'SignatureReminderSent': {
      const { version, role, reminderNumber, sentAt } = e.data;
      return { type: e.type, data: { version, role, reminderNumber, sentAt } };
    }
    case 'SignatureRequestEscalated': {
      const { version, role, level } = e.data;
      return { type: e.type, data: { version, role, level } };
    }
    case 'SignatureRequestExpired':
      return { type: e.type, data: { version: e.data.version, deadline: e.data.deadline } };
    case 'MobilityStarted':
      return { type: e.type, data: { actualStart: e.data.actualStart } };
    case 'MobilityEnded':
      return { type: e.type, data: { actualEnd: e.data.actualEnd } };
    case 'UnitRecognised':
    case 'UnitRecognitionRefused':
      return { type: e.type, data: { unitId: e.data.unitId } };
    case 'StepReminderSent': {
      const { reminderNumber, sentAt, step, deadline } = e.data;
      return {
        type: e.type,
        data: { reminderNumber, sentAt, step, ...(deadline !== undefined && { deadline }) },
      };
    }
    case 'StepEscalated':
      return { type: e.type, data: { level: e.data.level, step: e.data.step } };
    case 'StepDeadlineMissed':
      return { type: e.type, data: { step: e.data.step, deadline: e.data.deadline } };
    case 'TranscriptIssued':
    case 'MobilityCompleted':
    case 'MobilityCancelled':
      return { type: e.type, data: {} };
  }
}
