import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationFailure } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import {
  AggregateReader,
  Streams,
  type AggregateCommand,
  type CommandOutcome,
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

/** What an activity reports: recorded, or the rule that says the action no longer applies. */
export interface ActivityOutcome {
  recorded: boolean;
  rule?: string;
}

/**
 * What the workflows' activities share: the reminder policy of a partnership (defaults, then
 * REMINDER_POLICY, then the partnership's own), and dispatching a workflow action as a command
 * as `system:workflow` with a command id derived from the action (a retried activity records
 * nothing twice).
 */
@Injectable()
export class WorkflowCommands {
  constructor(
    private readonly bus: CommandBus,
    private readonly reader: AggregateReader,
    private readonly config: AppConfig,
  ) {}

  async reminderPolicy(partnershipId: string): Promise<ReminderPolicy> {
    const system = this.config.REMINDER_POLICY
      ? (JSON.parse(this.config.REMINDER_POLICY) as Record<string, unknown>)
      : undefined;
    const partnership = await this.reader.tryLoad(
      partnershipDecider,
      Streams.partnership(partnershipId),
    );
    return resolvePolicy(system, partnership?.state.reminderPolicy);
  }

  /** The context of a workflow's command: `system:workflow`, id = uuidv5(key, namespace). */
  context(namespace: string, key: string, correlationId: string): CommandContext {
    const commandId = uuidv5(key, namespace);
    return {
      commandId,
      actor: { id: 'system:workflow', role: 'system' },
      issuedAt: new Date().toISOString(),
      correlationId,
      causationId: commandId,
    };
  }

  /** Dispatches; rules in `noLongerApplies` are an answer, other refusals do not retry. */
  async dispatch(
    message: AggregateCommand<unknown>,
    noLongerApplies: ReadonlySet<string>,
  ): Promise<ActivityOutcome> {
    try {
      const outcome: CommandOutcome = await this.bus.execute(message);
      return { recorded: outcome.events.length > 0 };
    } catch (err) {
      if (err instanceof DomainError && noLongerApplies.has(err.rule))
        return { recorded: false, rule: err.rule };
      if (err instanceof DomainError || err instanceof StreamNotFound)
        throw ApplicationFailure.nonRetryable(err.message, err.name);
      throw err;
    }
  }
}

export const actionKey = (id: string, action: unknown) => `${id}|${canonical(action)}`;
