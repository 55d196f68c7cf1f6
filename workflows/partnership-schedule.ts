import type { MouEscalationLevel } from '../libs/domain/src/partnership/partnership.events';
import { dueRungs } from '../libs/domain/src/reminders/reminder-ladder';
import { durationMs, type ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { RecordedSummary } from './bridged-event';
import type { PartnershipEventSummary } from './partnership-signal';
import type { MouCollection, PartnershipTrack, RenewalTrack } from './partnership-track';
import { DAY, isoTime, midnight, type ActionOutcome, type Due } from './schedule';

/**
 * What the partnership workflow must do next, and when: collect the signatures of each MoU
 * version (expiry `mouSignatureDeadline` after the draft) and remind the partnership to renew the
 * MoU in force before its validity ends, each on the reminder ladder (libs/domain/src/reminders/).
 * Pure, unit-tested without Temporal. The track it reads is in partnership-track.ts.
 */
/** What the workflow asks its activity to record (the command id is derived from it). */
export type PartnershipAction =
  | { kind: 'remind'; version: number; institutionId: string; reminderNumber: number }
  | {
      kind: 'escalate';
      version: number;
      institutionId: string;
      level: MouEscalationLevel;
      afterReminders: number;
    }
  | { kind: 'expire'; version: number; deadline: string }
  | { kind: 'renewal-reminder'; version: number; validUntil: string; reminderNumber: number }
  | {
      kind: 'renewal-escalate';
      version: number;
      validUntil: string;
      level: MouEscalationLevel;
      afterReminders: number;
    };

export type PartnershipDue = Due<PartnershipAction>;

export const isPartnershipFinished = (t: PartnershipTrack) => t.status === 'terminated';

/** The collection still awaiting signatures, if any. */
export function openMouCollection(track: PartnershipTrack): MouCollection | undefined {
  const c = track.collection;
  return c && !c.fullySigned && !c.declined && !c.superseded && !c.expired ? c : undefined;
}

/** When the request for a version's signatures expires: its draft plus `mouSignatureDeadline`. */
export const mouSignatureDeadline = (c: MouCollection, policy: ReminderPolicy): number =>
  c.requestedAt + durationMs(policy.mouSignatureDeadline);

/** The MoU in force to be renewed: none once a newer version is drafted. */
export function renewalDue(track: PartnershipTrack): RenewalTrack | undefined {
  const r = track.renewal;
  return r && track.latestVersion <= r.version ? r : undefined;
}

/** When the first renewal reminder is due: `renewalReminderBeforeExpiry` before `validUntil`. */
export const firstRenewalReminderAt = (r: RenewalTrack, policy: ReminderPolicy): number =>
  midnight(r.validUntil) - durationMs(policy.renewalReminderBeforeExpiry);

/**
 * Everything the workflow should do, each with its time; the earliest is next. Independent of the
 * clock: what is due in the past is due now.
 */
export function partnershipDueActions(
  track: PartnershipTrack,
  policy: ReminderPolicy,
): PartnershipDue[] {
  if (isPartnershipFinished(track)) return [];
  const due: PartnershipDue[] = [];
  const c = openMouCollection(track);
  if (c) {
    const { version } = c;
    const rungs = dueRungs(policy, {
      since: c.requestedAt,
      deadline: mouSignatureDeadline(c, policy),
      escalateToHead: true,
      awaiting: c.required
        .filter((p) => !c.signed.includes(p))
        .map((institutionId) => [
          institutionId,
          {
            reminders: c.reminders[institutionId] ?? 0,
            lastSentAt: c.lastSentAt[institutionId],
            escalated: c.escalated[institutionId] ?? [],
          },
        ]),
    });
    for (const rung of rungs) {
      const action: PartnershipAction =
        rung.kind === 'expire'
          ? { kind: 'expire', version, deadline: isoTime(rung.at) }
          : rung.kind === 'escalate'
            ? {
                kind: 'escalate',
                version,
                institutionId: rung.who,
                level: rung.level,
                afterReminders: rung.afterReminders,
              }
            : {
                kind: 'remind',
                version,
                institutionId: rung.who,
                reminderNumber: rung.reminderNumber,
              };
      due.push({ at: rung.at, action });
    }
  }
  const r = renewalDue(track);
  if (r) {
    const { version, validUntil } = r;
    // From `renewalReminderBeforeExpiry` before the end, up to `escalateAfter` reminders, then
    // the coordinator is told. The validity ends with its last day (inclusive): after it, there
    // is nothing to renew.
    const rungs = dueRungs(policy, {
      since: firstRenewalReminderAt(r, policy),
      firstReminderAfter: 0,
      remindUntil: midnight(validUntil) + DAY,
      escalateToHead: false,
      maxReminders: policy.escalateAfter,
      awaiting: [[version, r]],
    });
    for (const rung of rungs) {
      if (rung.kind === 'escalate')
        due.push({
          at: rung.at,
          action: {
            kind: 'renewal-escalate',
            version,
            validUntil,
            level: rung.level,
            afterReminders: rung.afterReminders,
          },
        });
      if (rung.kind === 'remind')
        due.push({
          at: rung.at,
          action: {
            kind: 'renewal-reminder',
            version,
            validUntil,
            reminderNumber: rung.reminderNumber,
          },
        });
    }
  }
  return due.sort((a, b) => a.at - b.at);
}

/**
 * What an action recorded, as the events the bridge will deliver later, so that the workflow
 * folds it at once (`foldPartnershipEvent`). Whether recorded now or refused as no longer
 * pending, the action is done and is not asked again; a refusal because the partnership was
 * terminated meanwhile ends the workflow.
 */
export function partnershipActionOutcome(
  track: PartnershipTrack,
  action: PartnershipAction,
  outcome: ActionOutcome,
  now: number,
): Array<RecordedSummary<PartnershipEventSummary>> {
  const recordedAt = isoTime(now);
  const events: Array<RecordedSummary<PartnershipEventSummary>> = [
    { ...actionEvent(track, action, recordedAt), recordedAt },
  ];
  if (!outcome.recorded && outcome.rule === 'partnership.terminated')
    events.push({ type: 'PartnershipTerminated', recordedAt, data: {} });
  return events;
}

function actionEvent(
  track: PartnershipTrack,
  action: PartnershipAction,
  sentAt: string,
): PartnershipEventSummary {
  switch (action.kind) {
    case 'remind': {
      const { version, institutionId, reminderNumber } = action;
      return {
        type: 'MouSignatureReminderSent',
        data: { version, institutionId, reminderNumber, sentAt },
      };
    }
    case 'escalate': {
      const { version, institutionId, level, afterReminders } = action;
      return {
        type: 'MouSignatureRequestEscalated',
        data: { version, institutionId, level, afterReminders },
      };
    }
    case 'expire': {
      const { version, deadline } = action;
      const c = track.collection;
      const pendingInstitutionIds =
        c?.version === version ? c.required.filter((p) => !c.signed.includes(p)) : [];
      return {
        type: 'MouSignatureRequestExpired',
        data: { version, deadline, pendingInstitutionIds },
      };
    }
    case 'renewal-reminder': {
      const { version, validUntil, reminderNumber } = action;
      return {
        type: 'MouRenewalReminderSent',
        data: { version, validUntil, reminderNumber, sentAt },
      };
    }
    case 'renewal-escalate': {
      const { version, validUntil, level, afterReminders } = action;
      return { type: 'MouRenewalEscalated', data: { version, validUntil, level, afterReminders } };
    }
  }
}

/**
 * Before patch `act-folds-outcome`, the workflow set a reminder's counter to the action's own
 * number and time, where folding keeps a later one that the bridge delivered while the action
 * ran (a workflow catching up on its log). True when the two differ for this action (call it
 * after folding the outcome); `rewindPartnershipReminder` then does what the old code did.
 */
export function partnershipReminderKeptLater(
  track: PartnershipTrack,
  action: PartnershipAction,
  now: number,
): boolean {
  if (action.kind === 'remind') {
    const c = track.collection;
    return (
      c !== undefined &&
      c.version === action.version &&
      ((c.reminders[action.institutionId] ?? 0) > action.reminderNumber ||
        (c.lastSentAt[action.institutionId] ?? 0) > now)
    );
  }
  if (action.kind === 'renewal-reminder') {
    const r = track.renewal;
    return (
      r !== undefined &&
      r.version === action.version &&
      (r.reminders > action.reminderNumber || (r.lastSentAt ?? 0) > now)
    );
  }
  return false;
}

/** What act() did before patch `act-folds-outcome` (see `partnershipReminderKeptLater`). */
export function rewindPartnershipReminder(
  track: PartnershipTrack,
  action: PartnershipAction,
  now: number,
): void {
  const c = track.collection;
  if (action.kind === 'remind' && c && c.version === action.version) {
    c.reminders[action.institutionId] = action.reminderNumber;
    c.lastSentAt[action.institutionId] = now;
  }
  const r = track.renewal;
  if (action.kind === 'renewal-reminder' && r && r.version === action.version) {
    r.reminders = action.reminderNumber;
    r.lastSentAt = now;
  }
}

/** What administrators filter on in the Temporal Web UI, and what `status` reports. */
export function partnershipPhaseOf(track: PartnershipTrack): string {
  if (track.status === 'terminated') return 'terminated';
  const c = track.collection;
  if (c && !c.fullySigned) {
    if (c.declined) return 'mou-declined';
    if (c.superseded) return 'mou-superseded';
    return c.expired ? 'mou-expired' : 'awaiting-signatures';
  }
  if (track.renewal) return 'mou-signed';
  return track.status === 'proposed' ? 'proposed' : 'unknown';
}

export const isPartnershipOverdue = (track: PartnershipTrack) =>
  Boolean(track.collection?.expired && !track.collection.fullySigned);
