import { Injectable } from '@nestjs/common';
import { MobilityCommandMessage, type MobilityInput } from '@ecvet/application';
import type { MobilityActivities } from '../../../../workflows/mobility.activities';
import type { Action } from '../../../../workflows/mobility-schedule';
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
 * The mobility workflow's activities. They act only by dispatching commands on the CommandBus as
 * `system:workflow`, so every reminder, escalation and expiry is an event in the log; the command
 * id is derived from the mobility and the action, so a retried activity records nothing twice.
 */
@Injectable()
export class MobilityActivitiesFactory {
  constructor(private readonly commands: WorkflowCommands) {}

  create(): MobilityActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.commands.reminderPolicy(partnershipId),
      recordMobilityReminder: (mobilityId, action) => {
        const context = this.commands.context(
          WORKFLOW_COMMANDS,
          actionKey(mobilityId, action),
          `mobility-${mobilityId}`,
        );
        return this.commands.dispatch(
          new MobilityCommandMessage(
            mobilityId,
            toCommand(mobilityId, action, context.issuedAt),
            context,
          ),
          NO_LONGER_APPLIES,
        );
      },
    };
  }
}

function toCommand(mobilityId: string, action: Action, at: string): MobilityInput {
  switch (action.kind) {
    case 'remind':
      return {
        type: 'SendSignatureReminder',
        data: {
          mobilityId,
          version: action.version,
          role: action.role,
          reminderNumber: action.reminderNumber,
          at,
        },
      };
    case 'escalate':
      return {
        type: 'EscalateSignatureRequest',
        data: {
          mobilityId,
          version: action.version,
          role: action.role,
          level: action.level,
          afterReminders: action.afterReminders,
          at,
        },
      };
    case 'expire':
      return {
        type: 'ExpireSignatureRequest',
        data: { mobilityId, version: action.version, deadline: action.deadline, at },
      };
    case 'step-reminder':
      return {
        type: 'SendStepReminder',
        data: {
          mobilityId,
          step: action.step,
          reminderNumber: action.reminderNumber,
          ...(action.deadline !== undefined && { deadline: action.deadline }),
          at,
        },
      };
    case 'step-escalate':
      return {
        type: 'EscalateStep',
        data: {
          mobilityId,
          step: action.step,
          level: action.level,
          afterReminders: action.afterReminders,
          at,
        },
      };
    case 'step-missed':
      return {
        type: 'RecordStepDeadlineMissed',
        data: { mobilityId, step: action.step, deadline: action.deadline, at },
      };
  }
}
