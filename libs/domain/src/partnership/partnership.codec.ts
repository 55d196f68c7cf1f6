import { eventCodec } from '../shared/codec';
import type { PartnershipEvent } from './partnership.events';

const TYPES = [
  'MouDeclined',
  'MouFullySigned',
  'MouRenewalEscalated',
  'MouRenewalReminderSent',
  'MouReviewed',
  'MouSignatureReminderSent',
  'MouSignatureRequestEscalated',
  'MouSignatureRequestExpired',
  'MouSigned',
  'MouVersionDrafted',
  'PartnerAdded',
  'PartnerRemoved',
  'PartnershipEvaluated',
  'PartnershipProposed',
  'PartnershipReminderPolicySet',
  'PartnershipTerminated',
] as const satisfies ReadonlyArray<PartnershipEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<PartnershipEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Partnership events back into typed events (see shared/codec.ts). */
export const partnershipCodec = eventCodec<PartnershipEvent>('Partnership', TYPES);
