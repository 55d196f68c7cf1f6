import type { SignatoryRole } from './mobility.signatories';

/**
 * The mobility events the workflow causes — reminders, escalations, expiry and missed deadlines
 * — and the signing links' reissue and disclosure: the events about time and reaching people,
 * beside the events of the mobility itself (mobility.events.ts, whose union includes these).
 */

/** A step the workflow waits for, with its own reminders and deadline. */
export type AwaitedStep = 'start' | 'end' | 'assessment' | 'recognition';
export type EscalationLevel = 'coordinator' | 'head';

/** The workflow reminded a signatory who has not signed the current version. */
export interface SignatureReminderSent {
  type: 'SignatureReminderSent';
  data: {
    mobilityId: string;
    version: number;
    role: SignatoryRole;
    reminderNumber: number;
    sentAt: string;
  };
}

export interface SignatureRequestEscalated {
  type: 'SignatureRequestEscalated';
  data: {
    mobilityId: string;
    version: number;
    role: SignatoryRole;
    level: EscalationLevel;
    afterReminders: number;
    escalatedAt: string;
  };
}

/** The agreement was not fully signed by its deadline (before the planned start). */
export interface SignatureRequestExpired {
  type: 'SignatureRequestExpired';
  data: {
    mobilityId: string;
    version: number;
    pendingRoles: SignatoryRole[];
    deadline: string;
    expiredAt: string;
  };
}

export interface StepReminderSent {
  type: 'StepReminderSent';
  data: {
    mobilityId: string;
    step: AwaitedStep;
    reminderNumber: number;
    deadline?: string;
    sentAt: string;
  };
}

export interface StepEscalated {
  type: 'StepEscalated';
  data: {
    mobilityId: string;
    step: AwaitedStep;
    level: EscalationLevel;
    afterReminders: number;
    escalatedAt: string;
  };
}

export interface StepDeadlineMissed {
  type: 'StepDeadlineMissed';
  data: { mobilityId: string; step: AwaitedStep; deadline: string; recordedAt: string };
}

/**
 * The sending school (or the platform's operator) sent a signatory a fresh signing link for a
 * version: every link issued before it for that version and role no longer works (the signing
 * page answers "replaced by a newer link"); the new one comes by mail.
 */
export interface SigningLinkReissued {
  type: 'SigningLinkReissued';
  data: { mobilityId: string; version: number; role: SignatoryRole; reissuedAt: string };
}

/**
 * Without an SMTP server the local outbox is the delivery: the platform's operator read a
 * signatory's signing link kept there (`linkId`: the id of the event that carried it), to pass
 * it on. The link itself is never recorded.
 */
export interface SigningLinkDisclosed {
  type: 'SigningLinkDisclosed';
  data: {
    mobilityId: string;
    version: number;
    role: SignatoryRole;
    linkId: string;
    disclosedAt: string;
  };
}
