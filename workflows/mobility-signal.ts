import { defineSignal } from '@temporalio/workflow';
import type {
  LearningAgreementDeclined,
  LearningAgreementFullySigned,
  LearningAgreementSigned,
  MobilityCancelled,
  MobilityCompleted,
  MobilityEnded,
  MobilityStarted,
  SignatoryRole,
  SignatureReminderSent,
  SignatureRequestEscalated,
  SignatureRequestExpired,
  StepDeadlineMissed,
  StepEscalated,
  StepReminderSent,
  TranscriptIssued,
  UnitRecognised,
  UnitRecognitionRefused,
} from '../libs/domain/src/mobility/mobility.events';
import type { BridgedEvent } from './bridged-event';

/** A domain event reduced to some of its fields. */
type Summary<E extends { type: string; data: object }, K extends keyof E['data'] = never> = {
  type: E['type'];
  data: Pick<E['data'], K>;
};

/**
 * What the mobility workflow learns of each event of its mobility's stream (the `mobilityEvent`
 * signal): ids, versions, roles, dates and counts, and never personal data — no names, contacts,
 * insurance, signer, IP address or free text. `apps/worker/src/bridge/mobility-bridged-events.ts`
 * produces it; the field order there is the serialised order recorded in histories.
 */
export type MobilityEventSummary =
  | {
      type: 'MobilityPlanned';
      data: {
        partnershipId: string;
        sendingInstitutionId: string;
        plannedStart: string;
        plannedEnd: string;
        unitIds: string[];
      };
    }
  | {
      type: 'LearningAgreementVersionDrafted';
      data: {
        version: number;
        requiredSignatories: SignatoryRole[];
        plannedStart: string;
        plannedEnd: string;
        unitIds: string[];
      };
    }
  | Summary<LearningAgreementSigned, 'version' | 'role'>
  | Summary<LearningAgreementDeclined, 'version' | 'role'>
  | Summary<LearningAgreementFullySigned, 'version'>
  | Summary<SignatureReminderSent, 'version' | 'role' | 'reminderNumber' | 'sentAt'>
  | Summary<SignatureRequestEscalated, 'version' | 'role' | 'level'>
  | Summary<SignatureRequestExpired, 'version' | 'deadline'>
  | Summary<MobilityStarted, 'actualStart'>
  | Summary<MobilityEnded, 'actualEnd'>
  | Summary<TranscriptIssued>
  | Summary<UnitRecognised, 'unitId'>
  | Summary<UnitRecognitionRefused, 'unitId'>
  | Summary<StepReminderSent, 'reminderNumber' | 'sentAt' | 'step' | 'deadline'>
  | Summary<StepEscalated, 'level' | 'step'>
  | Summary<StepDeadlineMissed, 'step' | 'deadline'>
  | Summary<MobilityCompleted>
  | Summary<MobilityCancelled>;

/** The event types the mobility workflow follows. */
export type MobilityEventType = MobilityEventSummary['type'];

/** What the `mobilityEvent` signal carries. */
export type MobilityBridgedEvent = BridgedEvent<MobilityEventSummary>;

/** The bridge delivers each relevant event of the mobility's stream here, in log order. */
export const mobilityEventSignal = defineSignal<[MobilityBridgedEvent]>('mobilityEvent');
