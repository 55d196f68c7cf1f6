import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type LearnerRecordState,
  type LearnerRecordCommand,
  type LearnerRecordEvent,
  type LearnerRecordRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import {
  guardedWrite,
  type Guard,
  type Relations,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
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
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'AccumulateCredit', request, context, options);
  }

  withdrawCredit(
    id: string,
    request: LearnerRecordRequest<'WithdrawCredit'>,
    context: UseCaseContext,
    options?: WriteOptions,
  ): Outcome {
    return this.execute(id, 'WithdrawCredit', request, context, options);
  }

  /** A transfer names modules of the target qualification: they must exist in its catalogue. */
  transferCredit(
    id: string,
    request: LearnerRecordRequest<'TransferCredit'>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.write(id, 'TransferCredit', context, options, async () => {
      const modules = await this.snapshots.qualificationModules(request.toQualificationId);
      const unknown = request.units.map((u) => u.toModuleId).filter((m) => !modules.includes(m));
      if (unknown.length > 0)
        throw new DomainError(
          'reference.unknown-module',
          `qualification ${request.toQualificationId} has no module ${unknown.join(', ')}`,
          { toQualificationId: request.toQualificationId, moduleIds: unknown },
        );
      return request;
    });
  }

  /**
   * The institutions a learner's record belongs to: the sending schools of the mobilities whose
   * recognitions it holds (a coordinator there may read and correct it).
   */
  async relations(state: LearnerRecordState): Promise<Relations> {
    const mobilityIds = [...new Set([...state.credits.values()].map((c) => c.credit.mobilityId))];
    const plans = await Promise.all(
      mobilityIds.map((m) => this.snapshots.mobilityPlan(m).catch(() => undefined)),
    );
    const institutions = [
      ...new Set(plans.flatMap((p) => (p ? [p.sendingInstitution.institutionId] : []))),
    ];
    return { institutions };
  }

  private execute<T extends LearnerRecordCommand['type']>(
    id: string,
    type: T,
    request: LearnerRecordRequest<T>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.write(id, type, context, options, () => request);
  }

  /** Accumulation is the credit reactor's alone; withdrawal and transfer follow the policy. */
  private write<T extends LearnerRecordCommand['type']>(
    id: string,
    type: T,
    context: UseCaseContext,
    options: WriteOptions,
    data: () => object | Promise<object>,
  ): Outcome {
    const useCase = USE_CASES[type];
    const guard: Guard<LearnerRecordState> = useCase
      ? { policy: 'Learner', useCase, relations: (state) => this.relations(state) }
      : { internal: type };
    return guardedWrite(
      this.streams,
      LearnerRecordAggregate,
      guard,
      id,
      type,
      context,
      options,
      data,
    );
  }
}

const USE_CASES: Partial<Record<LearnerRecordCommand['type'], UseCaseOf<'Learner'>>> = {
  WithdrawCredit: 'withdrawCredit',
  TransferCredit: 'transferCredit',
};
