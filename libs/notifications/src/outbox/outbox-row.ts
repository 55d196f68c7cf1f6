import type { Language, MailKind, RecipientRole } from '../composer/mail.types';
import type { VerifiedSigningLink } from '../signing-links/signing-links';

/**
 * Where a mail's text and HTML carry its signing link, as the outbox stores them: the sender puts
 * the link in as it sends; the API shows {@link SIGNING_LINK_SHOWN} instead.
 */
export const SIGNING_LINK_PLACEHOLDER = '[[ecvet:signing-link]]';
/** What the outbox API shows where a mail carries its signing link. */
export const SIGNING_LINK_SHOWN = '[signing link sent]';
// A signing link however it got into a text (a row composed before the placeholder).
const SIGNING_LINK_URL = /\bhttps?:\/\/[^\s"'<>]*\/sign\/[\w-]+\.[\w-]+\.[\w-]+/g;

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
  /**
   * The link itself: only in a row composed before links were hashed (migration 003), while it
   * waits to be sent; NULL once sent, kept locally or failed. New rows never hold it.
   */
  signing_link: string | null;
  /** SHA-256 (hex) of the link's token: the mail carries a signing link. */
  signing_link_hash: string | null;
  /** The link's claims (no secret): with the links' key they give the same token again. */
  signing_link_claims: VerifiedSigningLink | null;
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
  /**
   * The mail carries a signing link. The link itself is never shown: the mail's text and HTML
   * read {@link SIGNING_LINK_SHOWN} in its place.
   */
  signingLinkSent: boolean;
}

/** One mail with its content, its signing link (if any) replaced. */
export interface OutboxMail extends OutboxMailSummary {
  text: string;
  html: string;
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
    signingLinkSent: row.signing_link_hash !== null,
  };
}

export function toMail(row: OutboxRow): OutboxMail {
  return {
    ...toSummary(row),
    text: withoutSigningLink(row.text),
    html: withoutSigningLink(row.html),
    ...(row.status === 'pending' && { nextAttemptAt: row.next_attempt_at.toISOString() }),
  };
}

/** A mail's text or HTML as shown: no usable link, whatever the row holds. */
export function withoutSigningLink(content: string): string {
  return content
    .split(SIGNING_LINK_PLACEHOLDER)
    .join(SIGNING_LINK_SHOWN)
    .replace(SIGNING_LINK_URL, SIGNING_LINK_SHOWN);
}

/** A mail's text or HTML as sent: with its signing link (escaped for HTML by the caller). */
export function withSigningLink(content: string, link: string): string {
  return content.split(SIGNING_LINK_PLACEHOLDER).join(link);
}
