import type { DomainEvent } from './aggregate';

/** What the caller of a write may add to the command's context. */
export interface WriteOptions {
  /** The version the caller last saw (HTTP If-Match); a different current version is a 409. */
  expectedVersion?: number;
  /**
   * A digest of the request behind the command. A command id that comes back with another
   * fingerprint is a reused idempotency key, not a retry, and is refused.
   */
  fingerprint?: string;
}

/** What every write returns: the stream's version after it and the events it recorded. */
export interface WriteOutcome<Event extends DomainEvent = DomainEvent> {
  stream: string;
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  events: Event[];
  /** False when the command had been handled before (same command id) or changed nothing. */
  written: boolean;
}

/** The same command id (idempotency key) arrived with a different request. */
export class IdempotencyKeyReused extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already used for a different request`);
    this.name = 'IdempotencyKeyReused';
  }
}
