import { CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  DomainError,
  learnerRecordDecider,
  type LearnerRecordCommand,
  type LearnerRecordEvent,
  type LearnerRecordState,
} from '@ecvet/domain';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { SnapshotLoader } from '../snapshot-loader';
import { Streams } from '../streams';

export class LearnerRecordCommandMessage extends AggregateCommand<LearnerRecordCommand> {}

@HandlesCommand(LearnerRecordCommandMessage)
export class LearnerRecordCommandHandler extends AggregateCommandHandler<
  LearnerRecordCommand,
  LearnerRecordCommand,
  LearnerRecordEvent,
  LearnerRecordState
> {
  protected readonly decider = learnerRecordDecider;
  // A learner's record begins with their first recognised unit.
  protected readonly creating = new Set(['AccumulateCredit']);

  constructor(
    commands: CommandHandler,
    private readonly snapshots: SnapshotLoader,
  ) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.learner(id);
  }

  /** A transfer names modules of the target qualification: they must exist in its catalogue. */
  protected override async complete(input: LearnerRecordCommand): Promise<LearnerRecordCommand> {
    if (input.type === 'TransferCredit') {
      const modules = await this.snapshots.qualificationModules(input.data.toQualificationId);
      const unknown = input.data.units.map((u) => u.toModuleId).filter((m) => !modules.includes(m));
      if (unknown.length > 0)
        throw new DomainError(
          'reference.unknown-module',
          `qualification ${input.data.toQualificationId} has no module ${unknown.join(', ')}`,
          { toQualificationId: input.data.toQualificationId, moduleIds: unknown },
        );
    }
    return input;
  }
}
