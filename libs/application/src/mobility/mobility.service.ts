import { Injectable } from '@nestjs/common';
import {
  type AmendAgreementRequest,
  type MobilityCommand,
  type MobilityEvent,
  type MobilityRequest,
  type MobilityState,
  type PlanMobilityRequest,
  type SignAgreementRequest,
  type StartMobilityRequest,
} from '@ecvet/domain';
import {
  EventSourcedStreams,
  type EventSourcedStream,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
import {
  guardedWrite,
  mobilityRelations,
  plannedMobilityRelations,
  type Guard,
  type UseCaseContext,
} from '../access';
import { MobilityAggregate } from '../aggregates';
import { MOBILITY_USE_CASES } from './mobility.use-cases';
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
  plan(id: string, request: PlanMobilityRequest, context: UseCaseContext, options?: WriteOptions) {
    return this.decide(
      id,
      'PlanMobility',
      context,
      options,
      async () => {
        const { selection: chosen, ...rest } = request;
        const [partnership, sendingInstitution, host, qualification, selection] = await Promise.all(
          [
            this.snapshots.partnership(request.partnershipId),
            this.snapshots.institution(request.sendingInstitutionId),
            this.snapshots.institution(request.hostInstitutionId),
            this.snapshots.qualification(request.qualificationId, request.qualificationVersion),
            chosen && this.snapshots.selection(chosen.callId, chosen.applicationId),
          ],
        );
        return {
          mobilityId: id,
          ...rest,
          partnership,
          sendingInstitution,
          host,
          qualification,
          ...(selection && { selection }),
        };
      },
      request,
    );
  }

  draftAgreement(id: string, context: UseCaseContext, options?: WriteOptions): Outcome {
    return this.execute(id, 'DraftLearningAgreement', {}, context, options);
  }

  /** A new version of the agreement; its signatures start afresh. */
  amendAgreement(
    id: string,
    request: AmendAgreementRequest,
    context: UseCaseContext,
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
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    // Who signs with an account is who their account says, not what the request claims.
    const principal = context.principal;
    const signed: SignAgreementRequest =
      principal && request.authMethod !== 'handwritten'
        ? {
            ...request,
            signer: {
              id: `account:${principal.accountId}`,
              name: principal.name,
              email: principal.email,
            },
          }
        : request;
    return this.decide(
      id,
      'SignLearningAgreement',
      context,
      options,
      async (mobility) => ({
        mobilityId: id,
        ...signed,
        partnership: await this.snapshots.partnership(planOf(mobility).partnershipId),
      }),
      signed,
    );
  }

  declineAgreement(
    id: string,
    request: MobilityRequest<'DeclineLearningAgreement'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    const principal = context.principal;
    const declined = principal
      ? {
          ...request,
          signer: {
            id: `account:${principal.accountId}`,
            name: principal.name,
            email: principal.email,
          },
        }
      : request;
    return this.execute(id, 'DeclineLearningAgreement', declined, context, options);
  }

  /** Only with the current agreement fully signed and an MoU in force on the start date. */
  start(
    id: string,
    request: StartMobilityRequest,
    context: UseCaseContext,
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
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordMentorCheckIn', request, context, options);
  }

  reportIncident(
    id: string,
    request: MobilityRequest<'ReportIncident'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ReportIncident', request, context, options);
  }

  recordFormativeAssessment(
    id: string,
    request: MobilityRequest<'RecordFormativeAssessment'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordFormativeAssessment', request, context, options);
  }

  recordFinalAssessment(
    id: string,
    request: MobilityRequest<'RecordFinalAssessment'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordFinalAssessment', request, context, options);
  }

  end(
    id: string,
    request: MobilityRequest<'EndMobility'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EndMobility', request, context, options);
  }

  issueTranscript(
    id: string,
    request: MobilityRequest<'IssueTranscript'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'IssueTranscript', request, context, options);
  }

  validateUnit(
    id: string,
    request: MobilityRequest<'ValidateUnit'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ValidateUnit', request, context, options);
  }

  /** The credit on the learner's record follows from the event (LearnerCreditReactor). */
  recogniseUnit(
    id: string,
    request: MobilityRequest<'RecogniseUnit'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecogniseUnit', request, context, options);
  }

  issueCertificate(
    id: string,
    request: MobilityRequest<'IssueCertificate'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'IssueCertificate', request, context, options);
  }

  submitFeedback(
    id: string,
    request: MobilityRequest<'SubmitFeedback'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SubmitFeedback', request, context, options);
  }

  complete(
    id: string,
    request: MobilityRequest<'CompleteMobility'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'CompleteMobility', request, context, options);
  }

  cancel(
    id: string,
    request: MobilityRequest<'CancelMobility'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'CancelMobility', request, context, options);
  }

  /**
   * A fresh signing link for a signatory the current version still awaits: the links issued
   * before it (for that version and role) stop working, and the outbox mails the new one.
   */
  reissueSigningLink(
    id: string,
    request: MobilityRequest<'ReissueSigningLink'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'ReissueSigningLink', request, context, options);
  }

  /**
   * The record that a signing link kept in the local outbox (no SMTP server) was read, to be
   * passed on (apps/api: operators only). The link itself is never recorded.
   */
  discloseSigningLink(
    id: string,
    request: MobilityRequest<'DiscloseSigningLink'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DiscloseSigningLink', request, context, options);
  }

  // What the mobility workflow records about time (actor `system:workflow`).

  sendSignatureReminder(
    id: string,
    request: MobilityRequest<'SendSignatureReminder'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'SendSignatureReminder', request, context);
  }

  escalateSignatureRequest(
    id: string,
    request: MobilityRequest<'EscalateSignatureRequest'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'EscalateSignatureRequest', request, context);
  }

  expireSignatureRequest(
    id: string,
    request: MobilityRequest<'ExpireSignatureRequest'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'ExpireSignatureRequest', request, context);
  }

  sendStepReminder(
    id: string,
    request: MobilityRequest<'SendStepReminder'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'SendStepReminder', request, context);
  }

  escalateStep(
    id: string,
    request: MobilityRequest<'EscalateStep'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'EscalateStep', request, context);
  }

  recordStepDeadlineMissed(
    id: string,
    request: MobilityRequest<'RecordStepDeadlineMissed'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'RecordStepDeadlineMissed', request, context);
  }

  /** A command that needs nothing but the mobility's own stream. */
  private execute<T extends MobilityCommand['type']>(
    id: string,
    type: T,
    request: MobilityRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.decide(id, type, context, options, () => ({ mobilityId: id, ...request }), request);
  }

  /**
   * A use case's write: authorised by the policy table (`MOBILITY_USE_CASES` names its rule; the
   * workflow's reminders are the system's alone), then `data` gathers what the decision needs
   * from other aggregates, next to the decision (libs/application/src/access/guarded-write.ts).
   */
  private decide<T extends MobilityCommand['type']>(
    id: string,
    type: T,
    context: UseCaseContext,
    options: WriteOptions = {},
    data: (mobility: Stream) => object | Promise<object>,
    request: object = {},
  ): Outcome {
    const useCase = MOBILITY_USE_CASES[type];
    const guard: Guard<MobilityState> = useCase
      ? {
          policy: 'Mobility',
          useCase,
          relations: mobilityRelations,
          ...(type === 'PlanMobility' && {
            creating: plannedMobilityRelations(request as PlanMobilityRequest),
          }),
          request,
        }
      : { internal: type };
    return guardedWrite(this.streams, MobilityAggregate, guard, id, type, context, options, data);
  }
}

/** The plan of a mobility that exists (a stream opened for a command exists unless it plans). */
function planOf(mobility: Stream): NonNullable<MobilityState['plan']> {
  return mobility.state.plan!;
}
