import { Injectable } from '@nestjs/common';
import {
  commandOf,
  type CommandContext,
  type QualificationCommand,
  type QualificationEvent,
  type QualificationRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import { QualificationAggregate } from '../aggregates';

type Outcome = Promise<WriteOutcome<QualificationEvent>>;

/** The catalogue's use cases: a qualification, its modules and units, its published versions. */
@Injectable()
export class QualificationService {
  constructor(private readonly streams: EventSourcedStreams) {}

  define(
    id: string,
    request: QualificationRequest<'DefineQualification'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DefineQualification', request, context, options);
  }

  addModule(
    id: string,
    request: QualificationRequest<'AddModule'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AddModule', request, context, options);
  }

  defineUnit(
    id: string,
    request: QualificationRequest<'DefineUnit'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DefineUnit', request, context, options);
  }

  /** A numbered version that agreements and MoUs pin. */
  publishVersion(id: string, context: CommandContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'PublishQualificationVersion', {}, context, options);
  }

  private execute<T extends QualificationCommand['type']>(
    id: string,
    type: T,
    request: QualificationRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = commandOf<QualificationCommand>(
      type,
      { qualificationId: id, ...request },
      context.issuedAt,
    );
    return this.streams.execute(QualificationAggregate, id, command, context, options);
  }
}
