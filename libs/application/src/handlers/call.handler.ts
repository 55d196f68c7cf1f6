import { CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  callDecider,
  callPersonalFields,
  type CallCommand,
  type CallEvent,
  type CallState,
} from '@ecvet/domain';
import type { PersonalData } from '@ecvet/event-store';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { SnapshotLoader } from '../snapshot-loader';
import { Streams } from '../streams';

export class CallCommandMessage extends AggregateCommand<CallCommand> {}

@HandlesCommand(CallCommandMessage)
export class CallCommandHandler extends AggregateCommandHandler<
  CallCommand,
  CallCommand,
  CallEvent,
  CallState
> {
  protected readonly decider = callDecider;
  protected readonly creating = new Set(['OpenCall']);

  constructor(
    commands: CommandHandler,
    private readonly snapshots: SnapshotLoader,
  ) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.call(id);
  }

  /** A call names a partnership and two institutions that must exist. */
  protected override async complete(input: CallCommand): Promise<CallCommand> {
    if (input.type === 'OpenCall') {
      await Promise.all([
        this.snapshots.partnership(input.data.partnershipId),
        this.snapshots.institution(input.data.sendingInstitutionId),
        this.snapshots.institution(input.data.hostInstitutionId),
      ]);
    }
    return input;
  }

  protected override personal(event: CallEvent): PersonalData | undefined {
    return callPersonalFields(event);
  }
}
