import { defineSignal } from '@temporalio/workflow';
import type {
  MouDeclined,
  MouFullySigned,
  MouRenewalEscalated,
  MouRenewalReminderSent,
  MouSignatureReminderSent,
  MouSignatureRequestEscalated,
  MouSignatureRequestExpired,
  MouSigned,
  PartnerRemoved,
  PartnershipPartyRole,
  PartnershipReminderPolicySet,
  PartnershipTerminated,
} from '../libs/domain/src/partnership/partnership.events';
import type { BridgedEvent } from './bridged-event';

/** A domain event reduced to some of its fields. */
type Summary<E extends { type: string; data: object }, K extends keyof E['data'] = never> = {
  type: E['type'];
  data: Pick<E['data'], K>;
};

/**
 * What the partnership workflow learns of each event of its partnership's stream (the
 * `partnershipEvent` signal): ids, versions, institution ids, validity dates, counts, and never
 * personal data — no signer's name, e-mail, IP address or user agent, no free text (a decline's
 * or a termination's reason, the MoU content, the policy).
 * `apps/worker/src/bridge/partnership-bridged-events.ts` produces it; the field order there is the
 * serialised order recorded in histories.
 */
export type PartnershipEventSummary =
  | {
      type: 'PartnershipProposed';
      data: { coordinatorInstitutionId: string; requiredParties: string[] };
    }
  | {
      type: 'PartnerAdded';
      data: { institutionId: string; role: PartnershipPartyRole; supersededVersion?: number };
    }
  | Summary<PartnerRemoved, 'institutionId' | 'supersededVersion'>
  | {
      type: 'MouVersionDrafted';
      data: { version: number; validFrom: string; validUntil: string; renewalOf?: number };
    }
  | Summary<MouSigned, 'version' | 'institutionId'>
  | Summary<MouFullySigned, 'version' | 'validFrom' | 'validUntil'>
  | Summary<MouDeclined, 'version' | 'institutionId'>
  | {
      type: PartnershipTerminated['type'];
      /** Absent when the workflow learnt of the termination from a refused action. */
      data: Partial<Pick<PartnershipTerminated['data'], 'effectiveOn'>>;
    }
  /** The workflow reloads the policy through its activity: the summary carries none of it. */
  | Summary<PartnershipReminderPolicySet>
  | Summary<MouSignatureReminderSent, 'version' | 'institutionId' | 'reminderNumber' | 'sentAt'>
  | Summary<MouSignatureRequestEscalated, 'version' | 'institutionId' | 'level' | 'afterReminders'>
  | Summary<MouSignatureRequestExpired, 'version' | 'deadline' | 'pendingInstitutionIds'>
  | Summary<MouRenewalReminderSent, 'version' | 'validUntil' | 'reminderNumber' | 'sentAt'>
  | Summary<MouRenewalEscalated, 'version' | 'validUntil' | 'level' | 'afterReminders'>;

/** The event types the partnership workflow follows. */
export type PartnershipEventType = PartnershipEventSummary['type'];

/** What the `partnershipEvent` signal carries. */
export type PartnershipBridgedEvent = BridgedEvent<PartnershipEventSummary>;

/** The bridge delivers each relevant event of the partnership's stream here, in log order. */
export const partnershipEventSignal = defineSignal<[PartnershipBridgedEvent]>('partnershipEvent');
