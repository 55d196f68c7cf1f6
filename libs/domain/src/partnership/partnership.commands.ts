import type { Command, CommandOf, RequestOf } from '../shared/command';
import type {
  MouContent,
  MouDeclined,
  MouEscalationLevel,
  MouSigned,
  PartnershipEvaluated,
  PartnershipParty,
  PartnershipProposed,
  PartnershipReminderPolicy,
} from './partnership.events';

export type SendMouSignatureReminder = Cmd<
  'SendMouSignatureReminder',
  { version: number; institutionId: string; reminderNumber: number }
>;
export type EscalateMouSignatureRequest = Cmd<
  'EscalateMouSignatureRequest',
  { version: number; institutionId: string; level: MouEscalationLevel; afterReminders: number }
>;
export type ExpireMouSignatureRequest = Cmd<
  'ExpireMouSignatureRequest',
  { version: number; deadline: string }
>;
export type SendMouRenewalReminder = Cmd<
  'SendMouRenewalReminder',
  { version: number; validUntil: string; reminderNumber: number }
>;
export type EscalateMouRenewal = Cmd<
  'EscalateMouRenewal',
  { version: number; validUntil: string; level: MouEscalationLevel; afterReminders: number }
>;

/** What the partnership workflow records (actor `system:workflow`): reminders, escalation, expiry. */
export type PartnershipReminderCommand =
  | SendMouSignatureReminder
  | EscalateMouSignatureRequest
  | ExpireMouSignatureRequest
  | SendMouRenewalReminder
  | EscalateMouRenewal;

type Cmd<T extends string, D> = Command<T, { partnershipId: string } & D>;

export type PartnershipCommand =
  | Cmd<'ProposePartnership', Omit<PartnershipProposed['data'], 'partnershipId' | 'proposedAt'>>
  | Cmd<'AddPartner', { party: PartnershipParty }>
  | Cmd<'RemovePartner', { institutionId: string }>
  | Cmd<'DraftMou', { content: MouContent }>
  | Cmd<'AmendMou', { content: MouContent }>
  | Cmd<'SignMou', Omit<MouSigned['data'], 'partnershipId' | 'signedAt'>>
  | Cmd<'DeclineMou', Omit<MouDeclined['data'], 'partnershipId' | 'declinedAt'>>
  | Cmd<'RenewMou', { newValidUntil: string; reviewDate?: string }>
  | Cmd<'RecordMouReview', { reviewedBy: string; notes: string }>
  | Cmd<'TerminatePartnership', { reason: string; effectiveOn: string }>
  | Cmd<'EvaluatePartnership', Omit<PartnershipEvaluated['data'], 'partnershipId' | 'evaluatedAt'>>
  | Cmd<'SetReminderPolicy', { policy: PartnershipReminderPolicy }>
  | PartnershipReminderCommand;

export type PartnershipCommandOf<T extends PartnershipCommand['type']> = CommandOf<
  PartnershipCommand,
  T
>;
/** What a caller sends: the command's data without the partnership's id (the address). */
export type PartnershipRequest<T extends PartnershipCommand['type']> = RequestOf<
  PartnershipCommandOf<T>,
  'partnershipId'
>;
