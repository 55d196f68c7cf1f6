import { partnershipCodec, type PartnershipEvent } from '@ecvet/domain';
import type { RecordedEvent } from '@ecvet/event-store';
import type {
  PartnershipBridgedEvent,
  PartnershipEventSummary,
  PartnershipEventType,
} from '../../../../workflows/partnership-signal';
import { bridged, domainEvent } from './bridged-event';

/** The event types the partnership workflow follows (stream `Partnership-<id>`): the contract's. */
const FOLLOWED: Record<PartnershipEventType, true> = {
  PartnershipProposed: true,
  PartnerAdded: true,
  PartnerRemoved: true,
  MouVersionDrafted: true,
  MouSigned: true,
  MouFullySigned: true,
  MouDeclined: true,
  PartnershipTerminated: true,
  PartnershipReminderPolicySet: true,
  MouSignatureReminderSent: true,
  MouSignatureRequestEscalated: true,
  MouSignatureRequestExpired: true,
  MouRenewalReminderSent: true,
  MouRenewalEscalated: true,
};
export const BRIDGED_PARTNERSHIP_EVENTS = Object.keys(FOLLOWED) as PartnershipEventType[];
const followed = new Set<string>(BRIDGED_PARTNERSHIP_EVENTS);
const isFollowed = (
  e: PartnershipEvent,
): e is Extract<PartnershipEvent, { type: PartnershipEventType }> => followed.has(e.type);

/**
 * What the partnership workflow needs of an event — ids, versions, institution ids, validity
 * dates, the parties whose signatures are required — and never personal data: Temporal's
 * histories are not encrypted, so a signer's name, e-mail, IP address and user agent stay out,
 * and so do free texts (a decline's or a termination's reason, the MoU content, the policy). The
 * contract is `PartnershipEventSummary` (workflows/partnership-signal.ts), carried by the
 * `partnershipEvent` signal.
 */
export function summarisePartnershipEvent(event: RecordedEvent): PartnershipBridgedEvent {
  return bridged(
    event,
    partnershipSummary(domainEvent(event, partnershipCodec, isFollowed, followed)),
  );
}

/** The field order of each summary is the serialised order recorded in histories: keep it. */
function partnershipSummary(
  e: Extract<PartnershipEvent, { type: PartnershipEventType }>,
): PartnershipEventSummary {
  switch (e.type) {
    case 'PartnershipProposed':
      return {
        type: e.type,
        data: {
          coordinatorInstitutionId: e.data.coordinatorInstitutionId,
          requiredParties: e.data.parties.map((party) => party.institutionId),
        },
      };
    case 'PartnerAdded': {
      const { party, supersededVersion } = e.data;
      return {
        type: e.type,
        data: {
          institutionId: party.institutionId,
          role: party.role,
          ...(supersededVersion !== undefined && { supersededVersion }),
        },
      };
    }
    case 'PartnerRemoved': {
      const { institutionId, supersededVersion } = e.data;
      return {
        type: e.type,
        data: { institutionId, ...(supersededVersion !== undefined && { supersededVersion }) },
      };
    }
    case 'MouVersionDrafted': {
      const { version, content, renewalOf } = e.data;
      return {
        type: e.type,
        data: {
          version,
          validFrom: content.validFrom,
          validUntil: content.validUntil,
          ...(renewalOf !== undefined && { renewalOf }),
        },
      };
    }
    case 'MouSigned':
    case 'MouDeclined':
      return {
        type: e.type,
        data: { version: e.data.version, institutionId: e.data.institutionId },
      };
    case 'MouFullySigned': {
      const { version, validFrom, validUntil } = e.data;
      return { type: e.type, data: { version, validFrom, validUntil } };
    }
    case 'PartnershipTerminated':
      return { type: e.type, data: { effectiveOn: e.data.effectiveOn } };
    case 'PartnershipReminderPolicySet':
      // The workflow reloads the policy through its activity (merged with REMINDER_POLICY).
      return { type: e.type, data: {} };
    case 'MouSignatureReminderSent': {
      const { version, institutionId, reminderNumber, sentAt } = e.data;
      return { type: e.type, data: { version, institutionId, reminderNumber, sentAt } };
    }
    case 'MouSignatureRequestEscalated': {
      const { version, institutionId, level, afterReminders } = e.data;
      return { type: e.type, data: { version, institutionId, level, afterReminders } };
    }
    case 'MouSignatureRequestExpired': {
      const { version, deadline, pendingInstitutionIds } = e.data;
      return { type: e.type, data: { version, deadline, pendingInstitutionIds } };
    }
    case 'MouRenewalReminderSent': {
      const { version, validUntil, reminderNumber, sentAt } = e.data;
      return { type: e.type, data: { version, validUntil, reminderNumber, sentAt } };
    }
    case 'MouRenewalEscalated': {
      const { version, validUntil, level, afterReminders } = e.data;
      return { type: e.type, data: { version, validUntil, level, afterReminders } };
    }
  }
}
