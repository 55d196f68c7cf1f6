import { CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  qualificationDecider,
  type QualificationCommand,
  type QualificationEvent,
  type QualificationState,
} from '@ecvet/domain';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { Streams } from '../streams';

export class QualificationCommandMessage extends AggregateCommand<QualificationCommand> {}

@HandlesCommand(QualificationCommandMessage)
export class QualificationCommandHandler extends AggregateCommandHandler<
  QualificationCommand,
  QualificationCommand,
  QualificationEvent,
  QualificationState
> {
  protected readonly decider = qualificationDecider;
  protected readonly creating = new Set(['DefineQualification']);

  constructor(commands: CommandHandler) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.qualification(id);
  }
}
