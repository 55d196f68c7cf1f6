import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationFailure } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import { AggregateReader, PartnershipCommandMessage, Streams } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import {
  canonical,
  DomainError,
  partnershipDecider,
  PartnershipRules,
  resolvePolicy,
  type CommandContext,
  type PartnershipCommand,
  type ReminderPolicy,
} from '@ecvet/domain';
import { StreamNotFound } from '@ecvet/event-store';
import type { PartnershipActivities } from '../../../../workflows/partnership.activities';
import type { PartnershipAction } from '../../../../workflows/partnership-schedule';

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
  constructor(
    private readonly bus: CommandBus,
    private readonly reader: AggregateReader,
    private readonly config: AppConfig,
  ) {}

  create(): PartnershipActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.loadReminderPolicy(partnershipId),
      recordPartnershipReminder: (partnershipId, action) => this.record(partnershipId, action),
    };
  }

  private async loadReminderPolicy(partnershipId: string): Promise<ReminderPolicy> {
    const system = this.config.REMINDER_POLICY
      ? (JSON.parse(this.config.REMINDER_POLICY) as Record<string, unknown>)
      : undefined;
    const partnership = await this.reader.tryLoad(
      partnershipDecider,
      Streams.partnership(partnershipId),
    );
    return resolvePolicy(system, partnership?.state.reminderPolicy);
  }

  private async record(
    partnershipId: string,
    action: PartnershipAction,
  ): Promise<{ recorded: boolean; rule?: string }> {
    const commandId = uuidv5(
      `${partnershipId}|${canonical(action)}`,
      PARTNERSHIP_WORKFLOW_COMMANDS,
    );
    const at = new Date().toISOString();
    const context: CommandContext = {
      commandId,
      actor: { id: 'system:workflow', role: 'system' },
      issuedAt: at,
      correlationId: `partnership-${partnershipId}`,
      causationId: commandId,
    };
    try {
      const outcome = await this.bus.execute(
        new PartnershipCommandMessage(
          partnershipId,
          toPartnershipCommand(partnershipId, action, at),
          context,
        ),
      );
      return { recorded: outcome.events.length > 0 };
    } catch (err) {
      if (err instanceof DomainError && NO_LONGER_APPLIES.has(err.rule))
        return { recorded: false, rule: err.rule };
      if (err instanceof DomainError || err instanceof StreamNotFound)
        throw ApplicationFailure.nonRetryable(err.message, err.name);
      throw err;
    }
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
