import type { ICommandHandler } from '@nestjs/cqrs';
import { StreamNotFound, type PersonalData } from '@ecvet/event-store';
import type { Decider } from '@ecvet/domain';
import type { CommandHandler, DomainEvent } from '@ecvet/event-sourcing';
import type { AggregateCommand, CommandOutcome } from './aggregate-command';

/**
 * The CommandBus end of the write path for one aggregate type: completes the command with the
 * snapshots it needs, then load → decide → append through the event-sourcing CommandHandler.
 * A command that does not create its aggregate gets a 404 when the aggregate does not exist.
 */
export abstract class AggregateCommandHandler<
  Input extends { type: string },
  Command,
  Event extends DomainEvent,
  State,
> implements ICommandHandler<AggregateCommand<Input>, CommandOutcome> {
  protected abstract readonly decider: Decider<Command, Event, State>;
  /** The command types that may run on a stream that does not exist yet. */
  protected abstract readonly creating: ReadonlySet<string>;

  constructor(protected readonly commands: CommandHandler) {}

  protected abstract stream(id: string): string;

  /** Adds what the decision needs from other aggregates. */
  protected complete(input: Input, _state: State): Promise<Command> | Command {
    return input as unknown as Command;
  }

  protected personal(_event: Event, _state: State): PersonalData | undefined {
    return undefined;
  }

  /** Runs after the append (for a retry too): e.g. what other aggregates must record. */
  protected afterwards(_message: AggregateCommand<Input>, _outcome: CommandOutcome): Promise<void> {
    return Promise.resolve();
  }

  async execute(message: AggregateCommand<Input>): Promise<CommandOutcome> {
    const stream = this.stream(message.id);
    const result = await this.commands.handle(
      this.decider,
      stream,
      async (state: State) => {
        if (state === this.decider.initialState && !this.creating.has(message.input.type))
          throw new StreamNotFound(stream);
        return this.complete(message.input, state);
      },
      message.context,
      {
        ...message.options,
        personal: (event, state) => this.personal(event, state),
      },
    );
    const outcome: CommandOutcome = {
      stream,
      version: result.version,
      events: result.events,
      written: result.written,
    };
    await this.afterwards(message, outcome);
    return outcome;
  }
}
