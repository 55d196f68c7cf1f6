/**
 * The event store port: the single source of truth of the product. Adapters: PostgreSQL
 * (`../postgres`) and KurrentDB / EventStoreDB (`../kurrentdb`); one contract suite for both.
 *
 * Version convention (docs/adr/0002-event-store-versions.md): the first event of a stream has
 * version 1; a stream's version is the version of its last event; a stream with no events has
 * version 0, so `expected: 0` and `expected: 'no-stream'` mean the same thing.
 */

/** JSON as stored: what `JSON.parse` can return, objects at the top. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ExpectedVersion = number | 'no-stream' | 'stream-exists' | 'any';

/** Fields of `data` that hold personal data of one subject (a learner): encrypted with that
 * subject's key before they are stored; erased for good when the key is destroyed. */
export interface PersonalData {
  /** Whose data this is, e.g. `learner-7f3a…`. */
  subject: string;
  /** Paths into `data`, dot-separated (`learner.name`, `contacts.0.email`). */
  fields: string[];
}

export interface EventToAppend {
  /** A UUID; derive it from the command id so a retried command appends nothing new. */
  id: string;
  /** PascalCase, past tense: `LearningAgreementSigned`. Never renamed. */
  type: string;
  data: JsonObject;
  /** actor, commandId, correlationId, causationId, ... (the audit trail). */
  metadata: JsonObject;
  personal?: PersonalData;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  type: string;
  /** 1-based position of the event in its stream. */
  version: number;
  /** Global position: unique and increasing in allocation order (may have gaps). */
  position: bigint;
  /** The opaque, ordered checkpoint just after this event in the global log. */
  checkpoint: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: Date;
  /** SHA-256 (hex) of the event's canonical encoding, and of its stream's previous event. */
  hash: string;
  prevHash: string;
  /** When the event carried personal data: whose, and whether it has been erased (key destroyed). */
  personal?: { subject: string; fields: string[]; erased: boolean };
}

export interface AppendOptions {
  expected?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append (pass it as `expected` next time). */
  nextExpectedVersion: number;
  /** Global position of the last event appended (or found, when the append was a retry). */
  position: bigint;
  /** False when every event was already there (an idempotent retry): nothing was written. */
  written: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Start here (inclusive). Default: 1 forwards, the last event backwards. */
  fromVersion?: number;
  maxCount?: number;
  /** Only events with version ≤ this (the stream "as of" a version). */
  toVersion?: number;
  /** Only events recorded at or before this instant (the stream "as of" a time). */
  toRecordedAt?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events after this checkpoint. Default: from the start. */
  fromCheckpoint?: string;
  maxCount?: number;
  filter?: EventFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where to continue from; equals `fromCheckpoint` when nothing new was read. */
  checkpoint: string;
}

export interface EventFilter {
  eventTypes?: string[];
  /** Stream name prefixes, e.g. `Mobility-`. */
  streamPrefixes?: string[];
}

export interface SubscribeOptions {
  fromCheckpoint?: string;
  filter?: EventFilter;
  /** How many events to fetch per read (back-pressure: nothing is fetched until consumed). */
  batchSize?: number;
}

/** An async iterable over the global log that never ends by itself: `close()` or `break`. Each
 * item carries its checkpoint; store it with the effect of handling the event. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** Throws `StreamNotFound` when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream's current version; 0 when it does not exist. */
  streamVersion(stream: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Crypto-shredding: destroy the subject's key; its personal fields read as erased from now on. */
  forgetSubject(subject: string): Promise<void>;
  /** Whether the subject's personal fields now read as erased (its key destroyed or never made).
   * As fresh as the reads: a key destroyed by another process shows within the key cache's TTL. */
  isSubjectErased(subject: string): Promise<boolean>;
  dispose(): Promise<void>;
}

/** The empty log's checkpoint: `readAll({ fromCheckpoint: START })` reads from the beginning. */
export const START = '';
