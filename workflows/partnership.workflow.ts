import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { BridgedEvent } from './bridged-event';
import type { PartnershipActivities } from './partnership.activities';
import {
  applyPartnershipEvent,
  isPartnershipFinished,
  isPartnershipOverdue,
  newPartnershipTrack,
  partnershipDueActions,
  partnershipPhaseOf,
  type PartnershipAction,
  type PartnershipTrack,
} from './partnership-schedule';

/** The bridge delivers each relevant event of the partnership's stream here, in log order. */
export const partnershipEventSignal = defineSignal<[BridgedEvent]>('partnershipEvent');
/** What the workflow knows and will do next (for operators and tests). */
export const partnershipStatusQuery = defineQuery<{
  track: PartnershipTrack;
  phase: string;
  next?: { at: string; action: PartnershipAction };
}>('status');

// The same keys as the mobility workflow's: administrators filter both with one query.
const PHASE = defineSearchAttributeKey('EcvetPhase', SearchAttributeType.KEYWORD);
const INSTITUTION = defineSearchAttributeKey('EcvetInstitution', SearchAttributeType.KEYWORD);
const OVERDUE = defineSearchAttributeKey('EcvetOverdue', SearchAttributeType.BOOL);

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
    if (input.searchAttributes) publishSearchAttributes(track);
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
  if (input.searchAttributes) publishSearchAttributes(track);
  return track.status;
}

/** Runs an action and folds what it recorded (the bridged event will confirm it later). */
async function act(track: PartnershipTrack, action: PartnershipAction): Promise<void> {
  const outcome = await recordPartnershipReminder(track.partnershipId, action);
  const c = track.collection;
  const r = track.renewal;
  // Whether recorded now or refused as no longer pending, this action is done: don't repeat it.
  switch (action.kind) {
    case 'remind':
      if (c && c.version === action.version) {
        c.reminders[action.institutionId] = action.reminderNumber;
        c.lastSentAt[action.institutionId] = Date.now();
      }
      break;
    case 'escalate':
      if (c && c.version === action.version)
        c.escalated[action.institutionId] = [
          ...(c.escalated[action.institutionId] ?? []),
          action.level,
        ];
      break;
    case 'expire':
      if (c && c.version === action.version) c.expired = true;
      break;
    case 'renewal-reminder':
      if (r && r.version === action.version) {
        r.reminders = action.reminderNumber;
        r.lastSentAt = Date.now();
      }
      break;
    case 'renewal-escalate':
      if (r && r.version === action.version) r.escalated.push(action.level);
      break;
  }
  if (!outcome.recorded && outcome.rule === 'partnership.terminated') track.status = 'terminated';
}

function publishSearchAttributes(track: PartnershipTrack): void {
  upsertSearchAttributes([
    { key: PHASE, value: partnershipPhaseOf(track) },
    ...(track.coordinatorInstitutionId
      ? [{ key: INSTITUTION, value: track.coordinatorInstitutionId }]
      : []),
    { key: OVERDUE, value: isPartnershipOverdue(track) },
  ]);
}
