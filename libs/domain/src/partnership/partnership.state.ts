import { ensure } from '../shared/domain-error';
import type { PartnershipSnapshot } from '../shared/snapshots';
import type {
  MouContent,
  MouEscalationLevel,
  MouReviewed,
  MouSigned,
  PartnershipEvaluated,
  PartnershipEvent,
  PartnershipParty,
  PartnershipProposed,
  PartnershipReminderPolicy,
  PartnershipTerminated,
  VoidedMouSignature,
} from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';

/** State keys of the counts the reminder decisions keep (see `PartnershipState`). */
export const signatureKey = (version: number, institutionId: string) =>
  `${version}/${institutionId}`;
export const escalationKey = (version: number, institutionId: string, level: MouEscalationLevel) =>
  `${version}/${institutionId}/${level}`;
export const renewalEscalationKey = (version: number, level: MouEscalationLevel) =>
  `renewal/${version}/${level}`;

/**
 * `superseded`: replaced before every party signed it (by an amendment, a renewal draft or a
 * change of parties); its signatures are void. A fully signed version stays `fully-signed` for
 * good: which one is in force on a date is `mouInForce`'s question, not a status.
 */
export type MouVersionStatus = 'awaiting-signatures' | 'fully-signed' | 'superseded' | 'declined';

export interface MouVersionState {
  version: number;
  content: MouContent;
  contentHash: string;
  renewalOf?: number;
  status: MouVersionStatus;
  /** By institution id; emptied when the signatures are voided. */
  signatures: Map<string, MouSigned['data']>;
  draftedAt: string;
  fullySignedAt?: string;
  declined?: { institutionId: string; reason: string; declinedAt: string };
}

export interface PartnershipState {
  /** The proposal as first recorded (a repeated proposal is compared with it). */
  proposal?: PartnershipProposed['data'];
  parties: PartnershipParty[];
  /** Index `n - 1` holds version `n`. */
  versions: MouVersionState[];
  reviews: MouReviewed['data'][];
  evaluations: Map<string, PartnershipEvaluated['data']>;
  reminderPolicy?: PartnershipReminderPolicy;
  termination?: PartnershipTerminated['data'];
  /** Signature reminders sent per `${version}/${institutionId}`. */
  reminders: Map<string, number>;
  /** `${version}/${institutionId}/${level}`, and `renewal/${version}/${level}` for renewals. */
  escalations: Set<string>;
  expiredVersions: Set<number>;
  /** Renewal reminders sent per (fully signed) version. */
  renewalReminders: Map<number, number>;
}

function withVersion(
  state: PartnershipState,
  version: number,
  change: (mou: MouVersionState) => Partial<MouVersionState>,
): PartnershipState {
  const versions = state.versions.map((mou) =>
    mou.version === version ? { ...mou, ...change(mou) } : mou,
  );
  return { ...state, versions };
}

function voiding(
  state: PartnershipState,
  voided: VoidedMouSignature[],
  supersede?: number,
): PartnershipState {
  const versions = state.versions.map((mou) => {
    const gone = voided.filter((s) => s.version === mou.version).map((s) => s.institutionId);
    const superseded = mou.version === supersede;
    if (gone.length === 0 && !superseded) return mou;
    const signatures = new Map(mou.signatures);
    for (const institutionId of gone) signatures.delete(institutionId);
    return { ...mou, signatures, status: superseded ? ('superseded' as const) : mou.status };
  });
  return { ...state, versions };
}

export const initialPartnershipState: PartnershipState = {
  parties: [],
  versions: [],
  reviews: [],
  evaluations: new Map(),
  reminders: new Map(),
  escalations: new Set(),
  expiredVersions: new Set(),
  renewalReminders: new Map(),
};

