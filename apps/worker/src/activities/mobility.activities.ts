import { Injectable } from '@nestjs/common';
import { MobilityService } from '@ecvet/application';
import type { CommandContext } from '@ecvet/domain';
import type { WriteOutcome } from '@ecvet/event-sourcing';
import type { MobilityActivities } from '../../../../workflows/mobility.activities';
import type { MobilityAction } from '../../../../workflows/mobility-schedule';
import { actionKey, WorkflowCommands } from './workflow-commands';

// Namespace of the workflow's command ids: uuidv5(`${mobilityId}|${action}`, namespace).
const WORKFLOW_COMMANDS = '2f7d4c1a-95e3-4b6e-8d0a-6c1e3f9b7a55';

/** Rules that mean "this no longer applies" rather than a failure: the action is simply done. */
const NO_LONGER_APPLIES = new Set([
  'reminder.signature-not-pending',
  'reminder.step-not-awaited',
  'agreement.stale-version',
  'agreement.not-drafted',
  'mobility.cancelled',
  'mobility.completed',
]);

/**
 * The mobility workflow's activities. They act only through MobilityService, as
 * `system:workflow`, so every reminder, escalation and expiry is an event in the log; the command
 * id is derived from the mobility and the action, so a retried activity records nothing twice.
 */
@Injectable()
export class MobilityActivitiesFactory {
  constructor(
    private readonly commands: WorkflowCommands,
    private readonly mobilities: MobilityService,
  ) {}

  create(): MobilityActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.commands.reminderPolicy(partnershipId),
      recordMobilityReminder: (mobilityId, action) => {
        const context = this.commands.context(
          WORKFLOW_COMMANDS,
          actionKey(mobilityId, action),
          `mobility-${mobilityId}`,
        );
        return this.commands.outcome(this.record(mobilityId, action, context), NO_LONGER_APPLIES);
      },
    };
  }

  /** The use case that records a workflow action. */
  private record(
    id: string,
    action: MobilityAction,
    context: CommandContext,
  ): Promise<WriteOutcome> {
    const m = this.mobilities;
    switch (action.kind) {
      case 'remind': {
        const { version, role, reminderNumber } = action;
        return m.sendSignatureReminder(id, { version, role, reminderNumber }, context);
      }
      case 'escalate': {
        const { version, role, level, afterReminders } = action;
        return m.escalateSignatureRequest(id, { version, role, level, afterReminders }, context);
      }
      case 'expire':
        return m.expireSignatureRequest(
          id,
          { version: action.version, deadline: action.deadline },
          context,
        );
      case 'step-reminder': {
        const { step, reminderNumber, deadline } = action;
        const request = { step, reminderNumber, ...(deadline !== undefined && { deadline }) };
        return m.sendStepReminder(id, request, context);
      }
      case 'step-escalate': {
        const { step, level, afterReminders } = action;
        return m.escalateStep(id, { step, level, afterReminders }, context);
      }
      case 'step-missed':
        return m.recordStepDeadlineMissed(
          id,
          { step: action.step, deadline: action.deadline },
          context,
        );
    }
  }
}
