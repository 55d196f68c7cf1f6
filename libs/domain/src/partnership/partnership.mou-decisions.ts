import { dateOf, isIsoDate } from '../shared/dates';
import { ensure } from '../shared/domain-error';
import type { PartnershipCommandOf as C } from './partnership.commands';
import type { MouVersionState, PartnershipState as State } from './partnership.state';
import type { MouContent, PartnershipEvent } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import { dayAfter, ensureNotTerminated, filled, isParty } from './partnership.guards';
import { checkMouContent, mouContentHash } from './partnership.mou';

const versionOf = (state: State, version: number): MouVersionState | undefined =>
  state.versions.find((mou) => mou.version === version);

/**
 * The next version. The previous one's signatures are void unless it was fully signed: a fully
 * signed version stays in force until the new one is fully signed (or its validity ends).
 */
function drafted(
  state: State,
  partnershipId: string,
  content: MouContent,
  at: string,
  renewalOf?: number,
): PartnershipEvent {
  const previous = state.versions.at(-1);
  const voidedSignatures =
    previous && previous.status !== 'fully-signed'
      ? [...previous.signatures.keys()].map((institutionId) => ({
          institutionId,
          version: previous.version,
        }))
      : [];
  return {
    type: 'MouVersionDrafted',
    data: {
      partnershipId,
      version: state.versions.length + 1,
      content,
      contentHash: mouContentHash(partnershipId, state.parties, content),
      voidedSignatures,
      ...(renewalOf === undefined ? {} : { renewalOf }),
      draftedAt: at,
    },
  };
}

/** Only the newest version can be signed or declined, and only while it awaits signatures. */
function openVersion(state: State, version: number): MouVersionState {
  const current = state.versions.at(-1);
  ensure(
    current !== undefined && current.version === version,
    R.MouVersionNotCurrent,
    `MoU version ${version} is not the current version`,
    { version, currentVersion: current?.version },
  );
  ensure(
    current.status === 'awaiting-signatures',
    R.MouNotAwaitingSignatures,
    `MoU version ${version} is ${current.status}`,
    { version, status: current.status },
  );
  return current;
}

export function decideDraft(command: C<'DraftMou'>, state: State): PartnershipEvent[] {
  const { partnershipId, content } = command.data;
  const first = state.versions[0];
  if (first) {
    ensure(
      first.contentHash === mouContentHash(partnershipId, state.parties, content),
      R.MouAlreadyDrafted,
      'the MoU is already drafted: amend it instead',
    );
    return [];
  }
  ensureNotTerminated(state);
  checkMouContent(content);
  return [drafted(state, partnershipId, content, command.at)];
}

export function decideAmend(command: C<'AmendMou'>, state: State): PartnershipEvent[] {
  const { partnershipId, content } = command.data;
  const current = state.versions.at(-1);
  ensure(current, R.NoMouToAmend, 'there is no MoU to amend: draft it first');
  const unchanged = current.contentHash === mouContentHash(partnershipId, state.parties, content);
  if (unchanged && (current.status === 'awaiting-signatures' || current.status === 'fully-signed'))
    return [];
  ensureNotTerminated(state);
  checkMouContent(content);
  return [drafted(state, partnershipId, content, command.at)];
}

export function decideSign(command: C<'SignMou'>, state: State): PartnershipEvent[] {
  const { partnershipId, version, contentHash, institutionId, signer, intent } = command.data;
  const earlier = versionOf(state, version)?.signatures.get(institutionId);
  if (earlier?.contentHash === contentHash) return [];
  ensureNotTerminated(state);
  const mou = openVersion(state, version);
  ensure(
    contentHash === mou.contentHash,
    R.MouHashMismatch,
    `the hash signed is not the hash of MoU version ${version}: reload the document`,
    { version },
  );
  ensure(
    isParty(state, institutionId),
    R.NotAParty,
    `${institutionId} is not a party to the partnership`,
  );
  ensure(filled(signer?.name), R.SignerNameRequired, 'a signature names its signer');
  ensure(filled(intent), R.SignatureIntentRequired, 'a signature records the statement of intent');
  const signed: PartnershipEvent = {
    type: 'MouSigned',
    data: { ...command.data, signedAt: command.at },
  };
  const signedBy = new Set([...mou.signatures.keys(), institutionId]);
  if (!state.parties.every((p) => signedBy.has(p.institutionId))) return [signed];
  const { validFrom, validUntil } = mou.content;
  return [
    signed,
    {
      type: 'MouFullySigned',
      data: {
        partnershipId,
        version,
        contentHash,
        validFrom,
        validUntil,
        fullySignedAt: command.at,
      },
    },
  ];
}

