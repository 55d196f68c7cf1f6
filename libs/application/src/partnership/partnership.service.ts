import { Injectable } from '@nestjs/common';
import {
  commandOf,
  DomainError,
  type CommandContext,
  type MouContent,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipRequest,
} from '@ecvet/domain';
import {
  EventSourcedStreams,
  retryOnConcurrentAppend,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
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
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'ProposePartnership', request, context, options, async () => {
      await Promise.all(request.parties.map((p) => this.snapshots.institution(p.institutionId)));
    });
  }

  addPartner(
    id: string,
    request: PartnershipRequest<'AddPartner'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'AddPartner', request, context, options, async () => {
      await this.snapshots.institution(request.party.institutionId);
    });
  }

  removePartner(
    id: string,
    request: PartnershipRequest<'RemovePartner'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RemovePartner', request, context, options);
  }

  draftMou(
    id: string,
    request: PartnershipRequest<'DraftMou'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'DraftMou', request, context, options, () =>
      this.ensureCoveredUnitsPublished(request.content),
    );
  }

  amendMou(
    id: string,
    request: PartnershipRequest<'AmendMou'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.decide(id, 'AmendMou', request, context, options, () =>
      this.ensureCoveredUnitsPublished(request.content),
    );
  }

  signMou(
    id: string,
    request: PartnershipRequest<'SignMou'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SignMou', request, context, options);
  }

  declineMou(
    id: string,
    request: PartnershipRequest<'DeclineMou'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'DeclineMou', request, context, options);
  }

  renewMou(
    id: string,
    request: PartnershipRequest<'RenewMou'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RenewMou', request, context, options);
  }

  recordReview(
    id: string,
    request: PartnershipRequest<'RecordMouReview'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'RecordMouReview', request, context, options);
  }

  terminate(
    id: string,
    request: PartnershipRequest<'TerminatePartnership'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'TerminatePartnership', request, context, options);
  }

  evaluate(
    id: string,
    request: PartnershipRequest<'EvaluatePartnership'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'EvaluatePartnership', request, context, options);
  }

  setReminderPolicy(
    id: string,
    request: PartnershipRequest<'SetReminderPolicy'>,
    context: CommandContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'SetReminderPolicy', request, context, options);
  }

  // What the partnership workflow records about time (actor `system:workflow`).

  sendSignatureReminder(
    id: string,
    request: PartnershipRequest<'SendMouSignatureReminder'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'SendMouSignatureReminder', request, context);
  }

  escalateSignatureRequest(
    id: string,
    request: PartnershipRequest<'EscalateMouSignatureRequest'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'EscalateMouSignatureRequest', request, context);
  }

  expireSignatureRequest(
    id: string,
    request: PartnershipRequest<'ExpireMouSignatureRequest'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'ExpireMouSignatureRequest', request, context);
  }

  sendRenewalReminder(
    id: string,
    request: PartnershipRequest<'SendMouRenewalReminder'>,
    context: CommandContext,
  ): Outcome {
    return this.execute(id, 'SendMouRenewalReminder', request, context);
  }

  escalateRenewal(
    id: string,
    request: PartnershipRequest<'EscalateMouRenewal'>,
    context: CommandContext,
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

  private command<T extends PartnershipCommand['type']>(
    id: string,
    type: T,
    request: PartnershipRequest<T>,
    context: CommandContext,
  ): PartnershipCommand {
    return commandOf<PartnershipCommand>(type, { partnershipId: id, ...request }, context.issuedAt);
  }

  private execute<T extends PartnershipCommand['type']>(
    id: string,
    type: T,
    request: PartnershipRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
  ): Outcome {
    const command = this.command(id, type, request, context);
    return this.streams.execute(PartnershipAggregate, id, command, context, options);
  }

  /** A command whose references are checked once the stream is open (after a retry check). */
  private decide<T extends PartnershipCommand['type']>(
    id: string,
    type: T,
    request: PartnershipRequest<T>,
    context: CommandContext,
    options: WriteOptions = {},
    checkReferences: () => Promise<void>,
  ): Outcome {
    return retryOnConcurrentAppend(options, async () => {
      const opened = await this.streams.open(PartnershipAggregate, id, type, context, options);
      if (opened.earlier) return opened.earlier;
      await checkReferences();
      return opened.stream.decide(this.command(id, type, request, context), context, options);
    });
  }
}
