import { Injectable } from '@nestjs/common';
import { PartnershipCommandMessage } from '@ecvet/application';
import { PartnershipRules, type PartnershipCommand } from '@ecvet/domain';
import type { PartnershipActivities } from '../../../../workflows/partnership.activities';
import type { PartnershipAction } from '../../../../workflows/partnership-schedule';
import { actionKey, WorkflowCommands } from './workflow-commands';

// Namespace of the partnership workflow's command ids: uuidv5(`${partnershipId}|${action}`, …).
// Not the mobility workflow's: a partnership and a mobility may share an id and an action shape.
const PARTNERSHIP_WORKFLOW_COMMANDS = '9b3e6f0c-4d2a-4c8e-a1f7-3e5d8b2c6a41';

/** Rules that mean "this no longer applies" rather than a failure: the action is simply done. */
const NO_LONGER_APPLIES = new Set<string>([
  PartnershipRules.ReminderNotPending,
  PartnershipRules.RenewalNotPending,
  PartnershipRules.Terminated,
]);

/**
 * The partnership workflow's activities. They act only by dispatching commands on the
 * CommandBus as `system:workflow`, so every reminder, escalation and expiry is an event in the
 * log; the command id is derived from the partnership and the action, so a retried activity
 * records nothing twice.
 */
@Injectable()
export class PartnershipActivitiesFactory {
  constructor(private readonly commands: WorkflowCommands) {}

  create(): PartnershipActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.commands.reminderPolicy(partnershipId),
      recordPartnershipReminder: (partnershipId, action) => {
        const context = this.commands.context(
          PARTNERSHIP_WORKFLOW_COMMANDS,
          actionKey(partnershipId, action),
          `partnership-${partnershipId}`,
        );
        return this.commands.dispatch(
          new PartnershipCommandMessage(
            partnershipId,
            toPartnershipCommand(partnershipId, action, context.issuedAt),
            context,
          ),
          NO_LONGER_APPLIES,
        );
      },
    };
  }
}

/** The command that records a workflow action (exported for tests). */
export function toPartnershipCommand(
  partnershipId: string,
  action: PartnershipAction,
  at: string,
): PartnershipCommand {
  switch (action.kind) {
    case 'remind':
      return {
        type: 'SendMouSignatureReminder',
        data: {
          partnershipId,
          version: action.version,
          institutionId: action.institutionId,
          reminderNumber: action.reminderNumber,
        },
        at,
      };
    case 'escalate':
      return {
        type: 'EscalateMouSignatureRequest',
        data: {
          partnershipId,
          version: action.version,
          institutionId: action.institutionId,
          level: action.level,
          afterReminders: action.afterReminders,
        },
        at,
      };
    case 'expire':
      return {
        type: 'ExpireMouSignatureRequest',
        data: { partnershipId, version: action.version, deadline: action.deadline },
        at,
      };
    case 'renewal-reminder':
      return {
        type: 'SendMouRenewalReminder',
        data: {
          partnershipId,
          version: action.version,
          validUntil: action.validUntil,
          reminderNumber: action.reminderNumber,
        },
        at,
      };
    case 'renewal-escalate':
      return {
        type: 'EscalateMouRenewal',
        data: {
          partnershipId,
          version: action.version,
          validUntil: action.validUntil,
          level: action.level,
          afterReminders: action.afterReminders,
        },
        at,
      };
  }
}
