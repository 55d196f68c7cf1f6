import type {
  AwaitedStep,
  MouEscalationLevel,
  MouRenewalEscalated,
  MouRenewalReminderSent,
  MouSignatureReminderSent,
  MouSignatureRequestEscalated,
  MouSignatureRequestExpired,
  PartnershipPartyRole,
  SignatoryRole,
  SignatureReminderSent,
  SignatureRequestEscalated,
  SignatureRequestExpired,
  SigningLinkReissued,
  StepDeadlineMissed,
  StepEscalated,
  StepReminderSent,
} from '@ecvet/domain';

export type Language = 'lv' | 'en';

/** What a mail is about: one kind per event type the outbox listens to. */
export type MailKind =
  | 'signature-reminder'
  | 'signing-link-reissued'
  | 'signature-escalation'
  | 'signature-expired'
  | 'step-reminder'
  | 'step-escalation'
  | 'step-deadline-missed'
  | 'mou-signature-reminder'
  | 'mou-signature-escalation'
  | 'mou-signature-expired'
  | 'mou-renewal-reminder'
  | 'mou-renewal-escalation'
  /** The log's signed checkpoint, to AUDIT_CHECKPOINT_RECIPIENTS (not an event's mail). */
  | 'checkpoint-digest';

/**
 * The events that become mail in `Mobility-<id>`: the workflow's records, and a coordinator's
 * fresh signing link.
 */
export type MobilityNotifiableEvent =
  | SignatureReminderSent
  | SigningLinkReissued
  | SignatureRequestEscalated
  | SignatureRequestExpired
  | StepReminderSent
  | StepEscalated
  | StepDeadlineMissed;

export const MOBILITY_NOTIFIABLE_EVENT_TYPES: ReadonlyArray<MobilityNotifiableEvent['type']> = [
  'SignatureReminderSent',
  'SigningLinkReissued',
  'SignatureRequestEscalated',
  'SignatureRequestExpired',
  'StepReminderSent',
  'StepEscalated',
  'StepDeadlineMissed',
];

export const isMobilityNotifiable = (event: { type: string }): event is MobilityNotifiableEvent =>
  (MOBILITY_NOTIFIABLE_EVENT_TYPES as readonly string[]).includes(event.type);

/** The partnership workflow's records in `Partnership-<id>` that become mail. */
export type PartnershipNotifiableEvent =
  | MouSignatureReminderSent
  | MouSignatureRequestEscalated
  | MouSignatureRequestExpired
  | MouRenewalReminderSent
  | MouRenewalEscalated;

export const PARTNERSHIP_NOTIFIABLE_EVENT_TYPES: ReadonlyArray<PartnershipNotifiableEvent['type']> =
  [
    'MouSignatureReminderSent',
    'MouSignatureRequestEscalated',
    'MouSignatureRequestExpired',
    'MouRenewalReminderSent',
    'MouRenewalEscalated',
  ];

export const isPartnershipNotifiable = (event: {
  type: string;
}): event is PartnershipNotifiableEvent =>
  (PARTNERSHIP_NOTIFIABLE_EVENT_TYPES as readonly string[]).includes(event.type);

/** Every event type the outbox listens to, in `Mobility-<id>` and `Partnership-<id>` streams. */
export const NOTIFIABLE_EVENT_TYPES: ReadonlyArray<
  MobilityNotifiableEvent['type'] | PartnershipNotifiableEvent['type']
> = [...MOBILITY_NOTIFIABLE_EVENT_TYPES, ...PARTNERSHIP_NOTIFIABLE_EVENT_TYPES];

export interface Person {
  name: string;
  email: string;
}

/**
 * Who a mail goes to, in the terms of the process. `partner-contact`: the contact person of a
 * partnership party (an MoU signature reminder); `coordinator` and `head` are people of the
 * mobility's sending institution, or of the partnership's coordinating institution.
 */
export type RecipientRole =
  | SignatoryRole
  | 'coordinator'
  | 'head'
  | 'host-mentor'
  | 'partner-contact'
  | 'checkpoint-recipient';

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

export interface MobilityMailContext {
  mobility: MailMobility;
  sending: MailInstitution;
  host: MailInstitution;
  /** By when the agreement must be fully signed (ISO instant), if known. */
  signatureDeadline?: string;
  /**
   * The signing link of a signature reminder or a reissued link, issued for the signatory in
   * their language.
   */
  signingLink?: (role: SignatoryRole, language: Language) => SigningLinkForMail | undefined;
}

/** The parts of the partnership view (as of the event) an MoU mail quotes. */
export interface MailPartnership {
  partnershipId: string;
  title: string;
  coordinatorInstitutionId: string;
  parties: Array<{ institutionId: string; role: PartnershipPartyRole }>;
  /** Every MoU version: which one, its validity, when it was drafted. */
  mouVersions: Array<{
    version: number;
    validFrom: string;
    validUntil: string;
    draftedAt?: string;
  }>;
  /** The current version: the parties whose signature it still awaits. */
  mou?: { version: number; pendingParties: string[] };
}

export interface PartnershipMailContext {
  partnership: MailPartnership;
  /**
   * The institutions by id (each party's and the coordinating one's): legal name, language,
   * contacts. An institution missing here is known by its id only and reads English.
   */
  institutions: Record<string, MailInstitution>;
  /** Where people reach the API (`PUBLIC_URL`, no trailing slash): the MoU version's address. */
  publicUrl: string;
  /** By when the MoU version must be fully signed (ISO instant), if known. */
  signatureDeadline?: string;
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
  /** The signing link that `text` and `html` carry. */
  signingLink?: string;
}

export type { AwaitedStep, MouEscalationLevel, SignatoryRole };
