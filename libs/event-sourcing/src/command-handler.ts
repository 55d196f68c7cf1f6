import { v5 as uuidv5 } from 'uuid';
import {
  StreamNotFound,
  WrongExpectedVersion,
  type EventStore,
  type JsonObject,
  type PersonalData,
  type RecordedEvent,
} from '@ecvet/event-store';
import { fold, type CommandContext, type Decider } from '@ecvet/domain';

/** Domain events as the deciders see them: a type and its data. */
export interface DomainEvent {
  type: string;
  data: object;
}

export interface HandleOptions<Event extends DomainEvent, State = unknown> {
  /** The version the caller last saw (HTTP If-Match); a different current version is a 409. */
  expectedVersion?: number;
  /** Which fields of an event are personal data, and whose (encrypted per subject). */
  personal?: (event: Event, state: State) => PersonalData | undefined;
  /**
   * A digest of the request behind the command. A command id that comes back with another
   * fingerprint is a reused idempotency key, not a retry, and is refused.
   */
  fingerprint?: string;
}

/** The same command id (idempotency key) arrived with a different request. */
export class IdempotencyKeyReused extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already used for a different request`);
    this.name = 'IdempotencyKeyReused';
  }
}

/**
 * A command, or a function that completes it from the aggregate's current state (for instance by
 * loading the snapshot of another aggregate the decision needs). It runs after retries have been
 * recognised, so a retried command loads nothing.
 */
export type CommandInput<Command, State> = Command | ((state: State) => Promise<Command> | Command);

export interface HandleResult<Event extends DomainEvent> {
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  events: Event[];
  /** False when the command had been handled before (same command id) or changed nothing. */
  written: boolean;
}

// Namespace of the deterministic event ids: uuidv5(namespace, `${commandId}/${stream}/${index}`).
const EVENT_ID_NAMESPACE = '4d1c7a8e-3b8f-4f57-9a53-2f1e6c0b9d21';

export function eventIdFor(commandId: string, stream: string, index: number): string {
  return uuidv5(`${commandId}/${stream}/${index}`, EVENT_ID_NAMESPACE);
}

/**
 * The write path of architecture.md: read the stream, fold, decide, append with the expected
 * version and the audit metadata. A retried command (same command id) finds its own events in the
 * stream and returns them without deciding again; if it races with its first attempt, the
 * deterministic event ids make the store recognise the retry. Decisions never see I/O.
 */
export class CommandHandler {
  constructor(private readonly store: EventStore) {}

  /**
   * Without an expected version from the caller, a concurrent append to the same stream (say, a
   * workflow's reminder) is not the caller's conflict: the command is decided again on the new
   * state, a few times. With one (If-Match), the conflict is the caller's: 409.
   */
  async handle<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    stream: string,
    input: CommandInput<Command, State>,
    context: CommandContext,
    options: HandleOptions<Event, State> = {},
  ): Promise<HandleResult<Event>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handleOnce(decider, stream, input, context, options);
      } catch (err) {
        if (
          !(err instanceof WrongExpectedVersion) ||
          options.expectedVersion !== undefined ||
          attempt >= 5
        )
          throw err;
      }
    }
  }

  private async handleOnce<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    stream: string,
    input: CommandInput<Command, State>,
    context: CommandContext,
    options: HandleOptions<Event, State>,
  ): Promise<HandleResult<Event>> {
    const history = await this.load(stream);
    const version = history.length ? history[history.length - 1].version : 0;

    const earlier = history.filter((e) => e.metadata.commandId === context.commandId);
    if (earlier.length > 0) {
      const fingerprint = earlier[0].metadata.requestFingerprint;
      if (
        options.fingerprint !== undefined &&
        fingerprint !== undefined &&
        fingerprint !== options.fingerprint
      ) {
        throw new IdempotencyKeyReused(context.commandId);
      }
      return {
        version: earlier[earlier.length - 1].version,
        events: earlier.map(toDomain<Event>),
        written: false,
      };
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new WrongExpectedVersion(stream, options.expectedVersion, version);
    }

    const state = fold(decider, history.map(toDomain<Event>));
    const command =
      typeof input === 'function'
        ? await (input as (state: State) => Promise<Command> | Command)(state)
        : input;
    const events = decider.decide(command, state);
    if (events.length === 0) return { version, events, written: false };

    const metadata: JsonObject = {
      actor: { ...context.actor },
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      issuedAt: context.issuedAt,
      schemaVersion: 1,
      ...(options.fingerprint !== undefined && { requestFingerprint: options.fingerprint }),
    };
    const result = await this.store.append(
      stream,
      events.map((event, index) => ({
        id: eventIdFor(context.commandId, stream, index),
        type: event.type,
        data: event.data as JsonObject,
        metadata,
        personal: options.personal?.(event, state),
      })),
      { expected: version },
    );
    return { version: result.nextExpectedVersion, events, written: result.written };
  }

  private async load(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(stream);
    } catch (err) {
      if (err instanceof StreamNotFound) return [];
      throw err;
    }
  }
}

function toDomain<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as unknown as Event;
}
