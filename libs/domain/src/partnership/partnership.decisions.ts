import { dateOf, isIsoDate } from '../shared/dates';
import { ensure } from '../shared/domain-error';
import type { PartnershipCommandOf as C } from './partnership.commands';
import type { PartnershipState as State } from './partnership.state';
import {
  PARTNERSHIP_PARTY_ROLES,
  type PartnershipParty,
  type PartnershipEvent,
  type VoidedMouSignature,
} from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import { ensureNotTerminated, filled, isParty, same } from './partnership.guards';

/** Who may take part: checked on a proposal and on what is left after removing a partner. */
function checkParties(parties: PartnershipParty[], coordinatorInstitutionId: string): void {
  ensure(parties.length >= 2, R.NeedsTwoParties, 'a partnership has at least two parties');
  const ids = parties.map((p) => p.institutionId);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  ensure(repeated.length === 0, R.PartiesDistinct, `parties repeat: ${repeated.join(', ')}`, {
    institutionIds: repeated,
  });
  ensure(
    parties.every((p) => PARTNERSHIP_PARTY_ROLES.includes(p.role)),
    R.PartyRoleKnown,
    `a party's role is one of ${PARTNERSHIP_PARTY_ROLES.join(', ')}`,
  );
  ensure(
    parties.some((p) => p.role === 'sending') && parties.some((p) => p.role === 'host'),
    R.NeedsSendingAndHost,
    'a partnership has at least one sending and one host party',
  );
  ensure(
    ids.includes(coordinatorInstitutionId),
    R.CoordinatorMustBeParty,
    `the coordinator ${coordinatorInstitutionId} is a party`,
  );
}

/**
 * A change of parties changes the document being signed, so a version awaiting signatures is
 * superseded and its signatures voided; a fully signed version stays in force for its parties.
 */
function voidOutstanding(state: State): {
  supersededVersion?: number;
  voidedSignatures: VoidedMouSignature[];
} {
  const current = state.versions.at(-1);
  if (current?.status !== 'awaiting-signatures') return { voidedSignatures: [] };
  return {
    supersededVersion: current.version,
    voidedSignatures: [...current.signatures.keys()].map((institutionId) => ({
      institutionId,
      version: current.version,
    })),
  };
}

export function decidePropose(command: C<'ProposePartnership'>, state: State): PartnershipEvent[] {
  if (state.proposal) {
    const { proposedAt: _at, ...recorded } = state.proposal;
    ensure(
      same(recorded, command.data),
      R.AlreadyProposed,
      `partnership ${command.data.partnershipId} is already proposed otherwise`,
    );
    return [];
  }
  ensure(filled(command.data.title), R.TitleRequired, 'a partnership has a title');
  checkParties(command.data.parties, command.data.coordinatorInstitutionId);
  return [{ type: 'PartnershipProposed', data: { ...command.data, proposedAt: command.at } }];
}

export function decideAddPartner(command: C<'AddPartner'>, state: State): PartnershipEvent[] {
  const { partnershipId, party } = command.data;
  const existing = state.parties.find((p) => p.institutionId === party.institutionId);
  if (existing) {
    ensure(
      existing.role === party.role,
      R.PartyExistsWithOtherRole,
      `${party.institutionId} is already a party as ${existing.role}`,
    );
    return [];
  }
  ensureNotTerminated(state);
  ensure(
    PARTNERSHIP_PARTY_ROLES.includes(party.role),
    R.PartyRoleKnown,
    `a party's role is one of ${PARTNERSHIP_PARTY_ROLES.join(', ')}`,
  );
  return [
    {
      type: 'PartnerAdded',
      data: { partnershipId, party, ...voidOutstanding(state), addedAt: command.at },
    },
  ];
}

export function decideRemovePartner(command: C<'RemovePartner'>, state: State): PartnershipEvent[] {
  const { partnershipId, institutionId } = command.data;
  if (!isParty(state, institutionId)) return [];
  ensureNotTerminated(state);
  checkParties(
    state.parties.filter((p) => p.institutionId !== institutionId),
    state.proposal?.coordinatorInstitutionId ?? '',
  );
  return [
    {
      type: 'PartnerRemoved',
      data: { partnershipId, institutionId, ...voidOutstanding(state), removedAt: command.at },
    },
  ];
}

export function decideTerminate(
  command: C<'TerminatePartnership'>,
  state: State,
): PartnershipEvent[] {
  const { partnershipId, reason, effectiveOn } = command.data;
  if (state.termination) {
    ensure(
      state.termination.reason === reason && state.termination.effectiveOn === effectiveOn,
      R.Terminated,
      `the partnership was already terminated on ${state.termination.effectiveOn}`,
    );
    return [];
  }
  ensure(filled(reason), R.TerminationNeedsReason, 'a termination states its reason');
  ensure(
    isIsoDate(effectiveOn) && effectiveOn >= dateOf(command.at),
    R.TerminationEffectiveDate,
    'a termination takes effect on an ISO date, today or later (never retroactively)',
  );
  return [
    {
      type: 'PartnershipTerminated',
      data: { partnershipId, reason, effectiveOn, terminatedAt: command.at },
    },
  ];
}

export function decideEvaluate(
  command: C<'EvaluatePartnership'>,
  state: State,
): PartnershipEvent[] {
  const existing = state.evaluations.get(command.data.evaluationId);
  if (existing) {
    const { evaluatedAt: _at, ...recorded } = existing;
    ensure(
      same(recorded, command.data),
      R.EvaluationIdTaken,
      `evaluation ${command.data.evaluationId} is recorded with other content`,
    );
    return [];
  }
  ensureNotTerminated(state);
  ensure(
    isParty(state, command.data.institutionId),
    R.NotAParty,
    `${command.data.institutionId} is not a party to the partnership`,
  );
  ensure(
    Number.isInteger(command.data.rating) && command.data.rating >= 1 && command.data.rating <= 5,
    R.RatingRange,
    'a rating is a whole number from 1 to 5',
  );
  return [{ type: 'PartnershipEvaluated', data: { ...command.data, evaluatedAt: command.at } }];
}

export function decideSetReminderPolicy(
  command: C<'SetReminderPolicy'>,
  state: State,
): PartnershipEvent[] {
  const { partnershipId, policy } = command.data;
  if (state.reminderPolicy && same(state.reminderPolicy, policy)) return [];
  ensureNotTerminated(state);
  return [
    { type: 'PartnershipReminderPolicySet', data: { partnershipId, policy, setAt: command.at } },
  ];
}
