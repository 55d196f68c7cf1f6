import { Injectable } from '@nestjs/common';
import {
  type InstitutionState,
  type InstitutionCommand,
  type InstitutionEvent,
  type InstitutionRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import {
  guardedWrite,
  institutionRelations,
  type Guard,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
import { InstitutionAggregate } from '../aggregates';

type Outcome = Promise<WriteOutcome<InstitutionEvent>>;

/** Institutions' use cases: registration, details, contact persons (personal data). */
@Injectable()
export class InstitutionService {
  constructor(private readonly streams: EventSourcedStreams) {}

  register(
    id: string,
    request: InstitutionRequest<'RegisterInstitution'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RegisterInstitution', request, context, options);
  }

  changeDetails(
    id: string,
    request: InstitutionRequest<'ChangeInstitutionDetails'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ChangeInstitutionDetails', request, context, options);
  }

  addContactPerson(
    id: string,
    request: InstitutionRequest<'AddContactPerson'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AddContactPerson', request, context, options);
  }

  removeContactPerson(
    id: string,
    request: InstitutionRequest<'RemoveContactPerson'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RemoveContactPerson', request, context, options);
  }

  private execute<T extends InstitutionCommand['type']>(
    id: string,
    type: T,
    request: InstitutionRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    const guard: Guard<InstitutionState> = {
      policy: 'Institution',
      useCase: USE_CASES[type],
      relations: () => institutionRelations(id),
      ...(type === 'RegisterInstitution' && { creating: institutionRelations(id) }),
    };
    return guardedWrite(
      this.streams,
      InstitutionAggregate,
      guard,
      id,
      type,
      context,
      options,
      () => ({
        institutionId: id,
        ...request,
      }),
    );
  }
}

const USE_CASES: Record<InstitutionCommand['type'], UseCaseOf<'Institution'>> = {
  RegisterInstitution: 'register',
  ChangeInstitutionDetails: 'changeDetails',
  AddContactPerson: 'addContactPerson',
  RemoveContactPerson: 'removeContactPerson',
};
