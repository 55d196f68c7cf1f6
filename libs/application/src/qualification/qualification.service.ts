import { Injectable } from '@nestjs/common';
import {
  type QualificationState,
  type QualificationCommand,
  type QualificationEvent,
  type QualificationRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import {
  catalogueRelations,
  guardedWrite,
  type Guard,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
import { QualificationAggregate } from '../aggregates';

type Outcome = Promise<WriteOutcome<QualificationEvent>>;

/** The catalogue's use cases: a qualification, its modules and units, its published versions. */
@Injectable()
export class QualificationService {
  constructor(private readonly streams: EventSourcedStreams) {}

  define(
    id: string,
    request: QualificationRequest<'DefineQualification'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DefineQualification', request, context, options);
  }

  addModule(
    id: string,
    request: QualificationRequest<'AddModule'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AddModule', request, context, options);
  }

  defineUnit(
    id: string,
    request: QualificationRequest<'DefineUnit'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DefineUnit', request, context, options);
  }

  /** A numbered version that agreements and MoUs pin. */
  publishVersion(id: string, context: UseCaseContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'PublishQualificationVersion', {}, context, options);
  }

  private execute<T extends QualificationCommand['type']>(
    id: string,
    type: T,
    request: QualificationRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    const guard: Guard<QualificationState> = {
      policy: 'Qualification',
      useCase: USE_CASES[type],
      relations: catalogueRelations,
      ...(type === 'DefineQualification' && { creating: catalogueRelations() }),
    };
    return guardedWrite(
      this.streams,
      QualificationAggregate,
      guard,
      id,
      type,
      context,
      options,
      () => ({
        qualificationId: id,
        ...request,
      }),
    );
  }
}

const USE_CASES: Record<QualificationCommand['type'], UseCaseOf<'Qualification'>> = {
  DefineQualification: 'define',
  AddModule: 'addModule',
  DefineUnit: 'defineUnit',
  PublishQualificationVersion: 'publishVersion',
};
