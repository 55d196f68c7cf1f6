import type { Language, MailKind, RecipientRole } from '../composer/mail.types';

export type OutboxStatus = 'pending' | 'sent' | 'kept-locally' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'pending',
  'sent',
  'kept-locally',
  'failed',
];

export interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  /** The mobility a mail is about; null for a partnership's (MoU) mail. */
  mobility_id: string | null;
  /** The partnership an MoU mail is about; null for a mobility's mail. */
  partnership_id: string | null;
  kind: MailKind;
  recipient: string;
  recipient_name: string;
  recipient_role: RecipientRole;
  language: Language;
  subject: string;
  text: string;
  html: string;
  signing_link: string | null;
  created_at: Date;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  message_id: string | null;
}

/** A mail in the outbox as the API lists it. */
export interface OutboxMailSummary {
  id: string;
  eventId: string;
  eventType: string;
  /** Set for the mobility workflow's mail. */
  mobilityId?: string;
  /** Set for the partnership workflow's (MoU) mail. */
  partnershipId?: string;
  kind: MailKind;
  to: { name: string; email: string; role: RecipientRole };
  language: Language;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
  messageId?: string;
  hasSigningLink: boolean;
}

/** One mail with its content. */
export interface OutboxMail extends OutboxMailSummary {
  text: string;
  html: string;
  signingLink?: string;
  nextAttemptAt?: string;
}

/** The deterministic outbox id: the event that called for the mail, and which recipient. */
export const outboxId = (eventId: string, recipientIndex: number) => `${eventId}:${recipientIndex}`;

/**
 * The Message-ID of a mail: derived from its outbox id, so that a resend after a crash between
 * sending and marking as sent carries the same id and is recognisable as a duplicate. The `:` of
 * the outbox id becomes `.` (RFC 5322 does not allow `:` in a msg-id).
 */
export const messageIdOf = (id: string) => `<${id.replace(/:/g, '.')}@ecvet>`;

export function toSummary(row: OutboxRow): OutboxMailSummary {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    ...(row.mobility_id !== null && { mobilityId: row.mobility_id }),
    ...(row.partnership_id !== null && { partnershipId: row.partnership_id }),
    kind: row.kind,
    to: { name: row.recipient_name, email: row.recipient, role: row.recipient_role },
    language: row.language,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_error !== null && { lastError: row.last_error }),
    createdAt: row.created_at.toISOString(),
    ...(row.sent_at !== null && { sentAt: row.sent_at.toISOString() }),
    ...(row.message_id !== null && { messageId: row.message_id }),
    hasSigningLink: row.signing_link !== null,
  };
}

export function toMail(row: OutboxRow): OutboxMail {
  return {
    ...toSummary(row),
    text: row.text,
    html: row.html,
    ...(row.signing_link !== null && { signingLink: row.signing_link }),
    ...(row.status === 'pending' && { nextAttemptAt: row.next_attempt_at.toISOString() }),
  };
}
