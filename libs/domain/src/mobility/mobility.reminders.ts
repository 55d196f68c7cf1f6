import { ensure } from '../shared/domain-error';
import type {
  DiscloseSigningLink,
  MobilityReminderCommand,
  ReissueSigningLink,
} from './mobility.commands';
import { MobilityRules as R } from './mobility.errors';
import type { AwaitedStep, MobilityEvent, SignatoryRole } from './mobility.events';
import { isAwaiting, pendingSignatories, type MobilityState } from './mobility.state';

/**
 * What the workflow records about time: reminders, escalations, expiry, missed deadlines. The
 * rules that matter to people live here, not in the workflow: a signatory who has signed (or a
 * superseded version) is never reminded, and each reminder is recorded once, in order.
 */
export function decideReminder(
  command: MobilityReminderCommand,
  state: MobilityState,
): MobilityEvent[] {
  const d = command.data;
  switch (command.type) {
    case 'SendSignatureReminder': {
      const { version, role, reminderNumber } = command.data;
      ensurePending(state, version, role);
      if (!inOrder(state.reminders.get(`${version}/${role}`) ?? 0, reminderNumber)) return [];
      return [
        {
          type: 'SignatureReminderSent',
          data: { mobilityId: d.mobilityId, version, role, reminderNumber, sentAt: command.at },
        },
      ];
    }
    case 'EscalateSignatureRequest': {
      const { version, role, level, afterReminders } = command.data;
      ensurePending(state, version, role);
      if (state.escalations.has(`${version}/${role}/${level}`)) return [];
      return [
        {
          type: 'SignatureRequestEscalated',
          data: {
            mobilityId: d.mobilityId,
            version,
            role,
            level,
            afterReminders,
            escalatedAt: command.at,
          },
        },
      ];
    }
    case 'ExpireSignatureRequest': {
      const { version, deadline } = command.data;
      if (state.expiredVersions.has(version)) return [];
      ensure(
        state.agreement?.version === version && !state.agreement.fullySigned,
        R.ReminderNotPending,
        `version ${version} is not awaiting signatures`,
      );
      return [
        {
          type: 'SignatureRequestExpired',
          data: {
            mobilityId: d.mobilityId,
            version,
            pendingRoles: pendingSignatories(state),
            deadline,
            expiredAt: command.at,
          },
        },
      ];
    }
    case 'SendStepReminder': {
      const { step, reminderNumber, deadline } = command.data;
      ensureAwaiting(state, step);
      if (!inOrder(state.stepReminders.get(step) ?? 0, reminderNumber)) return [];
      return [
        {
          type: 'StepReminderSent',
          data: {
            mobilityId: d.mobilityId,
            step,
            reminderNumber,
            ...(deadline !== undefined && { deadline }),
            sentAt: command.at,
          },
        },
      ];
    }
    case 'EscalateStep': {
      const { step, level, afterReminders } = command.data;
      ensureAwaiting(state, step);
      if (state.escalations.has(`${step}/${level}`)) return [];
      return [
        {
          type: 'StepEscalated',
          data: { mobilityId: d.mobilityId, step, level, afterReminders, escalatedAt: command.at },
        },
      ];
    }
    case 'RecordStepDeadlineMissed': {
      const { step, deadline } = command.data;
      if (state.missedSteps.has(step)) return [];
      ensureAwaiting(state, step);
      return [
        {
          type: 'StepDeadlineMissed',
          data: { mobilityId: d.mobilityId, step, deadline, recordedAt: command.at },
        },
      ];
    }
  }
}

/**
 * A fresh signing link (revoking the earlier ones) or the disclosure of one kept in the local
 * outbox: only for a signatory whose signature the current version still awaits. A link for
 * anyone else would open a page that refuses it. An expired request may still get one: the
 * agreement can be signed after its deadline, the expiry only stops the reminders.
 */
export function decideSigningLink(
  command: ReissueSigningLink | DiscloseSigningLink,
  state: MobilityState,
): MobilityEvent[] {
  const { mobilityId, version, role } = command.data;
  const agreement = state.agreement;
  ensure(agreement, R.AgreementMissing, 'no Learning Agreement has been drafted');
  ensure(
    version === agreement.version,
    R.StaleVersion,
    `version ${version} is not the current version ${agreement.version} of the agreement`,
    { version, currentVersion: agreement.version },
  );
  ensure(
    pendingSignatories(state).includes(role),
    R.LinkNotPending,
    `no signature of the ${role} is awaited on version ${version}`,
    { version, role },
  );
  if (command.type === 'ReissueSigningLink')
    return [
      { type: 'SigningLinkReissued', data: { mobilityId, version, role, reissuedAt: command.at } },
    ];
  return [
    {
      type: 'SigningLinkDisclosed',
      data: { mobilityId, version, role, linkId: command.data.linkId, disclosedAt: command.at },
    },
  ];
}

/** Idempotent and in order: an old number is a retry (nothing), a skipped one is refused. */
function inOrder(sent: number, number: number): boolean {
  if (number <= sent) return false;
  ensure(number === sent + 1, R.ReminderOutOfOrder, `reminder ${number} follows reminder ${sent}`, {
    sent,
    number,
  });
  return true;
}

function ensurePending(state: MobilityState, version: number, role: SignatoryRole): void {
  const agreement = state.agreement;
  ensure(
    agreement?.version === version &&
      !state.expiredVersions.has(version) &&
      pendingSignatories(state).includes(role),
    R.ReminderNotPending,
    `no signature of the ${role} is awaited on version ${version}`,
    { version, role },
  );
}

function ensureAwaiting(state: MobilityState, step: AwaitedStep): void {
  ensure(isAwaiting(state, step), R.StepNotAwaited, `the mobility is not waiting for its ${step}`, {
    step,
  });
}