export function decideDecline(command: C<'DeclineMou'>, state: State): PartnershipEvent[] {
  const { partnershipId, version, institutionId, reason } = command.data;
  const declined = versionOf(state, version)?.declined;
  if (declined?.institutionId === institutionId && declined.reason === reason) return [];
  ensureNotTerminated(state);
  const mou = openVersion(state, version);
  ensure(
    isParty(state, institutionId),
    R.NotAParty,
    `${institutionId} is not a party to the partnership`,
  );
  ensure(
    !mou.signatures.has(institutionId),
    R.AlreadySigned,
    `${institutionId} has signed MoU version ${version}`,
  );
  ensure(filled(reason), R.DeclineNeedsReason, 'declining states the reason');
  return [
    {
      type: 'MouDeclined',
      data: { partnershipId, version, institutionId, reason, declinedAt: command.at },
    },
  ];
}

/**
 * A renewal is a new version with the same content and a new validity, signed again by every
 * party. It starts the day after the renewed version ends, so that validity runs on without a
 * gap and the renewed version stays in force until its end; if that end has passed, it starts on
 * the day of the renewal (never retroactively). The review date is the one given, or none.
 */
export function decideRenew(command: C<'RenewMou'>, state: State): PartnershipEvent[] {
  const { partnershipId, newValidUntil, reviewDate } = command.data;
  const current = state.versions.at(-1);
  if (
    current?.renewalOf !== undefined &&
    current.status !== 'superseded' &&
    current.status !== 'declined' &&
    current.content.validUntil === newValidUntil &&
    current.content.reviewDate === reviewDate
  )
    return [];
  ensureNotTerminated(state);
  ensure(
    current?.status === 'fully-signed',
    R.RenewalNeedsFullySignedMou,
    'only a fully signed current MoU version can be renewed',
  );
  const dayAfterEnd = dayAfter(current.content.validUntil);
  const today = dateOf(command.at);
  const validFrom = dayAfterEnd > today ? dayAfterEnd : today;
  ensure(
    isIsoDate(newValidUntil) && newValidUntil > validFrom,
    R.RenewalMustExtendValidity,
    `a renewal runs from ${validFrom} to a later ISO date`,
    { validFrom },
  );
  const { reviewDate: _previous, ...kept } = current.content;
  const content: MouContent = {
    ...kept,
    validFrom,
    validUntil: newValidUntil,
    ...(reviewDate === undefined ? {} : { reviewDate }),
  };
  checkMouContent(content);
  return [drafted(state, partnershipId, content, command.at, current.version)];
}

export function decideReview(command: C<'RecordMouReview'>, state: State): PartnershipEvent[] {
  const { partnershipId, reviewedBy, notes } = command.data;
  const repeated = state.reviews.some(
    (r) => r.reviewedBy === reviewedBy && r.notes === notes && r.reviewedAt === command.at,
  );
  if (repeated) return [];
  ensureNotTerminated(state);
  const signed = state.versions.filter((mou) => mou.fullySignedAt !== undefined).at(-1);
  ensure(signed, R.NoSignedMouToReview, 'there is no fully signed MoU to review');
  return [
    {
      type: 'MouReviewed',
      data: { partnershipId, version: signed.version, reviewedBy, notes, reviewedAt: command.at },
    },
  ];
}
