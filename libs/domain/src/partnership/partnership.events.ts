import type { CoveredQualification } from '../shared/snapshots';

/** Events of a partnership and its Memorandum of Understanding (stream `Partnership-<id>`). */

export type PartnershipPartyRole = 'sending' | 'host' | 'intermediary' | 'competent-body';
export const PARTNERSHIP_PARTY_ROLES: readonly PartnershipPartyRole[] = [
  'sending',
  'host',
  'intermediary',
  'competent-body',
];

export interface PartnershipParty {
  institutionId: string;
  role: PartnershipPartyRole;
}

/** What the partners agree in one MoU version (the seed: what, how, where, who). */
export interface MouContent {
  /** The qualifications and units the mobilities under this MoU may cover. */
  qualifications: CoveredQualification[];
  procedures: {
    assessment: string;
    documentation: string;
    validation: string;
    recognition: string;
  };
  mentoring: string;
  plannedDurations: { minWeeks: number; maxWeeks: number };
  /** ISO dates (YYYY-MM-DD), inclusive. */
  validFrom: string;
  validUntil: string;
  reviewDate?: string;
  /** Competent institutions named in the MoU that need not be parties to it. */
  competentBodies?: Array<{ name: string; role: string; institutionId?: string }>;
}

/** A signature recorded on a version; `version` says which one. */
export interface VoidedMouSignature {
  institutionId: string;
  version: number;
}

export interface PartnershipProposed {
  type: 'PartnershipProposed';
  data: {
    partnershipId: string;
    title: string;
    parties: PartnershipParty[];
    coordinatorInstitutionId: string;
    proposedAt: string;
  };
}

/**
 * A change of parties changes the signed document (the parties are hashed with the content), so
 * a version still awaiting signatures is superseded and its signatures are void.
 */
export interface PartnerAdded {
  type: 'PartnerAdded';
  data: {
    partnershipId: string;
    party: PartnershipParty;
    supersededVersion?: number;
    voidedSignatures: VoidedMouSignature[];
    addedAt: string;
  };
}

export interface PartnerRemoved {
  type: 'PartnerRemoved';
  data: {
    partnershipId: string;
    institutionId: string;
    supersededVersion?: number;
    voidedSignatures: VoidedMouSignature[];
    removedAt: string;
  };
}

export interface MouVersionDrafted {
  type: 'MouVersionDrafted';
  data: {
    partnershipId: string;
    version: number;
    content: MouContent;
    /** `contentHash({ partnershipId, parties, content })`, computed by the decider. */
    contentHash: string;
    /** Signatures of the previous version, void because it was never fully signed. */
    voidedSignatures: VoidedMouSignature[];
    /** Set when this version renews a fully signed one with a new validity. */
    renewalOf?: number;
    draftedAt: string;
  };
}

export interface MouSigned {
  type: 'MouSigned';
  data: {
    partnershipId: string;
    version: number;
    contentHash: string;
    institutionId: string;
    signer: { name: string; role: string; email?: string };
    authMethod: 'account' | 'signing-link';
    /** The statement of intent the signer agreed to, as shown. */
    intent: string;
    ip?: string;
    userAgent?: string;
    signedAt: string;
  };
}

export interface MouFullySigned {
  type: 'MouFullySigned';
  data: {
    partnershipId: string;
    version: number;
    contentHash: string;
    validFrom: string;
    validUntil: string;
    fullySignedAt: string;
  };
}

export interface MouDeclined {
  type: 'MouDeclined';
  data: {
    partnershipId: string;
    version: number;
    institutionId: string;
    reason: string;
    declinedAt: string;
  };
}

export interface MouReviewed {
  type: 'MouReviewed';
  data: {
    partnershipId: string;
    /** The newest fully signed version, the one reviewed. */
    version: number;
    reviewedBy: string;
    notes: string;
    reviewedAt: string;
  };
}

export interface PartnershipTerminated {
  type: 'PartnershipTerminated';
  data: { partnershipId: string; reason: string; effectiveOn: string; terminatedAt: string };
}

export interface PartnershipEvaluated {
  type: 'PartnershipEvaluated';
  data: {
    partnershipId: string;
    evaluationId: string;
    /** The party that evaluates. */
    institutionId: string;
    rating: number;
    strengths: string;
    improvements: string;
    evaluatedAt: string;
  };
}

/** Reminder durations (ISO 8601) and counts; read by the workflows, opaque to the domain. */
export type PartnershipReminderPolicy = Record<string, string | number>;

export interface PartnershipReminderPolicySet {
  type: 'PartnershipReminderPolicySet';
  data: { partnershipId: string; policy: PartnershipReminderPolicy; setAt: string };
}

/** Who hears of a request that stays unanswered after the reminders (an escalation mail). */
export type MouEscalationLevel = 'coordinator' | 'head';

/** The workflow reminded a party that has not signed the MoU version awaiting signatures. */
export interface MouSignatureReminderSent {
  type: 'MouSignatureReminderSent';
  data: {
    partnershipId: string;
    version: number;
    institutionId: string;
    reminderNumber: number;
    sentAt: string;
  };
}

export interface MouSignatureRequestEscalated {
  type: 'MouSignatureRequestEscalated';
  data: {
    partnershipId: string;
    version: number;
    institutionId: string;
    level: MouEscalationLevel;
    afterReminders: number;
    escalatedAt: string;
  };
}

/** The version was not fully signed by its deadline (`mouSignatureDeadline` after its draft). */
export interface MouSignatureRequestExpired {
  type: 'MouSignatureRequestExpired';
  data: {
    partnershipId: string;
    version: number;
    pendingInstitutionIds: string[];
    deadline: string;
    expiredAt: string;
  };
}

/** The MoU in force ends on `validUntil` and no renewal has been drafted yet. */
export interface MouRenewalReminderSent {
  type: 'MouRenewalReminderSent';
  data: {
    partnershipId: string;
    version: number;
    validUntil: string;
    reminderNumber: number;
    sentAt: string;
  };
}

/** The renewal reminders went unanswered. */
export interface MouRenewalEscalated {
  type: 'MouRenewalEscalated';
  data: {
    partnershipId: string;
    version: number;
    validUntil: string;
    level: MouEscalationLevel;
    afterReminders: number;
    escalatedAt: string;
  };
}

export type PartnershipEvent =
  | PartnershipProposed
  | PartnerAdded
  | PartnerRemoved
  | MouVersionDrafted
  | MouSigned
  | MouFullySigned
  | MouDeclined
  | MouReviewed
  | PartnershipTerminated
  | PartnershipEvaluated
  | PartnershipReminderPolicySet
  | MouSignatureReminderSent
  | MouSignatureRequestEscalated
  | MouSignatureRequestExpired
  | MouRenewalReminderSent
  | MouRenewalEscalated;
