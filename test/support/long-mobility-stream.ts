import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '../../libs/event-store/src';
import { MobilityAggregate } from '../../libs/application/src/aggregates';
import type { MobilityCommand, MobilityEvent, MobilityState } from '../../libs/domain/src';
import { fullySigned, start } from '../../libs/domain/test/mobility-fixtures';

/** The seeded mobility: the domain fixtures' Annija (id `m-1`), stream `Mobility-m-1`. */
export const MOBILITY_ID = 'm-1';
const APPEND_BATCH = 100;

/**
 * A mobility stream of `events` events written as the application writes them: decided by the
 * real Mobility decider (planned, Learning Agreement drafted and signed by all three parties,
 * started, then mentor check-ins), each append with the write path's audit metadata and schema
 * version, the learner's personal fields encrypted with her subject key. Returns the instants of
 * its first and last event.
 */
export async function seedMobilityStream(
  store: EventStore,
  events: number,
): Promise<{ first: Date; last: Date }> {
  const aggregate = MobilityAggregate;
  const decider = aggregate.decider;
  let state: MobilityState = decider.initialState;
  const history: MobilityEvent[] = [...fullySigned()];
  for (const e of history) state = decider.evolve(state, e);
  const pending: MobilityEvent[] = [];
  const decide = (command: MobilityCommand) => {
    for (const e of decider.decide(command, state)) {
      pending.push(e);
      state = decider.evolve(state, e);
    }
  };
  decide(start);
  for (let i = 0; history.length + pending.length < events; i++) {
    const day = new Date(Date.UTC(2027, 2, 2) + (i % 80) * 86_400_000).toISOString().slice(0, 10);
    decide({
      type: 'RecordMentorCheckIn',
      data: {
        mobilityId: MOBILITY_ID,
        checkInId: `check-in-${i + 1}`,
        mentor: i % 2 === 0 ? 'host' : 'sending',
        heldOn: day,
        channel: (['on-site', 'video', 'phone', 'message'] as const)[i % 4],
        notes: `Week ${Math.floor(i / 5) + 1}: practised ${['knife skills', 'legume dishes', 'vegan menus', 'plating'][i % 4]}; on track.`,
        wellbeing: i % 17 === 0 ? 'concerns' : 'good',
      },
      at: `${day}T15:00:00.000Z`,
    });
  }
  // Replays the fixtures' state for the personal-fields rule (it needs the plan's learner).
  const all = [...history, ...pending];
  let before: MobilityState = decider.initialState;
  const stream = `${aggregate.category}-${MOBILITY_ID}`;
  const instants: Date[] = [];
  for (let i = 0; i < all.length; i += APPEND_BATCH) {
    const batch = all.slice(i, i + APPEND_BATCH);
    const commandId = randomUUID();
    const audit: JsonObject = {
      actor: { kind: 'user', id: 'coordinator@school.example' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      issuedAt: new Date().toISOString(),
    };
    const toAppend = batch.map((event) => {
      const personal = aggregate.personal?.(event, before);
      before = decider.evolve(before, event);
      return {
        id: randomUUID(),
        type: event.type,
        data: event.data as JsonObject,
        metadata: { ...audit, schemaVersion: aggregate.codec.schemaVersion(event.type) },
        ...(personal && { personal }),
      };
    });
    await store.append(stream, toAppend, { expected: i });
    const recorded = await store.readStream(stream, { fromVersion: i + 1, maxCount: batch.length });
    instants.push(recorded[0].recordedAt, recorded[recorded.length - 1].recordedAt);
  }
  return { first: instants[0], last: instants[instants.length - 1] };
}
