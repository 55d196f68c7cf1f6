import { WrongExpectedVersion, type EventStore } from '@ecvet/event-store';
import type { CommandContext } from '@ecvet/domain';
import type { Aggregate, DomainEvent } from './aggregate';
import { EventSourcedStream } from './event-sourced-stream';
import type { WriteOptions, WriteOutcome } from './write-outcome';

/** How often a command is decided again after a concurrent append before giving up. */
const ATTEMPTS = 5;

/** The event store as the application services see it: aggregates' streams, by id. */
export class EventSourcedStreams {
  constructor(private readonly store: EventStore) {}

  load<C extends { type: string }, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    id: string,
    options: { toVersion?: number; toRecordedAt?: Date } = {},
  ): Promise<EventSourcedStream<C, E, S>> {
    return EventSourcedStream.load(this.store, aggregate, id, options);
  }

  /**
   * Opens a stream for a command: loaded, a retried command recognised (`earlier`), the caller's
   * If-Match checked, and a 404 unless the stream exists or the command creates it.
   */
  async open<C extends { type: string }, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    id: string,
    commandType: C['type'],
    context: CommandContext,
    options: WriteOptions,
  ): Promise<{ stream: EventSourcedStream<C, E, S>; earlier?: WriteOutcome<E> }> {
    const stream = await this.load(aggregate, id);
    const earlier = stream.earlierOutcome(context, options);
    if (earlier) return { stream, earlier };
    stream.ensureExpectedVersion(options).ensureAddressable(commandType);
    return { stream };
  }

  /** A command that needs nothing but its own stream: open, decide, append. */
  execute<C extends { type: string }, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    id: string,
    command: C,
    context: CommandContext,
    options: WriteOptions = {},
  ): Promise<WriteOutcome<E>> {
    return retryOnConcurrentAppend(options, async () => {
      const { stream, earlier } = await this.open(aggregate, id, command.type, context, options);
      return earlier ?? stream.decide(command, context, options);
    });
  }
}

/**
 * Without an expected version from the caller, a concurrent append to the same stream (say, a
 * workflow's reminder) is not the caller's conflict: the command is decided again on the new
 * state, a few times. With one (If-Match), the conflict is the caller's: 409.
 */
export async function retryOnConcurrentAppend<T>(
  options: WriteOptions,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (
        !(err instanceof WrongExpectedVersion) ||
        options.expectedVersion !== undefined ||
        n >= ATTEMPTS
      )
        throw err;
    }
  }
}
