import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { BridgedEvent } from './bridged-event';
import type { MobilityActivities } from './mobility.activities';
import {
  applyEvent,
  dueActions,
  isFinished,
  isOverdue,
  newTrack,
  phaseOf,
  type Action,
  type MobilityTrack,
} from './mobility-schedule';

/** The bridge delivers each relevant event of the mobility's stream here, in log order. */
export const mobilityEventSignal = defineSignal<[BridgedEvent]>('mobilityEvent');
/** What the workflow knows and will do next (for operators and tests). */
export const mobilityStatusQuery = defineQuery<{
  track: MobilityTrack;
  phase: string;
  next?: { at: string; action: Action };
}>('status');

export const PHASE = defineSearchAttributeKey('EcvetPhase', SearchAttributeType.KEYWORD);
export const INSTITUTION = defineSearchAttributeKey(
  'EcvetInstitution',
  SearchAttributeType.KEYWORD,
);
export const OVERDUE = defineSearchAttributeKey('EcvetOverdue', SearchAttributeType.BOOL);

export interface MobilityWorkflowInput {
  mobilityId: string;
  /** Carried across continue-as-new. */
  track?: MobilityTrack;
  /** Upsert EcvetPhase/EcvetInstitution/EcvetOverdue (the server must know them). */
  searchAttributes?: boolean;
  /** Continue-as-new after this many history events (default 2,000, far below 10,240). */
  historyLimit?: number;
}

const { loadReminderPolicy, recordMobilityReminder } = proxyActivities<MobilityActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Follows one mobility from plan to completion and owns its time: signature collection for each
 * Learning Agreement version (reminders, escalation, expiry before the planned start), timers at
 * the planned start and end, and the host's assessment and the school's recognition as awaited
 * steps with their own deadlines. It acts only through activities that dispatch commands, so all
 * it does is in the event log; the domain refuses a reminder to someone who has signed.
 */
export async function mobilityWorkflow(input: MobilityWorkflowInput): Promise<string> {
  const track = input.track ?? newTrack(input.mobilityId);
  let changed = false;
  setHandler(mobilityEventSignal, (event) => {
    if (applyEvent(track, event)) changed = true;
  });
  setHandler(mobilityStatusQuery, () => {
    const next = policy ? dueActions(track, policy, escalateToHead)[0] : undefined;
    return {
      track,
      phase: phaseOf(track),
      ...(next && { next: { at: new Date(next.at).toISOString(), action: next.action } }),
    };
  });

  // Escalation to the head of the institution came after the first histories were recorded:
  // histories from before it replay without it (docs/workflow-versioning.md).
  const escalateToHead = patched('escalate-to-head');
  let policy: ReminderPolicy | undefined;
  let policyFor: string | undefined;
  const limit = input.historyLimit ?? 2_000;

  while (!isFinished(track)) {
    if (track.partnershipId && policyFor !== track.partnershipId) {
      policy = await loadReminderPolicy(track.partnershipId);
      policyFor = track.partnershipId;
    }
    if (input.searchAttributes) publishSearchAttributes(track);
    if (workflowInfo().historyLength > limit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof mobilityWorkflow>({ ...input, track });
    }
    const next = policy ? dueActions(track, policy, escalateToHead)[0] : undefined;
    changed = false;
    const now = Date.now();
    if (next && next.at <= now) {
      await act(track, next.action);
      continue;
    }
    if (next) await condition(() => changed, next.at - now);
    else await condition(() => changed);
  }
  if (input.searchAttributes) publishSearchAttributes(track);
  return track.status;
}

/** Runs an action and folds what it recorded (the bridged event will confirm it later). */
async function act(track: MobilityTrack, action: Action): Promise<void> {
  const outcome = await recordMobilityReminder(track.mobilityId, action);
  const c = track.collection;
  const step = (name: string) =>
    (track.steps[name as keyof MobilityTrack['steps']] ??= {
      reminders: 0,
      escalated: [],
      missed: false,
    });
  // Whether recorded now or refused as no longer pending, this action is done: don't repeat it.
  switch (action.kind) {
    case 'remind':
      if (c && c.version === action.version) {
        c.reminders[action.role] = action.reminderNumber;
        c.lastSentAt[action.role] = Date.now();
      }
      break;
    case 'escalate':
      if (c && c.version === action.version)
        c.escalated[action.role] = [...(c.escalated[action.role] ?? []), action.level];
      break;
    case 'expire':
      if (c && c.version === action.version) c.expired = true;
      break;
    case 'step-reminder':
      step(action.step).reminders = action.reminderNumber;
      step(action.step).lastSentAt = Date.now();
      break;
    case 'step-escalate':
      step(action.step).escalated.push(action.level);
      break;
    case 'step-missed':
      step(action.step).missed = true;
      break;
  }
  if (!outcome.recorded && outcome.rule === 'mobility.cancelled') track.status = 'cancelled';
  if (!outcome.recorded && outcome.rule === 'mobility.completed') track.status = 'completed';
}

function publishSearchAttributes(track: MobilityTrack): void {
  upsertSearchAttributes([
    { key: PHASE, value: phaseOf(track) },
    ...(track.sendingInstitutionId
      ? [{ key: INSTITUTION, value: track.sendingInstitutionId }]
      : []),
    { key: OVERDUE, value: isOverdue(track) },
  ]);
}
