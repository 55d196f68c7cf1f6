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
import type { PartnershipActivities } from './partnership.activities';
import {
  isPartnershipFinished,
  isPartnershipOverdue,
  partnershipActionOutcome,
  partnershipDueActions,
  partnershipPhaseOf,
  partnershipReminderKeptLater,
  rewindPartnershipReminder,
  type PartnershipAction,
} from './partnership-schedule';
import {
  applyPartnershipEvent,
  foldPartnershipEvent,
  newPartnershipTrack,
  type PartnershipTrack,
} from './partnership-track';
import { partnershipEventSignal } from './partnership-signal';
import { publishSearchAttributes } from './search-attributes';

/** What the workflow knows and will do next (for operators and tests). */
export const partnershipStatusQuery = defineQuery<{
  track: PartnershipTrack;
  phase: string;
  next?: { at: string; action: PartnershipAction };
}>('status');

export interface PartnershipWorkflowInput {
  partnershipId: string;
  /** Carried across continue-as-new. */
  track?: PartnershipTrack;
  /** Upsert EcvetPhase/EcvetInstitution/EcvetOverdue (the server must know them). */
  searchAttributes?: boolean;
  /** Continue-as-new after this many history events (default 2,000, far below 10,240). */
  historyLimit?: number;
}

const { loadReminderPolicy, recordPartnershipReminder } = proxyActivities<PartnershipActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Follows one partnership and owns its time: signature collection for each MoU version
 * (reminders to each party that has not signed, escalation, expiry `mouSignatureDeadline` after
 * the draft) and the renewal reminder before the MoU in force ends. It acts only through
 * activities that dispatch commands, so all it does is in the event log; the domain refuses a
 * reminder to a party that has signed. It finishes when the partnership is terminated.
 */
export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<string> {
  const track = input.track ?? newPartnershipTrack(input.partnershipId);
  let changed = false;
  let policy: ReminderPolicy | undefined;
  /** The `PartnershipReminderPolicySet` checkpoint the loaded policy reflects. */
  let policyAsOf: string | undefined;
  setHandler(partnershipEventSignal, (event) => {
    if (applyPartnershipEvent(track, event)) changed = true;
  });
  setHandler(partnershipStatusQuery, () => {
    const next = policy ? partnershipDueActions(track, policy)[0] : undefined;
    return {
      track,
      phase: partnershipPhaseOf(track),
      ...(next && { next: { at: new Date(next.at).toISOString(), action: next.action } }),
    };
  });

  const limit = input.historyLimit ?? 2_000;
  while (!isPartnershipFinished(track)) {
    if (!policy || policyAsOf !== track.policyCheckpoint) {
      policyAsOf = track.policyCheckpoint;
      policy = await loadReminderPolicy(track.partnershipId);
      // A policy set while it loaded is loaded again on the next turn.
      continue;
    }
    if (input.searchAttributes) publish(track);
    if (workflowInfo().historyLength > limit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof partnershipWorkflow>({ ...input, track });
    }
    const next = partnershipDueActions(track, policy)[0];
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
async function act(track: PartnershipTrack, action: PartnershipAction): Promise<void> {
  const outcome = await recordPartnershipReminder(track.partnershipId, action);
  const now = Date.now();
  for (const event of partnershipActionOutcome(track, action, outcome, now))
    foldPartnershipEvent(track, event);
  // Histories from before the fold set a reminder's counter back to the action's own when the
  // bridge had delivered a later one meanwhile: they replay that way (docs/workflow-versioning.md).
  if (partnershipReminderKeptLater(track, action, now) && !patched('act-folds-outcome'))
    rewindPartnershipReminder(track, action, now);
}

function publish(track: PartnershipTrack): void {
  publishSearchAttributes(
    partnershipPhaseOf(track),
    track.coordinatorInstitutionId,
    isPartnershipOverdue(track),
  );
}
