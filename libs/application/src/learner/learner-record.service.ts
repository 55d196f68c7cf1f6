import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import {
  DomainError,
  LearnerRecordRules,
  type LearnerRecordState,
  type LearnerRecordCommand,
  type LearnerRecordEvent,
  type LearnerRecordRequest,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@ecvet/event-store';
import {
  guardedWrite,
  type Guard,
  type Relations,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';
import { LearnerRecordAggregate } from '../aggregates';
import { reprojectStream } from '../read-models/read-model-documents';
import { SnapshotLoader } from '../snapshot-loader';
import { Streams } from '../streams';
import { learnerDocuments, type LearnerDocument } from './learner-documents';

type Outcome = Promise<WriteOutcome<LearnerRecordEvent>>;

/** The subject a learner's personal fields are encrypted under (ADR 0005). */
export const learnerSubject = (learnerId: string) => `learner-${learnerId}`;

/** What an erasure found of a learner: the mobilities and calls whose documents named them. */
export interface ErasedLearner {
  learnerId: string;
  mobilityIds: string[];
  callIds: string[];
}

/**
 * A copy of personal data kept outside the log and the read models (the mail outbox), cleared
 * by every erasure once the learner's key is destroyed. Registered by the module that owns the
 * copy (`addErasureStep`); it must be idempotent: an erasure may run again.
 */
export interface ErasureStep {
  readonly name: string;
  erase(learner: ErasedLearner): Promise<void>;
}

/**
 * The learner's record: accumulation (by the credit reactor), withdrawal, transfer of credits;
 * and the erasure of the learner's personal data.
 */
@Injectable()
export class LearnerRecordService {
  private readonly logger = new Logger(LearnerRecordService.name);
  private readonly erasureSteps: ErasureStep[] = [];

  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
    // Erasure's: the read models (pool) and the store's subject keys. Optional only for callers
    // that build the service by hand for credits alone (the reactor's test).
    @Optional() @InjectPool() private readonly pool?: Pool,
    @Optional() @Inject(EVENT_STORE) private readonly store?: EventStore,
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
   * Erases the learner's personal data (GDPR; ADR 0005), by the operator or an administrator of
   * the sending school of one of the learner's mobilities (or of a call they applied to). In order:
   * authorised (404 for a learner the caller may not see, or one nobody knows of); the learner's
   * subject key destroyed — before `LearnerErased` is recorded, so that whoever reacts to the event
   * finds every personal field erased; the event recorded (the security event: its actor is who
   * erased them; erasing again records nothing); then every derived copy recomputed or redacted:
   * the read-model documents of the learner's mobilities and calls, and the registered steps (the
   * mail outbox). Those run on every call, a retry too: a retry completes an interrupted erasure.
   * The log still verifies: hashes are over the ciphertext.
   */
  async erase(
    id: string,
    request: { reason: string },
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    const { pool, store } = this.erasureDependencies();
    const guard: Guard<LearnerRecordState> = {
      policy: 'Learner',
      useCase: 'erase' satisfies UseCaseOf<'Learner'>,
      relations: async (state) => {
        const documents = await learnerDocuments(pool, id);
        // Nobody knows of this learner: nothing to erase (not even for the operator).
        if (state.learnerId === undefined && documents.length === 0)
          throw new StreamNotFound(Streams.learner(id));
        return this.erasureRelations(state, documents);
      },
    };
    const outcome = await guardedWrite(
      this.streams,
      LearnerRecordAggregate,
      guard,
      id,
      'EraseLearner',
      context,
      options,
      async (stream) => {
        // Nothing is destroyed for a request the decider would refuse.
        if (!stream.state.erased && request.reason.trim() === '')
          throw new DomainError(
            LearnerRecordRules.ErasureNeedsReason,
            'an erasure states its reason',
          );
        await store.forgetSubject(learnerSubject(id));
        return { learnerId: id, reason: request.reason };
      },
    );
    // Also when nothing was recorded (erased before, or a retry answered by its first outcome).
    await store.forgetSubject(learnerSubject(id));
    await this.eraseCopies(id);
    this.logger.log(
      `learner ${id} erased by ${context.actor.id}` +
        (outcome.written ? '' : ' (again: nothing recorded, copies cleared)'),
    );
    return outcome;
  }

  private erasureDependencies(): { pool: Pool; store: EventStore } {
    if (!this.pool || !this.store) throw new Error('erasure needs the pool and the event store');
    return { pool: this.pool, store: this.store };
  }

  /** Registers a copy of personal data that every erasure clears (see {@link ErasureStep}). */
  addErasureStep(step: ErasureStep): void {
    if (!this.erasureSteps.some((s) => s.name === step.name)) this.erasureSteps.push(step);
  }

  /**
   * The read-model documents that named the learner, recomputed from the events as they read now
   * (the personal fields erased), over the documents at the same version; then the registered
   * steps. The read models are eventually consistent: a mobility not projected yet is projected
   * later from events that already read as erased.
   */
  private async eraseCopies(learnerId: string): Promise<void> {
    const { pool, store } = this.erasureDependencies();
    const documents = await learnerDocuments(pool, learnerId);
    for (const document of documents) await reprojectStream(store, pool, document.stream);
    const erased: ErasedLearner = {
      learnerId,
      mobilityIds: documents.filter((d) => d.kind === 'mobilities').map((d) => d.id),
      callIds: documents.filter((d) => d.kind === 'calls').map((d) => d.id),
    };
    for (const step of this.erasureSteps) await step.erase(erased);
  }

  /**
   * Who an erasure concerns: the schools of the record (its credits' mobilities) and the sending
   * schools of every mobility and call that names the learner — a learner may have no credits.
   */
  private async erasureRelations(
    state: LearnerRecordState,
    documents: LearnerDocument[],
  ): Promise<Relations> {
    const { institutions } = await this.relations(state);
    const sending = documents.flatMap((d) =>
      d.sendingInstitutionId === undefined ? [] : [d.sendingInstitutionId],
    );
    return { institutions: [...new Set([...institutions, ...sending])] };
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
