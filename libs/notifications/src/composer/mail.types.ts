import type {
  AwaitedStep,
  SignatoryRole,
  SignatureReminderSent,
  SignatureRequestEscalated,
  SignatureRequestExpired,
  StepDeadlineMissed,
  StepEscalated,
  StepReminderSent,
} from '@ecvet/domain';

export type Language = 'lv' | 'en';

/** What a mail is about: one kind per event type the outbox listens to. */
export type MailKind =
  | 'signature-reminder'
  | 'signature-escalation'
  | 'signature-expired'
  | 'step-reminder'
  | 'step-escalation'
  | 'step-deadline-missed';

/** The events that become mail (the workflow's records in `Mobility-<id>`). */
export type NotifiableEvent =
  | SignatureReminderSent
  | SignatureRequestEscalated
  | SignatureRequestExpired
  | StepReminderSent
  | StepEscalated
  | StepDeadlineMissed;

export const NOTIFIABLE_EVENT_TYPES: ReadonlyArray<NotifiableEvent['type']> = [
  'SignatureReminderSent',
  'SignatureRequestEscalated',
  'SignatureRequestExpired',
  'StepReminderSent',
  'StepEscalated',
  'StepDeadlineMissed',
];

export interface Person {
  name: string;
  email: string;
}

/** Who a mail goes to, in the terms of the process. */
export type RecipientRole = SignatoryRole | 'coordinator' | 'head' | 'host-mentor';

export interface Localized {
  lv: string;
  en: string;
}

/** The parts of the mobility view a mail quotes (the view as of the event's version). */
export interface MailMobility {
  mobilityId: string;
  learner: { name: string; email: string; guardian?: Person };
  mentors: { sending: Person; host: Person };
  sendingInstitution: { institutionId: string; legalName: string };
  host: { institutionId: string; legalName: string; country?: string };
  plannedPeriod: { start: string; end: string };
  qualification: { title: Localized };
  targetedUnits: Array<{ title: Localized }>;
  agreement?: { version: number; pendingSignatories: SignatoryRole[] };
}

/** The parts of an institution's view that decide language and escalation recipients. */
export interface MailInstitution {
  legalName: string;
  preferredLanguage: Language;
  contacts: Array<{ id?: string; name: string; role: string; email: string }>;
}

export interface SigningLinkForMail {
  url: string;
  /** ISO instant. */
  expiresAt: string;
}

export interface MailContext {
  mobility: MailMobility;
  sending: MailInstitution;
  host: MailInstitution;
  /** By when the agreement must be fully signed (ISO instant), if known. */
  signatureDeadline?: string;
  /** The signing link for a signature reminder, issued for the signatory in their language. */
  signingLink?: (role: SignatoryRole, language: Language) => SigningLinkForMail | undefined;
}

/** One mail, ready for the outbox. */
export interface ComposedMail {
  kind: MailKind;
  to: Person;
  recipientRole: RecipientRole;
  language: Language;
  subject: string;
  text: string;
  html: string;
  signingLink?: string;
}

export type { AwaitedStep, SignatoryRole };
