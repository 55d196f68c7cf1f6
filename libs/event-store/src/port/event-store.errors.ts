export type ExpectedVersionDescription = number | 'no-stream' | 'stream-exists' | 'any';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the version the writer expected (a concurrent write won). */
export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersionDescription,
    /** The stream's actual version; 0 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${stream}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersion';
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly stream: string) {
    super(`Stream ${stream} does not exist`);
    this.name = 'StreamNotFound';
  }
}

/** An event id that is already stored elsewhere (another stream or another version). */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly existingStream: string,
    readonly existingVersion: number,
  ) {
    super(`Event ${eventId} is already stored as ${existingStream}@${existingVersion}`);
    this.name = 'DuplicateEventId';
  }
}

/** Bad input to the store itself (an empty stream name, a malformed event id ...). */
export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppend';
  }
}
