import { Injectable } from '@nestjs/common';
import {
  commandOf,
  type AmendAgreementRequest,
  type CommandContext,
  type MobilityCommand,
  type MobilityCommandOf,
  type MobilityEvent,
  type MobilityRequest,
  type MobilityState,
  type PlanMobilityRequest,
  type SignAgreementRequest,
  type StartMobilityRequest,
} from '@ecvet/domain';
import {
  EventSourcedStreams,
  retryOnConcurrentAppend,
  type EventSourcedStream,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
import { MobilityAggregate } from '../aggregates';
import { SnapshotLoader } from '../snapshot-loader';

type Outcome = Promise<WriteOutcome<MobilityEvent>>;
type Stream = EventSourcedStream<MobilityCommand, MobilityEvent, MobilityState>;

/**
 * The mobility's use cases, one method each: the REST API, the signing-link pages and the
 * workflow's activities all call these. A method gathers the snapshots its decision needs from
 * other aggregates (ADR 0006) next to the decision itself; the write path below it loads the
 * stream, recognises a retry, decides and appends. One request writes one stream: what other
 * aggregates record in reaction (a recognised unit's credit) is a reactor's job.
 */
@Injectable()
export class MobilityService {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
  ) {}

  /** The plan: learner, institutions, the pinned catalogue version, units and period. */
  plan(id: string, request: PlanMobilityRequest, context: CommandContext, options?: WriteOptions) {
    return this.decide(id, 'PlanMobility', context, options, async () => {
      const { selection: chosen, ...rest } = request;
      const [partnership, sendingInstitution, host, qualification, selection] = await Promise.all([
        this.snapshots.partnership(request.partnershipId),
        this.snapshots.institution(request.sendingInstitutionId),
        this.snapshots.institution(request.hostInstitutionId),
        this.snapshots.qualification(request.qualificationId, request.qualificationVersion),
        chosen && this.snapshots.selection(chosen.callId, chosen.applicationId),
      ]);
      return {
        mobilityId: id,
        ...rest,
        partnership,
        sendingInstitution,
        host,
        qualification,
        ...(selection && { selection }),
      };
    });
  }

  draftAgreement(id: string, context: CommandContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'DraftLearningAgreement', {}, context, options);
  }

  /** A new version of the agreement; its signatures start afresh. */
  amendAgreement(
    id: string,
    request: AmendAgreementRequest,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'AmendLearningAgreement', context, options, async (mobility) => {
      const { partnershipId, terms } = planOf(mobility);
      const pinned = terms.qualification;
      const [partnership, qualification] = await Promise.all([
        this.snapshots.partnership(partnershipId),
        this.snapshots.qualification(pinned.qualificationId, pinned.version),
      ]);
      return { mobilityId: id, ...request, partnership, qualification };
    });
  }

  /** A signature on a version's hash, with its evidence; the MoU must be signed. */
  signAgreement(
    id: string,
    request: SignAgreementRequest,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'SignLearningAgreement', context, options, async (mobility) => ({
      mobilityId: id,
      ...request,
      partnership: await this.snapshots.partnership(planOf(mobility).partnershipId),
    }));
  }

  declineAgreement(
    id: string,
    request: MobilityRequest<'DeclineLearningAgreement'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DeclineLearningAgreement', request, context, options);
  }

  /** Only with the current agreement fully signed and an MoU in force on the start date. */
  start(
    id: string,
    request: StartMobilityRequest,
    context: CommandContext,
    options?: WriteOptions,
  ) {
    return this.decide(id, 'StartMobility', context, options, async (mobility) => ({
      mobilityId: id,
      ...request,
      partnership: await this.snapshots.partnership(planOf(mobility).partnershipId),
    }));
  }

  recordCheckIn(
    id: string,
    request: MobilityRequest<'RecordMentorCheckIn'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordMentorCheckIn', request, context, options);
  }

  reportIncident(
    id: string,
    request: MobilityRequest<'ReportIncident'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ReportIncident', request, context, options);
  }

  recordFormativeAssessment(
    id: string,
    request: MobilityRequest<'RecordFormativeAssessment'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordFormativeAssessment', request, context, options);
  }

  recordFinalAssessment(
    id: string,
    request: MobilityRequest<'RecordFinalAssessment'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordFinalAssessment', request, context, options);
  }

  end(
    id: string,
    request: MobilityRequest<'EndMobility'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EndMobility', request, context, options);
  }

  issueTranscript(
    id: string,
    request: MobilityRequest<'IssueTranscript'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'IssueTranscript', request, context, options);
  }

  validateUnit(
    id: string,
    request: MobilityRequest<'ValidateUnit'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ValidateUnit', request, context, options);
  }

  /** The credit on the learner's record follows from the event (LearnerCreditReactor). */
  recogniseUnit(
    id: string,
    request: MobilityRequest<'RecogniseUnit'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecogniseUnit', request, context, options);
  }

  issueCertificate(
    id: string,
    request: MobilityRequest<'IssueCertificate'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'IssueCertificate', request, context, options);
  }

  submitFeedback(
    id: string,
    request: MobilityRequest<'SubmitFeedback'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SubmitFeedback', request, context, options);
  }

  complete(
    id: string,
    request: MobilityRequest<'CompleteMobility'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'CompleteMobility', request, context, options);
  }

  cancel(
    id: string,
    request: MobilityRequest<'CancelMobility'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'CancelMobility', request, context, options);
  }

  // What the mobility workflow records about time (actor `system:workflow`).

  sendSignatureReminder(
    id: string,
    request: MobilityRequest<'SendSignatureReminder'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'SendSignatureReminder', request, context);
  }

  escalateSignatureRequest(
    id: string,
    request: MobilityRequest<'EscalateSignatureRequest'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'EscalateSignatureRequest', request, context);
  }

  expireSignatureRequest(
    id: string,
    request: MobilityRequest<'ExpireSignatureRequest'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'ExpireSignatureRequest', request, context);
  }

  sendStepReminder(
    id: string,
    request: MobilityRequest<'SendStepReminder'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'SendStepReminder', request, context);
  }

  escalateStep(
    id: string,
    request: MobilityRequest<'EscalateStep'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'EscalateStep', request, context);
  }

  recordStepDeadlineMissed(
    id: string,
    request: MobilityRequest<'RecordStepDeadlineMissed'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'RecordStepDeadlineMissed', request, context);
  }

  /** A command that needs nothing but the mobility's own stream. */
  private execute<T extends MobilityCommand['type']>(
    id: string,
    type: T,
    request: MobilityRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = commandOf<MobilityCommand>(
      type,
      { mobilityId: id, ...request },
      context.issuedAt,
    );
    return this.streams.execute(MobilityAggregate, id, command, context, options);
  }

  /**
   * A command whose data needs other aggregates: the stream is opened first (a retry is
   * recognised before anything else is read), then `data` gathers the snapshots, then the
   * decision is appended. Decided again on a concurrent append unless the caller sent If-Match.
   */
  private decide<T extends MobilityCommand['type']>(
    id: string,
    type: T,
    context: CommandContext,
    options: WriteOptions = {},
    data: (mobility: Stream) => Promise<MobilityCommandOf<T>['data']>,
  ): Outcome {
    return retryOnConcurrentAppend(options, async () => {
      const opened = await this.streams.open(MobilityAggregate, id, type, context, options);
      if (opened.earlier) return opened.earlier;
      const command = commandOf<MobilityCommand>(type, await data(opened.stream), context.issuedAt);
      return opened.stream.decide(command, context, options);
    });
  }
}

/** The plan of a mobility that exists (a stream opened for a command exists unless it plans). */
function planOf(mobility: Stream): NonNullable<MobilityState['plan']> {
  return mobility.state.plan!;
}
