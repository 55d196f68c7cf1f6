import type { LearningAgreementVersionDrafted, MobilityPlanned } from '@ecvet/domain';
import type { RecordedEvent } from '@ecvet/event-store';
import type { BridgedEvent } from '../../../../workflows/bridged-event';

/** The event types the mobility workflow follows. */
export const BRIDGED_MOBILITY_EVENTS = [
  'MobilityPlanned',
  'LearningAgreementVersionDrafted',
  'LearningAgreementSigned',
  'LearningAgreementDeclined',
  'LearningAgreementFullySigned',
  'SignatureReminderSent',
  'SignatureRequestEscalated',
  'SignatureRequestExpired',
  'MobilityStarted',
  'MobilityEnded',
  'TranscriptIssued',
  'UnitRecognised',
  'UnitRecognitionRefused',
  'StepReminderSent',
  'StepEscalated',
  'StepDeadlineMissed',
  'MobilityCompleted',
  'MobilityCancelled',
];

/**
 * What a workflow needs of an event — ids, versions, roles, dates — and never personal data:
 * Temporal's histories are not encrypted per learner, so names, contacts and insurance stay out.
 */
export function summarise(event: RecordedEvent): BridgedEvent {
  const d = event.data as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
  let data: Record<string, unknown>;
  switch (event.type) {
    case 'MobilityPlanned': {
      const p = event.data as unknown as MobilityPlanned['data'];
      data = {
        partnershipId: p.partnershipId,
        sendingInstitutionId: p.sendingInstitution.institutionId,
        plannedStart: p.terms.plannedPeriod.start,
        plannedEnd: p.terms.plannedPeriod.end,
        unitIds: p.terms.targetedUnits.map((u) => u.unitId),
      };
      break;
    }
    case 'LearningAgreementVersionDrafted': {
      const v = event.data as unknown as LearningAgreementVersionDrafted['data'];
      data = {
        version: v.version,
        requiredSignatories: v.requiredSignatories,
        plannedStart: v.content.plannedPeriod.start,
        plannedEnd: v.content.plannedPeriod.end,
        unitIds: v.content.targetedUnits.map((u) => u.unitId),
      };
      break;
    }
    default:
      data = pick(
        'version',
        'role',
        'level',
        'reminderNumber',
        'sentAt',
        'step',
        'unitId',
        'actualStart',
        'actualEnd',
        'deadline',
      );
  }
  return {
    checkpoint: event.checkpoint,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data,
  };
}
