import { Injectable } from '@nestjs/common';
import { type CallCommand, type CallEvent, type CallRequest, type CallState } from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import {
  callRelations,
  guardedWrite,
  openedCallRelations,
  type Guard,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
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
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    const guard: Guard<CallState> = {
      policy: 'Call',
      useCase: 'open',
      relations: callRelations,
      creating: openedCallRelations(request),
    };
    return guardedWrite(
      this.streams,
      CallAggregate,
      guard,
      id,
      'OpenCall',
      context,
      options,
      async () => {
        await Promise.all([
          this.snapshots.partnership(request.partnershipId),
          this.snapshots.institution(request.sendingInstitutionId),
          this.snapshots.institution(request.hostInstitutionId),
        ]);
        return request;
      },
    );
  }

  submitApplication(
    id: string,
    request: CallRequest<'SubmitApplication'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SubmitApplication', request, context, options);
  }

  evaluateApplication(
    id: string,
    request: CallRequest<'EvaluateApplication'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EvaluateApplication', request, context, options);
  }

  recordInterview(
    id: string,
    request: CallRequest<'RecordInterview'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordInterview', request, context, options);
  }

  decideApplication(
    id: string,
    request: CallRequest<'DecideApplication'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DecideApplication', request, context, options);
  }

  withdrawApplication(
    id: string,
    request: CallRequest<'WithdrawApplication'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'WithdrawApplication', request, context, options);
  }

  formTeam(
    id: string,
    request: CallRequest<'FormTeam'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'FormTeam', request, context, options);
  }

  briefLearner(
    id: string,
    request: CallRequest<'BriefLearner'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'BriefLearner', request, context, options);
  }

  acknowledgeBriefing(
    id: string,
    request: CallRequest<'AcknowledgeBriefing'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AcknowledgeBriefing', request, context, options);
  }

  close(id: string, context: UseCaseContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'CloseCall', {}, context, options);
  }

  private execute<T extends CallCommand['type']>(
    id: string,
    type: T,
    request: CallRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    const guard: Guard<CallState> = {
      policy: 'Call',
      useCase: USE_CASES[type],
      relations: callRelations,
    };
    return guardedWrite(
      this.streams,
      CallAggregate,
      guard,
      id,
      type,
      context,
      options,
      () => request,
    );
  }
}

/** The rule of each use case. */
const USE_CASES: Record<CallCommand['type'], UseCaseOf<'Call'>> = {
  OpenCall: 'open',
  SubmitApplication: 'submitApplication',
  EvaluateApplication: 'evaluateApplication',
  RecordInterview: 'recordInterview',
  DecideApplication: 'decideApplication',
  WithdrawApplication: 'withdrawApplication',
  FormTeam: 'formTeam',
  BriefLearner: 'briefLearner',
  AcknowledgeBriefing: 'acknowledgeBriefing',
  CloseCall: 'close',
};
