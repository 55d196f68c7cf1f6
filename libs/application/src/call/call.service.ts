import { Injectable } from '@nestjs/common';
import {
  commandOf,
  type CallCommand,
  type CallEvent,
  type CallRequest,
  type CommandContext,
} from '@ecvet/domain';
import {
  EventSourcedStreams,
  retryOnConcurrentAppend,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
import { CallAggregate } from '../aggregates';
import { SnapshotLoader } from '../snapshot-loader';

type Outcome = Promise<WriteOutcome<CallEvent>>;

/** Candidate selection's use cases: a call, its applications, evaluations, decisions, teams. */
@Injectable()
export class CallService {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
  ) {}

  /** A call names a partnership and two institutions that must exist. */
  open(
    id: string,
    request: CallRequest<'OpenCall'>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    return retryOnConcurrentAppend(options, async () => {
      const opened = await this.streams.open(CallAggregate, id, 'OpenCall', context, options);
      if (opened.earlier) return opened.earlier;
      await Promise.all([
        this.snapshots.partnership(request.partnershipId),
        this.snapshots.institution(request.sendingInstitutionId),
        this.snapshots.institution(request.hostInstitutionId),
      ]);
      return opened.stream.decide(
        { type: 'OpenCall', data: request, at: context.issuedAt },
        context,
        options,
      );
    });
  }

  submitApplication(
    id: string,
    request: CallRequest<'SubmitApplication'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SubmitApplication', request, context, options);
  }

  evaluateApplication(
    id: string,
    request: CallRequest<'EvaluateApplication'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EvaluateApplication', request, context, options);
  }

  recordInterview(
    id: string,
    request: CallRequest<'RecordInterview'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordInterview', request, context, options);
  }

  decideApplication(
    id: string,
    request: CallRequest<'DecideApplication'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DecideApplication', request, context, options);
  }

  withdrawApplication(
    id: string,
    request: CallRequest<'WithdrawApplication'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'WithdrawApplication', request, context, options);
  }

  formTeam(
    id: string,
    request: CallRequest<'FormTeam'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'FormTeam', request, context, options);
  }

  briefLearner(
    id: string,
    request: CallRequest<'BriefLearner'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'BriefLearner', request, context, options);
  }

  acknowledgeBriefing(
    id: string,
    request: CallRequest<'AcknowledgeBriefing'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AcknowledgeBriefing', request, context, options);
  }

  close(id: string, context: CommandContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'CloseCall', {}, context, options);
  }

  private execute<T extends CallCommand['type']>(
    id: string,
    type: T,
    request: CallRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = commandOf<CallCommand>(type, request, context.issuedAt);
    return this.streams.execute(CallAggregate, id, command, context, options);
  }
}
