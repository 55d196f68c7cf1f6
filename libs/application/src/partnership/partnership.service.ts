import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type PartnershipState,
  type MouContent,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import {
  guardedWrite,
  partnershipRelations,
  proposedPartnershipRelations,
  type Guard,
  type Relations,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
import { PartnershipAggregate } from '../aggregates';
import { SnapshotLoader } from '../snapshot-loader';

type Outcome = Promise<WriteOutcome<PartnershipEvent>>;

/**
 * The partnership's use cases: parties, MoU versions and their signatures, renewal, review,
 * termination, evaluation, the reminder policy, and what its workflow records about time.
 * Parties must be registered institutions; an MoU covers published units only.
 */
@Injectable()
export class PartnershipService {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
  ) {}

  propose(
    id: string,
    request: PartnershipRequest<'ProposePartnership'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(
      id,
      'ProposePartnership',
      request,
      context,
      options,
      async () => {
        await Promise.all(request.parties.map((p) => this.snapshots.institution(p.institutionId)));
      },
      proposedPartnershipRelations(request),
    );
  }

  addPartner(
    id: string,
    request: PartnershipRequest<'AddPartner'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'AddPartner', request, context, options, async () => {
      await this.snapshots.institution(request.party.institutionId);
    });
  }

  removePartner(
    id: string,
    request: PartnershipRequest<'RemovePartner'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RemovePartner', request, context, options);
  }

  draftMou(
    id: string,
    request: PartnershipRequest<'DraftMou'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'DraftMou', request, context, options, () =>
      this.ensureCoveredUnitsPublished(request.content),
    );
  }

  amendMou(
    id: string,
    request: PartnershipRequest<'AmendMou'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'AmendMou', request, context, options, () =>
      this.ensureCoveredUnitsPublished(request.content),
    );
  }

  /** A party's head signs for it: the signer is who their account says (their title is theirs to give). */
  signMou(
    id: string,
    request: PartnershipRequest<'SignMou'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    const principal = context.principal;
    const signed: PartnershipRequest<'SignMou'> = principal
      ? {
          ...request,
          authMethod: 'account',
          signer: { name: principal.name, role: request.signer.role, email: principal.email },
        }
      : request;
    return this.execute(id, 'SignMou', signed, context, options);
  }

  declineMou(
    id: string,
    request: PartnershipRequest<'DeclineMou'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DeclineMou', request, context, options);
  }

  renewMou(
    id: string,
    request: PartnershipRequest<'RenewMou'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RenewMou', request, context, options);
  }

  recordReview(
    id: string,
    request: PartnershipRequest<'RecordMouReview'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordMouReview', request, context, options);
  }

  terminate(
    id: string,
    request: PartnershipRequest<'TerminatePartnership'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'TerminatePartnership', request, context, options);
  }

  evaluate(
    id: string,
    request: PartnershipRequest<'EvaluatePartnership'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EvaluatePartnership', request, context, options);
  }

  setReminderPolicy(
    id: string,
    request: PartnershipRequest<'SetReminderPolicy'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SetReminderPolicy', request, context, options);
  }

  // What the partnership workflow records about time (actor `system:workflow`).

  sendSignatureReminder(
    id: string,
    request: PartnershipRequest<'SendMouSignatureReminder'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'SendMouSignatureReminder', request, context);
  }

  escalateSignatureRequest(
    id: string,
    request: PartnershipRequest<'EscalateMouSignatureRequest'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'EscalateMouSignatureRequest', request, context);
  }

  expireSignatureRequest(
    id: string,
    request: PartnershipRequest<'ExpireMouSignatureRequest'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'ExpireMouSignatureRequest', request, context);
  }

  sendRenewalReminder(
    id: string,
    request: PartnershipRequest<'SendMouRenewalReminder'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'SendMouRenewalReminder', request, context);
  }

  escalateRenewal(
    id: string,
    request: PartnershipRequest<'EscalateMouRenewal'>,
    context: UseCaseContext,
  ): Outcome {
    return this.execute(id, 'EscalateMouRenewal', request, context);
  }

  /** Every unit an MoU covers must exist in the catalogue version it pins. */
  private async ensureCoveredUnitsPublished(content: MouContent): Promise<void> {
    for (const covered of content.qualifications) {
      const q = await this.snapshots.qualification(
        covered.qualificationId,
        covered.qualificationVersion,
      );
      const unknown = covered.unitIds.filter((u) => !q.units.some((x) => x.unitId === u));
      if (unknown.length > 0)
        throw new DomainError(
          'reference.unknown-unit',
          `version ${q.version} of ${q.qualificationId} has no unit ${unknown.join(', ')}`,
          { qualificationId: q.qualificationId, unitIds: unknown },
        );
    }
  }

  private execute<T extends PartnershipCommand['type']>(
    id: string,
    type: T,
    request: PartnershipRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.decide(id, type, request, context, options, () => Promise.resolve());
  }

  /**
   * A use case's write, authorised by the policy table (the workflow's reminders are the
   * system's alone); the references the request names are checked once the stream is open and
   * the caller authorised (libs/application/src/access/guarded-write.ts).
   */
  private decide<T extends PartnershipCommand['type']>(
    id: string,
    type: T,
    request: PartnershipRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
    checkReferences: () => Promise<void>,
    creating?: Relations,
  ): Outcome {
    const useCase = USE_CASES[type];
    const guard: Guard<PartnershipState> = useCase
      ? {
          policy: 'Partnership',
          useCase,
          relations: partnershipRelations,
          ...(creating && { creating }),
          request,
        }
      : { internal: type };
    return guardedWrite(
      this.streams,
      PartnershipAggregate,
      guard,
      id,
      type,
      context,
      options,
      async () => {
        await checkReferences();
        return { partnershipId: id, ...request };
      },
    );
  }
}

/** The rule of each use case a person may run (the others are the workflow's). */
const USE_CASES: Partial<Record<PartnershipCommand['type'], UseCaseOf<'Partnership'>>> = {
  ProposePartnership: 'propose',
  AddPartner: 'addPartner',
  RemovePartner: 'removePartner',
  DraftMou: 'draftMou',
  AmendMou: 'amendMou',
  SignMou: 'signMou',
  DeclineMou: 'declineMou',
  RenewMou: 'renewMou',
  RecordMouReview: 'recordReview',
  TerminatePartnership: 'terminate',
  EvaluatePartnership: 'evaluate',
  SetReminderPolicy: 'setReminderPolicy',
};
