import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { CheckpointedConsumer, LEASE_KEYS } from '@ecvet/consumers';
import { InjectPool } from '@ecvet/database';
import type { CommandContext } from '@ecvet/domain';
import { decodeRecorded, EventSourcedStreams } from '@ecvet/event-sourcing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import { MobilityAggregate } from '../aggregates';
import { LearnerRecordService } from '../learner/learner-record.service';

export const LEARNER_CREDIT_REACTOR = 'learner-credit';
// Namespace of the credit commands' ids: uuidv5(`credit|${UnitRecognised event id}`, namespace).
const CREDIT_COMMANDS = '6b3f0e2a-8c1d-4f7b-9e5a-1d2c3b4a5f60';

/**
 * A recognised unit is credited on the learner's record (ECVET accumulation): a reaction to
 * `UnitRecognised` in the Mobility stream, appended to the Learner stream outside the request
 * that recognised it, so one request writes one stream (ADR 0006).
 *
 * Exactly once: the credit's command id is derived from the recognition event's id, so a
 * reactor that dies after the credit's append but before its checkpoint finds the credit already
 * recorded on restart and appends nothing (and the learner record treats a repeated credit as
 * done). The credit is decided on the mobility as it stood at the recognition, with the
 * recognition's time and correlation id; its actor is the system, its causation the event.
 */
@Injectable()
export class LearnerCreditReactor extends CheckpointedConsumer {
  constructor(
    @InjectPool() pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly streams: EventSourcedStreams,
    private readonly learners: LearnerRecordService,
  ) {
    super(LEARNER_CREDIT_REACTOR, LEASE_KEYS.learnerCreditReactor, pool, store, {
      eventTypes: ['UnitRecognised'],
    });
  }

  protected override enabled(): boolean {
    return process.env.LEARNER_CREDIT_REACTOR !== 'off';
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    const recognised = decodeRecorded(MobilityAggregate, event);
    if (recognised.type !== 'UnitRecognised') return;
    const r = recognised.data;
    const mobility = await this.streams.load(MobilityAggregate, r.mobilityId, {
      toVersion: event.version,
    });
    const plan = mobility.state.plan!;
    const unit = plan.terms.targetedUnits.find((u) => u.unitId === r.unitId)!;
    const pinned = plan.terms.qualification;
    await this.learners.accumulateCredit(
      r.learnerId,
      {
        learnerId: r.learnerId,
        mobilityId: r.mobilityId,
        qualificationId: pinned.qualificationId,
        qualificationVersion: pinned.version,
        programme: pinned.programme,
        unitId: unit.unitId,
        unitTitle: unit.title,
        recognition: {
          kind: r.kind,
          moduleId: r.moduleId,
          ...(r.ecvetPoints !== undefined && { ecvetPoints: r.ecvetPoints }),
        },
        recognisedBy: r.recognisedBy,
        recognisedAt: r.recognisedOn,
      },
      creditContext(event),
    );
  }
}

function creditContext(event: RecordedEvent): CommandContext {
  const commandId = uuidv5(`credit|${event.id}`, CREDIT_COMMANDS);
  const { issuedAt, correlationId } = event.metadata;
  return {
    commandId,
    actor: { id: 'system:learner-credit', role: 'system' },
    issuedAt: typeof issuedAt === 'string' ? issuedAt : event.recordedAt.toISOString(),
    correlationId: typeof correlationId === 'string' ? correlationId : commandId,
    causationId: event.id,
  };
}
