import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import { PartnershipAggregate } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import {
  canonical,
  DomainError,
  resolvePolicy,
  type CommandContext,
  type ReminderPolicy,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOutcome } from '@ecvet/event-sourcing';
import { StreamNotFound } from '@ecvet/event-store';

/** What an activity reports: recorded, or the rule that says the action no longer applies. */
export interface ActivityOutcome {
  recorded: boolean;
  rule?: string;
}

/**
 * What the workflows' activities share: the reminder policy of a partnership (defaults, then
 * REMINDER_POLICY, then the partnership's own), the context of a workflow's command
 * (`system:workflow`, a command id derived from the action, so a retried activity records nothing
 * twice), and how a service's answer becomes the activity's.
 */
@Injectable()
export class WorkflowCommands {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly config: AppConfig,
  ) {}

  async reminderPolicy(partnershipId: string): Promise<ReminderPolicy> {
    const system = this.config.REMINDER_POLICY
      ? (JSON.parse(this.config.REMINDER_POLICY) as Record<string, unknown>)
      : undefined;
    const partnership = await this.streams.load(PartnershipAggregate, partnershipId);
    return resolvePolicy(system, partnership.state.reminderPolicy);
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

  /** Awaits the service call; rules in `noLongerApplies` are an answer, other refusals do not retry. */
  async outcome(
    recording: Promise<WriteOutcome>,
    noLongerApplies: ReadonlySet<string>,
  ): Promise<ActivityOutcome> {
    try {
      const outcome = await recording;
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
