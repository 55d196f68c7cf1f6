import { CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  institutionDecider,
  type InstitutionCommand,
  type InstitutionEvent,
  type InstitutionState,
} from '@ecvet/domain';
import type { PersonalData } from '@ecvet/event-store';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { Streams } from '../streams';

export class InstitutionCommandMessage extends AggregateCommand<InstitutionCommand> {}

@HandlesCommand(InstitutionCommandMessage)
export class InstitutionCommandHandler extends AggregateCommandHandler<
  InstitutionCommand,
  InstitutionCommand,
  InstitutionEvent,
  InstitutionState
> {
  protected readonly decider = institutionDecider;
  protected readonly creating = new Set(['RegisterInstitution']);

  constructor(commands: CommandHandler) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.institution(id);
  }

  /** A contact person's name, e-mail and phone are theirs: encrypted under their own key. */
  protected override personal(event: InstitutionEvent): PersonalData | undefined {
    if (event.type !== 'ContactPersonAdded') return undefined;
    return {
      subject: `contact-${event.data.contact.id}`,
      fields: ['contact.name', 'contact.email', 'contact.phone'],
    };
  }
}
