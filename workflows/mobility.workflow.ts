import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { MobilityActivities } from './mobility.activities';
import {
  isMobilityFinished,
  isMobilityOverdue,
  mobilityActionOutcome,
  mobilityDueActions,
  mobilityPhaseOf,
  mobilityReminderKeptLater,
  rewindMobilityReminder,
  type MobilityAction,
} from './mobility-schedule';
import {
  applyMobilityEvent,
  foldMobilityEvent,
  newMobilityTrack,
  type MobilityTrack,
} from './mobility-track';
import { mobilityEventSignal } from './mobility-signal';
import { publishSearchAttributes } from './search-attributes';

/** What the workflow knows and will do next (for operators and tests). */
export const mobilityStatusQuery = defineQuery<{
  track: MobilityTrack;
  phase: string;
  next?: { at: string; action: MobilityAction };
}>('status');

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
  const track = input.track ?? newMobilityTrack(input.mobilityId);
  let changed = false;
  setHandler(mobilityEventSignal, (event) => {
    if (applyMobilityEvent(track, event)) changed = true;
  });
  setHandler(mobilityStatusQuery, () => {
    const next = policy ? mobilityDueActions(track, policy, escalateToHead)[0] : undefined;
    return {
      track,
      phase: mobilityPhaseOf(track),
      ...(next && { next: { at: new Date(next.at).toISOString(), action: next.action } }),
    };
  });

  // Escalation to the head of the institution came after the first histories were recorded:
  // histories from before it replay without it (docs/workflow-versioning.md).
  const escalateToHead = patched('escalate-to-head');
  let policy: ReminderPolicy | undefined;
  let policyFor: string | undefined;
  const limit = input.historyLimit ?? 2_000;

  while (!isMobilityFinished(track)) {
    if (track.partnershipId && policyFor !== track.partnershipId) {
      policy = await loadReminderPolicy(track.partnershipId);
      policyFor = track.partnershipId;
      // Signals that finished the mobility while its policy loaded (a bridge catching up delivers
      // a whole stream at once) end the run here; histories from before this waited for a change
      // that could not come, and replay that way (docs/workflow-versioning.md).
      if (isMobilityFinished(track) && patched('finished-while-policy-loaded')) break;
    }
    if (input.searchAttributes) publish(track);
    if (workflowInfo().historyLength > limit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof mobilityWorkflow>({ ...input, track });
    }
    const next = policy ? mobilityDueActions(track, policy, escalateToHead)[0] : undefined;
    changed = false;
    const now = Date.now();
    if (next && next.at <= now) {
      await act(track, next.action);
      continue;
    }
    if (next) await condition(() => changed, next.at - now);
    else await condition(() => changed);
  }
  if (input.searchAttributes) publish(track);
  return track.status;
}

/**
 * Runs an action and folds what it recorded through the same fold as bridged events, at once
 * (the bridged event confirms it later).
 */
async function act(track: MobilityTrack, action: MobilityAction): Promise<void> {
  const outcome = await recordMobilityReminder(track.mobilityId, action);
  const now = Date.now();
  for (const event of mobilityActionOutcome(action, outcome, now)) foldMobilityEvent(track, event);
  // Histories from before the fold set a reminder's counter back to the action's own when the
  // bridge had delivered a later one meanwhile: they replay that way (docs/workflow-versioning.md).
  if (mobilityReminderKeptLater(track, action, now) && !patched('act-folds-outcome'))
    rewindMobilityReminder(track, action, now);
}

function publish(track: MobilityTrack): void {
  publishSearchAttributes(
    mobilityPhaseOf(track),
    track.sendingInstitutionId,
    isMobilityOverdue(track),
  );
}
