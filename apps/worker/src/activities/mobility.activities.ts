import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationFailure } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import {
  AggregateReader,
  MobilityCommandMessage,
  Streams,
  type MobilityInput,
} from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import {
  canonical,
  DomainError,
  partnershipDecider,
  resolvePolicy,
  type CommandContext,
  type ReminderPolicy,
} from '@ecvet/domain';
import { StreamNotFound } from '@ecvet/event-store';
import type { MobilityActivities } from '../../../../workflows/mobility.activities';
import type { Action } from '../../../../workflows/mobility-schedule';

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
  constructor(
    private readonly bus: CommandBus,
    private readonly reader: AggregateReader,
    private readonly config: AppConfig,
  ) {}

  create(): MobilityActivities {
    return {
      loadReminderPolicy: (partnershipId) => this.loadReminderPolicy(partnershipId),
      recordMobilityReminder: (mobilityId, action) => this.record(mobilityId, action),
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
    mobilityId: string,
    action: Action,
  ): Promise<{ recorded: boolean; rule?: string }> {
    const commandId = uuidv5(`${mobilityId}|${canonical(action)}`, WORKFLOW_COMMANDS);
    const at = new Date().toISOString();
    const context: CommandContext = {
      commandId,
      actor: { id: 'system:workflow', role: 'system' },
      issuedAt: at,
      correlationId: `mobility-${mobilityId}`,
      causationId: commandId,
    };
    try {
      const outcome = await this.bus.execute(
        new MobilityCommandMessage(mobilityId, toCommand(mobilityId, action, at), context),
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
