import { Injectable } from '@nestjs/common';
import { PartnershipService } from '@ecvet/application';
import { PartnershipRules, type CommandContext } from '@ecvet/domain';
import type { WriteOutcome } from '@ecvet/event-sourcing';
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
 * The partnership workflow's activities. They act only through PartnershipService, as
 * `system:workflow`, so every reminder, escalation and expiry is an event in the log; the command
 * id is derived from the partnership and the action, so a retried activity records nothing twice.
 */
@Injectable()
export class PartnershipActivitiesFactory {
  constructor(
    private readonly commands: WorkflowCommands,
    private readonly partnerships: PartnershipService,
  ) {}

  create(): PartnershipActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.commands.reminderPolicy(partnershipId),
      recordPartnershipReminder: (partnershipId, action) => {
        const context = this.commands.context(
          PARTNERSHIP_WORKFLOW_COMMANDS,
          actionKey(partnershipId, action),
          `partnership-${partnershipId}`,
        );
        return this.commands.outcome(
          this.record(partnershipId, action, context),
          NO_LONGER_APPLIES,
        );
      },
    };
  }

  /** The use case that records a workflow action. */
  private record(
    id: string,
    action: PartnershipAction,
    context: CommandContext,
  ): Promise<WriteOutcome> {
    const p = this.partnerships;
    switch (action.kind) {
      case 'remind': {
        const { version, institutionId, reminderNumber } = action;
        return p.sendSignatureReminder(id, { version, institutionId, reminderNumber }, context);
      }
      case 'escalate': {
        const { version, institutionId, level, afterReminders } = action;
        const request = { version, institutionId, level, afterReminders };
        return p.escalateSignatureRequest(id, request, context);
      }
      case 'expire':
        return p.expireSignatureRequest(
          id,
          { version: action.version, deadline: action.deadline },
          context,
        );
      case 'renewal-reminder': {
        const { version, validUntil, reminderNumber } = action;
        return p.sendRenewalReminder(id, { version, validUntil, reminderNumber }, context);
      }
      case 'renewal-escalate': {
        const { version, validUntil, level, afterReminders } = action;
        return p.escalateRenewal(id, { version, validUntil, level, afterReminders }, context);
      }
    }
  }
}
