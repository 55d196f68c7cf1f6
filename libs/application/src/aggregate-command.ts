import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ecvet/domain';

/** What every write returns: the stream's new version and the events the command recorded. */
export interface CommandOutcome {
  stream: string;
  version: number;
  events: Array<{ type: string; data: object }>;
  /** False for a recognised retry or a command that changed nothing. */
  written: boolean;
}

export interface CommandOptions {
  /** HTTP If-Match. */
  expectedVersion?: number;
  /** Digest of the HTTP request, to tell a retry from a reused Idempotency-Key. */
  fingerprint?: string;
}

/**
 * A command for one aggregate instance, as it travels on the CommandBus. `input` is the domain
 * command without the snapshots of other aggregates that the handler looks up.
 */
export abstract class AggregateCommand<Input> extends Command<CommandOutcome> {
  constructor(
    readonly id: string,
    readonly input: Input,
    readonly context: CommandContext,
    readonly options: CommandOptions = {},
  ) {
    super();
  }
}
