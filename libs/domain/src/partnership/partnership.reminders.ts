import { dateOf } from '../shared/dates';
import { ensure } from '../shared/domain-error';
import type { PartnershipReminderCommand } from './partnership.commands';
import {
  escalationKey,
  renewalEscalationKey,
  signatureKey,
  type MouVersionState,
  type PartnershipState as State,
} from './partnership.state';
import type { PartnershipEvent } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import { ensureNotTerminated, isParty } from './partnership.guards';

/**
 * What the partnership workflow records about time. The rules that matter to people live here,
 * not in the workflow: only the current version awaiting signatures, and only a party that has
 * not signed it, is reminded; nobody after the request expired or the partnership ended; each
 * reminder once and in order (an old number is a retried activity and records nothing); each
 * escalation once per level; a renewal reminder only for the newest, fully signed version before
 * its validity ends, while no newer version has been drafted.
 */
export function decidePartnershipReminder(
  command: PartnershipReminderCommand,
  state: State,
): PartnershipEvent[] {
  const { partnershipId } = command.data;
  switch (command.type) {
    case 'SendMouSignatureReminder': {
      const { version, institutionId, reminderNumber } = command.data;
      if (isRetry(state.reminders.get(signatureKey(version, institutionId)), reminderNumber))
        return [];
      ensureNotTerminated(state);
      ensurePending(state, version, institutionId);
      ensureNext(state.reminders.get(signatureKey(version, institutionId)), reminderNumber);
      return [
        {
          type: 'MouSignatureReminderSent',
          data: { partnershipId, version, institutionId, reminderNumber, sentAt: command.at },
        },
      ];
    }
    case 'EscalateMouSignatureRequest': {
      const { version, institutionId, level, afterReminders } = command.data;
      if (state.escalations.has(escalationKey(version, institutionId, level))) return [];
      ensureNotTerminated(state);
      ensurePending(state, version, institutionId);
      return [
        {
          type: 'MouSignatureRequestEscalated',
          data: {
            partnershipId,
            version,
            institutionId,
            level,
            afterReminders,
            escalatedAt: command.at,
          },
        },
      ];
    }
    case 'ExpireMouSignatureRequest': {
      const { version, deadline } = command.data;
      if (state.expiredVersions.has(version)) return [];
      ensureNotTerminated(state);
      const mou = awaiting(state, version);
      ensure(mou, R.ReminderNotPending, `MoU version ${version} is not awaiting signatures`, {
        version,
      });
      return [
        {
          type: 'MouSignatureRequestExpired',
          data: {
            partnershipId,
            version,
            pendingInstitutionIds: state.parties
              .map((p) => p.institutionId)
              .filter((id) => !mou.signatures.has(id)),
            deadline,
            expiredAt: command.at,
          },
        },
      ];
    }
    case 'SendMouRenewalReminder': {
      const { version, validUntil, reminderNumber } = command.data;
      if (isRetry(state.renewalReminders.get(version), reminderNumber)) return [];
      ensureNotTerminated(state);
      ensureRenewalPending(state, version, validUntil, command.at);
      ensureNext(state.renewalReminders.get(version), reminderNumber);
      return [
        {
          type: 'MouRenewalReminderSent',
          data: { partnershipId, version, validUntil, reminderNumber, sentAt: command.at },
        },
      ];
    }
    case 'EscalateMouRenewal': {
      const { version, validUntil, level, afterReminders } = command.data;
      if (state.escalations.has(renewalEscalationKey(version, level))) return [];
      ensureNotTerminated(state);
      ensureRenewalPending(state, version, validUntil, command.at);
      return [
        {
          type: 'MouRenewalEscalated',
          data: {
            partnershipId,
            version,
            validUntil,
            level,
            afterReminders,
            escalatedAt: command.at,
          },
        },
      ];
    }
  }
}

/** A number already recorded: the same reminder again (a retried activity). */
const isRetry = (sent: number | undefined, number: number): boolean => number <= (sent ?? 0);

/** Reminders go 1, 2, 3, …: a skipped number is refused. */
function ensureNext(sent: number | undefined, number: number): void {
  ensure(
    number === (sent ?? 0) + 1,
    R.ReminderOutOfOrder,
    `reminder ${number} follows reminder ${sent ?? 0}`,
    { sent: sent ?? 0, number },
  );
}

/** The current version, if it is this one and still collecting signatures (not expired). */
function awaiting(state: State, version: number): MouVersionState | undefined {
  const current = state.versions.at(-1);
  return current?.version === version &&
    current.status === 'awaiting-signatures' &&
    !state.expiredVersions.has(version)
    ? current
    : undefined;
}

function ensurePending(state: State, version: number, institutionId: string): void {
  const mou = awaiting(state, version);
  ensure(
    mou !== undefined && isParty(state, institutionId) && !mou.signatures.has(institutionId),
    R.ReminderNotPending,
    `no signature of ${institutionId} is awaited on MoU version ${version}`,
    { version, institutionId },
  );
}

/** The newest version is this one, fully signed, with this validity, which has not ended yet. */
function ensureRenewalPending(state: State, version: number, validUntil: string, at: string) {
  const current = state.versions.at(-1);
  ensure(
    current?.version === version &&
      current.status === 'fully-signed' &&
      current.content.validUntil === validUntil &&
      dateOf(at) <= validUntil,
    R.RenewalNotPending,
    `MoU version ${version} is not the MoU in force awaiting renewal before ${validUntil}`,
    { version, validUntil, currentVersion: current?.version },
  );
}
