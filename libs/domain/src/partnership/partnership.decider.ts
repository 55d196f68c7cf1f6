import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { PartnershipSnapshot } from '../shared/snapshots';
import type {
  MouContent,
  MouDeclined,
  MouReviewed,
  MouSigned,
  PartnershipParty,
  PartnershipEvaluated,
  PartnershipEvent,
  PartnershipProposed,
  PartnershipTerminated,
  PartnershipReminderPolicy,
  VoidedMouSignature,
} from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import {
  decideAddPartner,
  decideEvaluate,
  decidePropose,
  decideRemovePartner,
  decideSetReminderPolicy,
  decideTerminate,
} from './partnership.decisions';
import {
  decideAmend,
  decideDecline,
  decideDraft,
  decideRenew,
  decideReview,
  decideSign,
} from './partnership.mou-decisions';
import {
  decidePartnershipReminder,
  escalationKey,
  renewalEscalationKey,
  signatureKey,
  type PartnershipReminderCommand,
} from './partnership.reminders';

type Cmd<T extends string, D> = { type: T; data: { partnershipId: string } & D; at: string };

/** Every command carries the handler's clock as `at` (ISO 8601 timestamp). */
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

export type PartnershipCommandOf<T extends PartnershipCommand['type']> = Extract<
  PartnershipCommand,
  { type: T }
>;

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

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: {
    parties: [],
    versions: [],
    reviews: [],
    evaluations: new Map(),
    reminders: new Map(),
    escalations: new Set(),
    expiredVersions: new Set(),
    renewalReminders: new Map(),
  },

  evolve(state, event) {
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
  },

  decide(command, state) {
    if (command.type === 'ProposePartnership') return decidePropose(command, state);
    ensure(state.proposal, R.MustExist, 'the partnership has not been proposed');
    switch (command.type) {
      case 'AddPartner':
        return decideAddPartner(command, state);
      case 'RemovePartner':
        return decideRemovePartner(command, state);
      case 'DraftMou':
        return decideDraft(command, state);
      case 'AmendMou':
        return decideAmend(command, state);
      case 'SignMou':
        return decideSign(command, state);
      case 'DeclineMou':
        return decideDecline(command, state);
      case 'RenewMou':
        return decideRenew(command, state);
      case 'RecordMouReview':
        return decideReview(command, state);
      case 'TerminatePartnership':
        return decideTerminate(command, state);
      case 'EvaluatePartnership':
        return decideEvaluate(command, state);
      case 'SetReminderPolicy':
        return decideSetReminderPolicy(command, state);
      case 'SendMouSignatureReminder':
      case 'EscalateMouSignatureRequest':
      case 'ExpireMouSignatureRequest':
      case 'SendMouRenewalReminder':
      case 'EscalateMouRenewal':
        return decidePartnershipReminder(command, state);
    }
  },
};

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