export function evolvePartnership(
  state: PartnershipState,
  event: PartnershipEvent,
): PartnershipState {
  switch (event.type) {
    case 'PartnershipProposed':
      return { ...state, proposal: event.data, parties: event.data.parties };
    case 'PartnerAdded': {
      const next = voiding(state, event.data.voidedSignatures, event.data.supersededVersion);
      return { ...next, parties: [...next.parties, event.data.party] };
    }
    case 'PartnerRemoved': {
      const next = voiding(state, event.data.voidedSignatures, event.data.supersededVersion);
      const parties = next.parties.filter((p) => p.institutionId !== event.data.institutionId);
      return { ...next, parties };
    }
    case 'MouVersionDrafted': {
      const previous = state.versions.at(-1);
      const supersede = previous?.status === 'awaiting-signatures' ? previous.version : undefined;
      const next = voiding(state, event.data.voidedSignatures, supersede);
      const { version, content, contentHash, renewalOf, draftedAt } = event.data;
      const mou: MouVersionState = {
        version,
        content,
        contentHash,
        status: 'awaiting-signatures',
        signatures: new Map(),
        draftedAt,
        ...(renewalOf === undefined ? {} : { renewalOf }),
      };
      return { ...next, versions: [...next.versions, mou] };
    }
    case 'MouSigned':
      return withVersion(state, event.data.version, (mou) => ({
        signatures: new Map(mou.signatures).set(event.data.institutionId, event.data),
      }));
    case 'MouFullySigned':
      return withVersion(state, event.data.version, () => ({
        status: 'fully-signed',
        fullySignedAt: event.data.fullySignedAt,
      }));
    case 'MouDeclined': {
      const { institutionId, reason, declinedAt } = event.data;
      return withVersion(state, event.data.version, () => ({
        status: 'declined',
        declined: { institutionId, reason, declinedAt },
      }));
    }
    case 'MouReviewed':
      return { ...state, reviews: [...state.reviews, event.data] };
    case 'PartnershipTerminated':
      return { ...state, termination: event.data };
    case 'PartnershipEvaluated':
      return {
        ...state,
        evaluations: new Map(state.evaluations).set(event.data.evaluationId, event.data),
      };
    case 'PartnershipReminderPolicySet':
      return { ...state, reminderPolicy: event.data.policy };
    case 'MouSignatureReminderSent': {
      const { version, institutionId, reminderNumber } = event.data;
      const key = signatureKey(version, institutionId);
      return { ...state, reminders: new Map(state.reminders).set(key, reminderNumber) };
    }
    case 'MouSignatureRequestEscalated': {
      const { version, institutionId, level } = event.data;
      const key = escalationKey(version, institutionId, level);
      return { ...state, escalations: new Set(state.escalations).add(key) };
    }
    case 'MouSignatureRequestExpired':
      return {
        ...state,
        expiredVersions: new Set(state.expiredVersions).add(event.data.version),
      };
    case 'MouRenewalReminderSent': {
      const { version, reminderNumber } = event.data;
      const renewalReminders = new Map(state.renewalReminders).set(version, reminderNumber);
      return { ...state, renewalReminders };
    }
    case 'MouRenewalEscalated': {
      const key = renewalEscalationKey(event.data.version, event.data.level);
      return { ...state, escalations: new Set(state.escalations).add(key) };
    }
  }
}

/** What other aggregates need of a partnership: its parties and fully signed MoU versions. */
export function toPartnershipSnapshot(state: PartnershipState): PartnershipSnapshot {
  ensure(state.proposal, R.MustExist, 'the partnership has not been proposed');
  return {
    partnershipId: state.proposal.partnershipId,
    parties: state.parties.map(({ institutionId, role }) => ({ institutionId, role })),
    signedMous: state.versions.flatMap((mou) =>
      mou.fullySignedAt === undefined
        ? []
        : [
            {
              version: mou.version,
              contentHash: mou.contentHash,
              validFrom: mou.content.validFrom,
              validUntil: mou.content.validUntil,
              qualifications: mou.content.qualifications,
              fullySignedAt: mou.fullySignedAt,
            },
          ],
    ),
    ...(state.termination ? { terminatedOn: state.termination.effectiveOn } : {}),
  };
}
