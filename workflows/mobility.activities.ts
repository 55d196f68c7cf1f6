import type { ReminderPolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { MobilityAction } from './mobility-schedule';
import type { ActionOutcome } from './schedule';

/** The activities the mobility workflow calls (implemented in apps/worker). */
export interface MobilityActivities {
  /** The policy for a partnership: defaults, REMINDER_POLICY, the partnership's override. */
  loadReminderPolicy(partnershipId: string): Promise<ReminderPolicy>;
  /**
   * Dispatches the action as a command (actor `system:workflow`, command id derived from the
   * workflow and the action, so a retry records nothing twice). `recorded: false` with the rule
   * when the domain says it no longer applies (e.g. the signatory signed meanwhile).
   */
  recordMobilityReminder(mobilityId: string, action: MobilityAction): Promise<ActionOutcome>;
}
