import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { type PostgresEventStore, type RecordedEvent } from '@ecvet/event-store';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import type { CommandContext, MobilityCommand } from '@ecvet/domain';
import { assessed, recognise, run, validate } from '../../domain/test/mobility-fixtures';
import { openStoreDatabase, type StoreDatabase } from '../../../test/support/store-database';
import { MobilityAggregate } from '../src/aggregates';
import { LearnerRecordService } from '../src/learner/learner-record.service';
import { LearnerCreditReactor } from '../src/reactors/learner-credit.reactor';
import { SnapshotLoader } from '../src/snapshot-loader';

/**
 * The credit of a recognised unit is a reaction outside the request that recognised it. A
 * reactor killed between the two streams — the credit appended to the Learner stream, its
 * checkpoint not yet committed — is replaced by a new one that resumes from the checkpoint: the
 * credit lands once, never twice.
 */
let database: StoreDatabase;
let pool: Pool;
let store: PostgresEventStore;
let streams: EventSourcedStreams;
let learners: LearnerRecordService;

beforeAll(async () => {
  database = await openStoreDatabase('learner_credit_reactor');
  ({ pool, store } = database);
  streams = new EventSourcedStreams(store);
  learners = new LearnerRecordService(streams, new SnapshotLoader(streams));
});
afterAll(() => database.close());

const context = (): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    actor: { id: 'user:ilze', role: 'coordinator' },
    issuedAt: '2027-06-15T10:00:00.000Z',
    correlationId: commandId,
    causationId: commandId,
  };
};

/** Records the fixture mobility up to the recognition of both its units, one command each. */
async function recognisedMobility(mobilityId: string): Promise<void> {
  const units = ['vegan', 'legumes'];
  const before = assessed();
  const validated = run(
    units.map((u) => validate(u)),
    before,
  );
  // Replays the fixture's history as this mobility's stream (the decider decided each event).
  const history = validated.map((e) => ({ ...e, data: { ...e.data, mobilityId } }));
  await store.append(
    `Mobility-${mobilityId}`,
    history.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: JSON.parse(JSON.stringify(e.data)),
      metadata: { commandId: randomUUID(), schemaVersion: 1 },
    })),
    { expected: 'no-stream' },
  );
  for (const unit of units) {
    const command = recognise(unit);
    await streams.execute(
      MobilityAggregate,
      mobilityId,
      { ...command, data: { ...command.data, mobilityId } } as MobilityCommand,
      context(),
    );
  }
}

/** A reactor that dies right after the credit's append, before its checkpoint commits. */
class KilledAfterCredit extends LearnerCreditReactor {
  kills = 0;
  credited = 0;
  private readonly killed: Array<() => void> = [];

  protected override async handle(event: RecordedEvent): Promise<void> {
    await super.handle(event);
    this.credited++;
    this.kills++;
    for (const resolve of this.killed.splice(0)) resolve();
    throw new Error('killed between the Learner stream and the checkpoint');
  }

  whenKilled(): Promise<void> {
    return this.kills > 0 ? Promise.resolve() : new Promise((r) => this.killed.push(r));
  }
}

class CountingReactor extends LearnerCreditReactor {
  handled = 0;
  protected override async handle(event: RecordedEvent): Promise<void> {
    this.handled++;
    await super.handle(event);
  }
}

const credits = async (learnerId: string) =>
  (await store.readStream(`Learner-${learnerId}`)).filter((e) => e.type === 'CreditAccumulated');

describe('LearnerCreditReactor: a recognised unit is credited exactly once', () => {
  it('killed between the two streams, its successor resumes from the checkpoint and the credit lands once', async () => {
    const mobilityId = `mob-${randomUUID()}`;
    await recognisedMobility(mobilityId);
    const recognitions = (await store.readStream(`Mobility-${mobilityId}`)).filter(
      (e) => e.type === 'UnitRecognised',
    );
    expect(recognitions).toHaveLength(2);
    const learnerId = (recognitions[0].data as { learnerId: string }).learnerId;

    const first = new KilledAfterCredit(pool, store, streams, learners);
    first.onApplicationBootstrap();
    await first.whenKilled();
    await first.beforeApplicationShutdown();
    // The first credit was appended, its checkpoint never committed.
    expect(first.credited).toBeGreaterThanOrEqual(1);
    expect(await credits(learnerId)).toHaveLength(first.credited);
    const { rows } = await pool.query(
      `SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = 'learner-credit'`,
    );
    expect(rows).toHaveLength(0);

    const successor = new CountingReactor(pool, store, streams, learners);
    successor.onApplicationBootstrap();
    await successor.caughtUpTo(recognitions[1].checkpoint);
    await successor.beforeApplicationShutdown();

    // It handled both recognitions again (the first one a second time) ...
    expect(successor.handled).toBe(2);
    // ... and each unit is credited once, caused by its recognition.
    const recorded = await credits(learnerId);
    expect(recorded.map((e) => (e.data as { unitId: string }).unitId).sort()).toEqual([
      'legumes',
      'vegan',
    ]);
    expect(recorded.map((e) => e.metadata.causationId).sort()).toEqual(
      recognitions.map((e) => e.id).sort(),
    );
    expect(recorded[0].metadata.actor).toEqual({ id: 'system:learner-credit', role: 'system' });
  });
});
