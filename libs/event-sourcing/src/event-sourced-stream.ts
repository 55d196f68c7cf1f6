import {
  StreamNotFound,
  WrongExpectedVersion,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@ecvet/event-store';
import type { CommandContext } from '@ecvet/domain';
import { streamName, type Aggregate, type DomainEvent } from './aggregate';
import { eventIdFor } from './event-ids';
import { IdempotencyKeyReused, type WriteOptions, type WriteOutcome } from './write-outcome';

/**
 * One aggregate's stream, read and folded: its version, its state, and the events recorded so far
 * (decoded by the aggregate's codec). `decide` records a command's decision at this version: the
 * write path of architecture.md — read, fold, decide, append with the expected version and the
 * audit metadata. Decisions never see I/O.
 */
export class EventSourcedStream<
  Command extends { type: string },
  Event extends DomainEvent,
  State,
> {
  private constructor(
    private readonly store: EventStore,
    readonly aggregate: Aggregate<Command, Event, State>,
    readonly name: string,
    /** As stored, with their metadata (the audit trail). */
    readonly recorded: RecordedEvent[],
    readonly events: Event[],
    readonly state: State,
  ) {}

  /** Reads and folds a stream; one that does not exist yet is empty at version 0. */
  static async load<C extends { type: string }, E extends DomainEvent, S>(
    store: EventStore,
    aggregate: Aggregate<C, E, S>,
    id: string,
    options: { toVersion?: number; toRecordedAt?: Date } = {},
  ): Promise<EventSourcedStream<C, E, S>> {
    const name = streamName(aggregate, id);
    let recorded: RecordedEvent[];
    try {
      recorded = await store.readStream(name, options);
    } catch (err) {
      if (!(err instanceof StreamNotFound)) throw err;
      recorded = [];
    }
    const events = recorded.map((e) => decodeRecorded(aggregate, e));
    let state = aggregate.decider.initialState;
    for (const event of events) state = aggregate.decider.evolve(state, event);
    return new EventSourcedStream(store, aggregate, name, recorded, events, state);
  }

  get version(): number {
    return this.recorded.at(-1)?.version ?? 0;
  }

  get exists(): boolean {
    return this.recorded.length > 0;
  }

  /** Throws StreamNotFound (HTTP 404) unless the stream exists or the command creates it. */
  ensureAddressable(commandType: Command['type']): this {
    if (!this.exists && !this.aggregate.creates.has(commandType))
      throw new StreamNotFound(this.name);
    return this;
  }

  /**
   * The outcome of a command already handled here (a retry: same command id): its events, at the
   * version they brought the stream to. A reused id with another request's fingerprint is refused.
   */
  earlierOutcome(
    context: CommandContext,
    options: WriteOptions = {},
  ): WriteOutcome<Event> | undefined {
    const indexes = this.recorded.flatMap((e, i) =>
      e.metadata.commandId === context.commandId ? [i] : [],
    );
    if (indexes.length === 0) return undefined;
    const fingerprint = this.recorded[indexes[0]].metadata.requestFingerprint;
    if (
      options.fingerprint !== undefined &&
      fingerprint !== undefined &&
      fingerprint !== options.fingerprint
    )
      throw new IdempotencyKeyReused(context.commandId);
    return {
      stream: this.name,
      version: this.recorded[indexes.at(-1)!].version,
      events: indexes.map((i) => this.events[i]),
      written: false,
    };
  }

  /** With If-Match: the caller's version must be the current one (else 409, nothing changes). */
  ensureExpectedVersion(options: WriteOptions = {}): this {
    if (options.expectedVersion !== undefined && options.expectedVersion !== this.version)
      throw new WrongExpectedVersion(this.name, options.expectedVersion, this.version);
    return this;
  }

  /**
   * Decides the command on this state and appends its events at this version, with the audit
   * metadata. A concurrent append in between makes the store refuse it (WrongExpectedVersion).
   */
  async decide(
    command: Command,
    context: CommandContext,
    options: WriteOptions = {},
  ): Promise<WriteOutcome<Event>> {
    const events = this.aggregate.decider.decide(command, this.state);
    if (events.length === 0)
      return { stream: this.name, version: this.version, events, written: false };
    const audit: JsonObject = {
      actor: { ...context.actor },
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      issuedAt: context.issuedAt,
      ...(options.fingerprint !== undefined && { requestFingerprint: options.fingerprint }),
    };
    const result = await this.store.append(
      this.name,
      events.map((event, index) => ({
        id: eventIdFor(context.commandId, this.name, index),
        type: event.type,
        // Events are plain JSON by construction (deciders build them from JSON commands).
        data: event.data as JsonObject,
        metadata: { ...audit, schemaVersion: this.aggregate.codec.schemaVersion(event.type) },
        personal: this.aggregate.personal?.(event, this.state),
      })),
      { expected: this.version },
    );
    return {
      stream: this.name,
      version: result.nextExpectedVersion,
      events,
      written: result.written,
    };
  }
}

/** A recorded event as its aggregate's typed domain event (upcast by the aggregate's codec). */
export function decodeRecorded<E extends DomainEvent>(
  aggregate: { codec: Aggregate<{ type: string }, E, unknown>['codec'] },
  recorded: RecordedEvent,
): E {
  const schemaVersion = recorded.metadata.schemaVersion;
  return aggregate.codec.decode({
    type: recorded.type,
    data: recorded.data,
    ...(typeof schemaVersion === 'number' && { schemaVersion }),
  });
}
