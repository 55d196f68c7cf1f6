import { Injectable } from '@nestjs/common';
import {
  commandOf,
  DomainError,
  type CommandContext,
  type LearnerRecordCommand,
  type LearnerRecordEvent,
  type LearnerRecordRequest,
} from '@ecvet/domain';
import {
  EventSourcedStreams,
  retryOnConcurrentAppend,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
import { LearnerRecordAggregate } from '../aggregates';
import { SnapshotLoader } from '../snapshot-loader';

type Outcome = Promise<WriteOutcome<LearnerRecordEvent>>;

/** The learner's credit record: accumulation (by the credit reactor), withdrawal, transfer. */
@Injectable()
export class LearnerRecordService {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
  ) {}

  /** A recognised unit on the record (not exposed over HTTP: it follows from recognition). */
  accumulateCredit(
    id: string,
    request: LearnerRecordRequest<'AccumulateCredit'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AccumulateCredit', request, context, options);
  }

  withdrawCredit(
    id: string,
    request: LearnerRecordRequest<'WithdrawCredit'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'WithdrawCredit', request, context, options);
  }

  /** A transfer names modules of the target qualification: they must exist in its catalogue. */
  transferCredit(
    id: string,
    request: LearnerRecordRequest<'TransferCredit'>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    return retryOnConcurrentAppend(options, async () => {
      const opened = await this.streams.open(
        LearnerRecordAggregate,
        id,
        'TransferCredit',
        context,
        options,
      );
      if (opened.earlier) return opened.earlier;
      const modules = await this.snapshots.qualificationModules(request.toQualificationId);
      const unknown = request.units.map((u) => u.toModuleId).filter((m) => !modules.includes(m));
      if (unknown.length > 0)
        throw new DomainError(
          'reference.unknown-module',
          `qualification ${request.toQualificationId} has no module ${unknown.join(', ')}`,
          { toQualificationId: request.toQualificationId, moduleIds: unknown },
        );
      return opened.stream.decide(
        { type: 'TransferCredit', data: request, at: context.issuedAt },
        context,
        options,
      );
    });
  }

  private execute<T extends LearnerRecordCommand['type']>(
    id: string,
    type: T,
    request: LearnerRecordRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = commandOf<LearnerRecordCommand>(type, request, context.issuedAt);
    return this.streams.execute(LearnerRecordAggregate, id, command, context, options);
  }
}
