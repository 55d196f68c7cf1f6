import { Injectable } from '@nestjs/common';
import {
  commandOf,
  type CommandContext,
  type InstitutionCommand,
  type InstitutionEvent,
  type InstitutionRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import { InstitutionAggregate } from '../aggregates';

type Outcome = Promise<WriteOutcome<InstitutionEvent>>;

/** Institutions' use cases: registration, details, contact persons (personal data). */
@Injectable()
export class InstitutionService {
  constructor(private readonly streams: EventSourcedStreams) {}

  register(
    id: string,
    request: InstitutionRequest<'RegisterInstitution'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RegisterInstitution', request, context, options);
  }

  changeDetails(
    id: string,
    request: InstitutionRequest<'ChangeInstitutionDetails'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ChangeInstitutionDetails', request, context, options);
  }

  addContactPerson(
    id: string,
    request: InstitutionRequest<'AddContactPerson'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AddContactPerson', request, context, options);
  }

  removeContactPerson(
    id: string,
    request: InstitutionRequest<'RemoveContactPerson'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RemoveContactPerson', request, context, options);
  }

  private execute<T extends InstitutionCommand['type']>(
    id: string,
    type: T,
    request: InstitutionRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = commandOf<InstitutionCommand>(
      type,
      { institutionId: id, ...request },
      context.issuedAt,
    );
    return this.streams.execute(InstitutionAggregate, id, command, context, options);
  }
}
