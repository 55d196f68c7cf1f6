import type {
  AwaitedStep,
  EscalationLevel,
  SignatoryRole,
} from '../libs/domain/src/mobility/mobility.events';
import { dueRungs, type Rung } from '../libs/domain/src/reminders/reminder-ladder';
import { durationMs, type ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { RecordedSummary } from './bridged-event';
import type { MobilityEventSummary } from './mobility-signal';
import { stepOf, type MobilityTrack } from './mobility-track';
import { isoTime, midnight, type ActionOutcome, type Due } from './schedule';

/**
 * What the mobility workflow must do next, and when: collect the signatures of each Learning
 * Agreement version (expiry before the planned start), then chase the awaited steps, each on the
 * reminder ladder (libs/domain/src/reminders/). Pure, unit-tested without Temporal; the workflow
 * only sleeps until the next action and runs it. The track it reads is in mobility-track.ts.
 */
/** What the workflow asks its activity to record (the command id is derived from it). */
export type MobilityAction =
  | { kind: 'remind'; version: number; role: SignatoryRole; reminderNumber: number }
  | {
      kind: 'escalate';
      version: number;
      role: SignatoryRole;
      level: EscalationLevel;
      afterReminders: number;
    }
  | { kind: 'expire'; version: number; deadline: string }
  | { kind: 'step-reminder'; step: AwaitedStep; reminderNumber: number; deadline?: string }
  | { kind: 'step-escalate'; step: AwaitedStep; level: EscalationLevel; afterReminders: number }
  | { kind: 'step-missed'; step: AwaitedStep; deadline: string };

export type MobilityDue = Due<MobilityAction>;

export const isMobilityFinished = (t: MobilityTrack) =>
  t.status === 'completed' || t.status === 'cancelled';

/** The signature deadline: the planned start minus the policy's margin. */
export function mobilitySignatureDeadline(
  track: MobilityTrack,
  policy: ReminderPolicy,
): number | undefined {
  if (!track.plannedStart) return undefined;
  return midnight(track.plannedStart) - durationMs(policy.signatureDeadlineBeforeStart);
}

/**
 * Everything the workflow should do, each with its time; the earliest is next. `head`: escalate
 * to the head of the institution too (not for histories from before that patch).
 */
export function mobilityDueActions(
  track: MobilityTrack,
  policy: ReminderPolicy,
  head: boolean,
): MobilityDue[] {
  if (isMobilityFinished(track)) return [];
  const due: MobilityDue[] = [];
  const c = track.collection;
  if (track.status === 'planned' && c && !c.fullySigned && !c.declined && !c.expired) {
    const deadline = mobilitySignatureDeadline(track, policy);
    const { version } = c;
    const rungs = dueRungs(policy, {
      since: c.requestedAt,
      deadline,
      escalateToHead: head,
      awaiting: c.required
        .filter((role) => !c.signed.includes(role))
        .map((role) => [
          role,
          {
            reminders: c.reminders[role] ?? 0,
            lastSentAt: c.lastSentAt[role],
            escalated: c.escalated[role] ?? [],
          },
        ]),
    });
    for (const rung of rungs) due.push({ at: rung.at, action: signatureAction(rung, version) });
  }
  const step = (name: AwaitedStep, since: number | undefined, deadline?: number) => {
    if (since === undefined) return;
    const s = track.steps[name] ?? { reminders: 0, escalated: [], missed: false };
    if (s.missed) return;
    const rungs = dueRungs(policy, {
      since,
      deadline,
      escalateToHead: head,
      awaiting: [[name, s]],
    });
    for (const rung of rungs) due.push({ at: rung.at, action: stepAction(rung, name, deadline) });
  };
  const first = durationMs(policy.firstReminderAfter);
  // Timers at the planned dates: the coordinator hears when a ready mobility has not started on
  // its planned start, and when a running one has passed its planned end without being closed.
  if (track.status === 'planned' && c?.fullySigned && track.plannedStart)
    step('start', midnight(track.plannedStart) - first);
  if (track.status === 'under-way' && track.plannedEnd)
    step('end', midnight(track.plannedEnd) - first);
  if (track.status === 'ended' && track.actualEnd) {
    const endedOn = midnight(track.actualEnd);
    if (track.transcriptAt === undefined)
      step(
        'assessment',
        track.endedAt ?? endedOn,
        endedOn + durationMs(policy.assessmentDeadlineAfterEnd),
      );
    else if (track.units.some((u) => !track.decidedUnits.includes(u)))
      step(
        'recognition',
        track.transcriptAt,
        endedOn + durationMs(policy.recognitionDeadlineAfterEnd),
      );
  }
  return due.sort((a, b) => a.at - b.at);
}

function signatureAction(rung: Rung<SignatoryRole>, version: number): MobilityAction {
  switch (rung.kind) {
    case 'expire':
      return { kind: 'expire', version, deadline: isoTime(rung.at) };
    case 'escalate':
      return {
        kind: 'escalate',
        version,
        role: rung.who,
        level: rung.level,
        afterReminders: rung.afterReminders,
      };
    case 'remind':
      return { kind: 'remind', version, role: rung.who, reminderNumber: rung.reminderNumber };
  }
}

function stepAction(
  rung: Rung<AwaitedStep>,
  step: AwaitedStep,
  deadline: number | undefined,
): MobilityAction {
  switch (rung.kind) {
    case 'expire':
      return { kind: 'step-missed', step, deadline: isoTime(rung.at) };
    case 'escalate':
      return {
        kind: 'step-escalate',
        step,
        level: rung.level,
        afterReminders: rung.afterReminders,
      };
    case 'remind':
      return {
        kind: 'step-reminder',
        step,
        reminderNumber: rung.reminderNumber,
        ...(deadline !== undefined && { deadline: isoTime(deadline) }),
      };
  }
}

/**
 * What an action recorded, as the events the bridge will deliver later, so that the workflow
 * folds it at once (`foldMobilityEvent`). Whether recorded now or refused as no longer pending,
 * the action is done and is not asked again; a refusal because the mobility was cancelled or
 * completed meanwhile ends the workflow.
 */
export function mobilityActionOutcome(
  action: MobilityAction,
  outcome: ActionOutcome,
  now: number,
): Array<RecordedSummary<MobilityEventSummary>> {
  const recordedAt = isoTime(now);
  const events: Array<RecordedSummary<MobilityEventSummary>> = [
    { ...actionEvent(action, recordedAt), recordedAt },
  ];
  if (!outcome.recorded && outcome.rule === 'mobility.cancelled')
    events.push({ type: 'MobilityCancelled', recordedAt, data: {} });
  if (!outcome.recorded && outcome.rule === 'mobility.completed')
    events.push({ type: 'MobilityCompleted', recordedAt, data: {} });
  return events;
}

function actionEvent(action: MobilityAction, sentAt: string): MobilityEventSummary {
  switch (action.kind) {
    case 'remind': {
      const { version, role, reminderNumber } = action;
      return { type: 'SignatureReminderSent', data: { version, role, reminderNumber, sentAt } };
    }
    case 'escalate': {
      const { version, role, level } = action;
      return { type: 'SignatureRequestEscalated', data: { version, role, level } };
    }
    case 'expire':
      return {
        type: 'SignatureRequestExpired',
        data: { version: action.version, deadline: action.deadline },
      };
    case 'step-reminder': {
      const { step, reminderNumber, deadline } = action;
      return {
        type: 'StepReminderSent',
        data: { reminderNumber, sentAt, step, ...(deadline !== undefined && { deadline }) },
      };
    }
    case 'step-escalate':
      return { type: 'StepEscalated', data: { level: action.level, step: action.step } };
    case 'step-missed':
      return { type: 'StepDeadlineMissed', data: { step: action.step, deadline: action.deadline } };
  }
}

/**
 * Before patch `act-folds-outcome`, the workflow set a reminder's counter to the action's own
 * number and time, where folding keeps a later one that the bridge delivered while the action
 * ran (a workflow catching up on its log). True when the two differ for this action (call it
 * after folding the outcome); `rewindMobilityReminder` then does what the old code did.
 */
export function mobilityReminderKeptLater(
  track: MobilityTrack,
  action: MobilityAction,
  now: number,
): boolean {
  if (action.kind === 'remind') {
    const c = track.collection;
    return (
      c !== undefined &&
      c.version === action.version &&
      ((c.reminders[action.role] ?? 0) > action.reminderNumber ||
        (c.lastSentAt[action.role] ?? 0) > now)
    );
  }
  if (action.kind === 'step-reminder') {
    const s = track.steps[action.step];
    return s !== undefined && (s.reminders > action.reminderNumber || (s.lastSentAt ?? 0) > now);
  }
  return false;
}

/** What act() did before patch `act-folds-outcome` (see `mobilityReminderKeptLater`). */
export function rewindMobilityReminder(
  track: MobilityTrack,
  action: MobilityAction,
  now: number,
): void {
  const c = track.collection;
  if (action.kind === 'remind' && c && c.version === action.version) {
    c.reminders[action.role] = action.reminderNumber;
    c.lastSentAt[action.role] = now;
  }
  if (action.kind === 'step-reminder') {
    const s = stepOf(track, action.step);
    s.reminders = action.reminderNumber;
    s.lastSentAt = now;
  }
}

/** What administrators filter on in the Temporal Web UI. */
export function mobilityPhaseOf(track: MobilityTrack): string {
  const c = track.collection;
  if (track.status === 'planned') {
    if (!c) return 'preparation';
    if (c.declined) return 'agreement-declined';
    return c.fullySigned ? 'ready-to-start' : 'awaiting-signatures';
  }
  if (track.status === 'ended') {
    if (track.transcriptAt === undefined) return 'awaiting-assessment';
    return track.units.some((u) => !track.decidedUnits.includes(u))
      ? 'awaiting-recognition'
      : 'recognised';
  }
  return track.status;
}

export const isMobilityOverdue = (track: MobilityTrack) =>
  Boolean(track.collection?.expired && !track.collection.fullySigned) ||
  Object.values(track.steps).some((s) => s?.missed);
