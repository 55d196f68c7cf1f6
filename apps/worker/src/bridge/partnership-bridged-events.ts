import type {
  MouVersionDrafted,
  PartnerAdded,
  PartnerRemoved,
  PartnershipEvent,
  PartnershipProposed,
} from '@ecvet/domain';
import type { RecordedEvent } from '@ecvet/event-store';
import type { BridgedEvent } from '../../../../workflows/bridged-event';

/** The event types the partnership workflow follows (stream `Partnership-<id>`). */
export const BRIDGED_PARTNERSHIP_EVENTS: Array<PartnershipEvent['type']> = [
  'PartnershipProposed',
  'PartnerAdded',
  'PartnerRemoved',
  'MouVersionDrafted',
  'MouSigned',
  'MouFullySigned',
  'MouDeclined',
  'PartnershipTerminated',
  'PartnershipReminderPolicySet',
  'MouSignatureReminderSent',
  'MouSignatureRequestEscalated',
  'MouSignatureRequestExpired',
  'MouRenewalReminderSent',
  'MouRenewalEscalated',
];

/**
 * What the partnership workflow needs of an event — ids, versions, institution ids, validity
 * dates, the parties whose signatures are required — and never personal data: Temporal's
 * histories are not encrypted, so a signer's name, e-mail, IP address and user agent stay out,
 * and so do free texts (a decline's or a termination's reason, the MoU content, the policy).
 */
export function summarisePartnershipEvent(event: RecordedEvent): BridgedEvent {
  const d = event.data as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
  let data: Record<string, unknown>;
  switch (event.type) {
    case 'PartnershipProposed': {
      const p = event.data as unknown as PartnershipProposed['data'];
      data = {
        coordinatorInstitutionId: p.coordinatorInstitutionId,
        requiredParties: p.parties.map((party) => party.institutionId),
      };
      break;
    }
    case 'PartnerAdded': {
      const a = event.data as unknown as PartnerAdded['data'];
      data = {
        institutionId: a.party.institutionId,
        role: a.party.role,
        ...(a.supersededVersion !== undefined && { supersededVersion: a.supersededVersion }),
      };
      break;
    }
    case 'PartnerRemoved': {
      const r = event.data as unknown as PartnerRemoved['data'];
      data = {
        institutionId: r.institutionId,
        ...(r.supersededVersion !== undefined && { supersededVersion: r.supersededVersion }),
      };
      break;
    }
    case 'MouVersionDrafted': {
      const v = event.data as unknown as MouVersionDrafted['data'];
      data = {
        version: v.version,
        validFrom: v.content.validFrom,
        validUntil: v.content.validUntil,
        ...(v.renewalOf !== undefined && { renewalOf: v.renewalOf }),
      };
      break;
    }
    case 'PartnershipTerminated':
      data = pick('effectiveOn');
      break;
    case 'PartnershipReminderPolicySet':
      // The workflow reloads the policy through its activity (merged with REMINDER_POLICY).
      data = {};
      break;
    default:
      data = pick(
        'version',
        'institutionId',
        'validFrom',
        'validUntil',
        'level',
        'reminderNumber',
        'afterReminders',
        'sentAt',
        'deadline',
        'pendingInstitutionIds',
      );
  }
  return {
    checkpoint: event.checkpoint,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data,
  };
}
