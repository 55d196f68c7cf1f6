import type { PersonalData } from '@ecvet/event-store';
import type { Decider, EventCodec } from '@ecvet/domain';

/** Domain events as the deciders see them: a type and its data. */
export interface DomainEvent {
  type: string;
  data: object;
}

/**
 * What the write path needs to know of one aggregate type: its streams' category, its decider,
 * its codec, which commands may create a stream, and which fields of its events are personal.
 */
export interface Aggregate<Command extends { type: string }, Event extends DomainEvent, State> {
  /** Streams are named `<category>-<id>` (conventions.md). */
  readonly category: string;
  readonly decider: Decider<Command, Event, State>;
  readonly codec: EventCodec<Event>;
  /** The command types that may run on a stream that does not exist yet. */
  readonly creates: ReadonlySet<Command['type']>;
  /** Which fields of an event are personal data, and whose (encrypted per subject). */
  personal?(event: Event, state: State): PersonalData | undefined;
}

export const streamName = (aggregate: { category: string }, id: string): string =>
  `${aggregate.category}-${id}`;
