import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  StreamNotFound,
  type EventStore,
  type RecordedEvent,
} from '@ecvet/event-store';
import { fold, type Decider } from '@ecvet/domain';

export interface LoadedAggregate<State> {
  state: State;
  version: number;
  events: RecordedEvent[];
}

/** Reads a stream and folds it: the strongly consistent view of one aggregate. */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Throws StreamNotFound (HTTP 404) when the stream does not exist. */
  async load<Command, Event, State>(
    decider: Decider<Command, Event, State>,
    stream: string,
    options: { toVersion?: number; toRecordedAt?: Date } = {},
  ): Promise<LoadedAggregate<State>> {
    const events = await this.store.readStream(stream, {
      ...(options.toVersion !== undefined && { toVersion: options.toVersion }),
      ...(options.toRecordedAt !== undefined && { toRecordedAt: options.toRecordedAt }),
    });
    if (events.length === 0) throw new StreamNotFound(stream);
    const state = fold(
      decider,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as Event),
    );
    return { state, version: events[events.length - 1].version, events };
  }

  async tryLoad<Command, Event, State>(
    decider: Decider<Command, Event, State>,
    stream: string,
  ): Promise<LoadedAggregate<State> | undefined> {
    try {
      return await this.load(decider, stream);
    } catch (err) {
      if (err instanceof StreamNotFound) return undefined;
      throw err;
    }
  }

  async events(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(stream);
    } catch (err) {
      if (err instanceof StreamNotFound) return [];
      throw err;
    }
  }
}
