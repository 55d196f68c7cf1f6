import type { EscalationLevel } from '../mobility/mobility.events';
import { durationMs, outsideQuietHours, type ReminderPolicy } from './reminder-policy';

/**
 * The reminder ladder: the one rule for chasing a request that stays unanswered, whatever it is
 * (a Learning Agreement's signatures, an awaited step of a mobility, an MoU's signatures, an MoU's
 * renewal). Each awaited party climbs it on its own:
 *
 * - the first reminder `firstReminderAfter` after the request, then one every `repeatEvery`, and
 *   never sooner than `repeatEvery` after the last one sent (after downtime, reminders resume
 *   spaced rather than in a burst), moved out of the policy's quiet hours;
 * - after `escalateAfter` reminders the coordinator is told, after `escalateToHeadAfter` the head
 *   of the institution too (one escalation per level, due at once);
 * - at the deadline the request expires, and no reminder is due at or after it.
 *
 * Pure and deterministic (the workflow bundle imports it): times are epoch ms and nothing here
 * reads the clock, so what was due in the past is due now.
 */

/** How far one awaited party has climbed (folded from the event log by a workflow). */
export interface LadderPosition {
  /** Reminders sent so far. */
  reminders: number;
  /** ms of the last reminder sent, if any. */
  lastSentAt?: number;
  /** The levels already told. */
  escalated: readonly EscalationLevel[];
}

/** One request and the parties it still awaits, each identified by a `K`. */
export interface ReminderLadder<K> {
  /** ms: when the request was made (or the step became due); escalations are due from then. */
  since: number;
  /** ms from `since` to the first reminder: by default the policy's `firstReminderAfter`. */
  firstReminderAfter?: number;
  /** ms: the request expires then (an `expire` rung) and no reminder is due at or after it. */
  deadline?: number;
  /** ms: no reminder at or after it, and nothing expires (the thing awaited lapses by itself). */
  remindUntil?: number;
  /** Whether the head is told after `escalateToHeadAfter` reminders (the coordinator always is). */
  escalateToHead: boolean;
  /** No more reminders once this many were sent (by default, they go on until the deadline). */
  maxReminders?: number;
  /** The parties still awaited, in order, with how far each has climbed. */
  awaiting: ReadonlyArray<readonly [who: K, position: LadderPosition]>;
}

/** A step of the ladder and when it is due. */
export type Rung<K> =
  | { kind: 'expire'; at: number }
  | { kind: 'escalate'; at: number; who: K; level: EscalationLevel; afterReminders: number }
  | { kind: 'remind'; at: number; who: K; reminderNumber: number };

/**
 * Everything due on a ladder, each with its time: the expiry first, then for each awaited party
 * in order its escalation (at most one: the coordinator before the head) and its next reminder.
 * Not sorted: the earliest is next, and among rungs due at the same time the first listed.
 */
export function dueRungs<K>(policy: ReminderPolicy, ladder: ReminderLadder<K>): Array<Rung<K>> {
  const rungs: Array<Rung<K>> = [];
  const repeat = durationMs(policy.repeatEvery);
  const firstReminderAt =
    ladder.since + (ladder.firstReminderAfter ?? durationMs(policy.firstReminderAfter));
  const until = ladder.deadline ?? ladder.remindUntil;
  if (ladder.deadline !== undefined) rungs.push({ kind: 'expire', at: ladder.deadline });
  for (const [who, { reminders: sent, lastSentAt, escalated }] of ladder.awaiting) {
    const escalate = (level: EscalationLevel) =>
      rungs.push({ kind: 'escalate', at: ladder.since, who, level, afterReminders: sent });
    if (sent >= policy.escalateAfter && !escalated.includes('coordinator')) escalate('coordinator');
    else if (
      ladder.escalateToHead &&
      sent >= policy.escalateToHeadAfter &&
      !escalated.includes('head')
    )
      escalate('head');
    if (ladder.maxReminders !== undefined && sent >= ladder.maxReminders) continue;
    const at = outsideQuietHours(
      policy,
      Math.max(firstReminderAt + sent * repeat, (lastSentAt ?? 0) + repeat),
    );
    if (until === undefined || at < until)
      rungs.push({ kind: 'remind', at, who, reminderNumber: sent + 1 });
  }
  return rungs;
}
