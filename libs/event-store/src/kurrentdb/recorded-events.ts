import { StreamDeletedError, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import type { Position } from '@kurrent/kurrentdb-client';
import { decryptPersonalFields } from '../personal-data/field-cipher';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import type { JsonObject, JsonValue, PersonalData, RecordedEvent } from '../port/event-store.port';
import { encodeCheckpoint, versionOf } from './kurrentdb-mapping';

/** The metadata key under which each stored event carries its hash chain link. */
export const INTEGRITY = '$integrity';
/** The metadata key under which an event records whose personal fields it holds. */
export const PERSONAL = '$personal';

/** The parts of the client's recorded event this adapter reads (from `readStream`, `readAll` and
 * `subscribeToAll` alike). */
export interface RawEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  created: Date;
  position?: Position;
}

export interface Integrity {
  prevHash: string;
  hash: string;
  recordedAt: string;
}

/** Subject keys looked up once per read (or, uncached, once per event of a subscription, so that
 * a subject forgotten while it runs reads as erased from then on). */
export class KeyLookup {
  private readonly keys = new Map<string, Promise<Buffer | undefined>>();
  constructor(
    private readonly store: SubjectKeyStore,
    private readonly cache = true,
  ) {}

  get(subject: string): Promise<Buffer | undefined> {
    if (!this.cache) return this.store.existingKey(subject);
    let key = this.keys.get(subject);
    if (!key) {
      key = this.store.existingKey(subject);
      this.keys.set(subject, key);
    }
    return key;
  }
}

/** A stored event as the port's `RecordedEvent`: `$integrity` taken out of the metadata, personal
 * fields decrypted (or marked erased when the subject's key is gone). */
export async function toRecorded(raw: RawEvent, keys: KeyLookup): Promise<RecordedEvent> {
  if (!raw.isJson || !isJsonObject(raw.data)) {
    throw new Error(
      `KurrentDB event ${raw.id} (${raw.streamId}) has no JSON object data: not an event of this store`,
    );
  }
  const position = raw.position;
  if (!position) {
    throw new Error(
      `KurrentDB returned event ${raw.id} without its log position (the server must be 22.6 or later)`,
    );
  }
  const stored = isJsonObject(raw.metadata) ? raw.metadata : {};
  const { [INTEGRITY]: _integrity, ...metadata } = stored;
  const integrity = integrityOf(raw);
  const data = raw.data;

  const event: RecordedEvent = {
    id: raw.id,
    stream: raw.streamId,
    type: raw.type,
    version: versionOf(raw.revision),
    position: position.commit,
    checkpoint: encodeCheckpoint(position),
    data,
    metadata,
    recordedAt: integrity ? new Date(integrity.recordedAt) : raw.created,
    hash: integrity?.hash ?? '',
    prevHash: integrity?.prevHash ?? '',
  };
  const personal = personalOf(metadata[PERSONAL]);
  if (personal) {
    const key = await keys.get(personal.subject);
    decryptPersonalFields(data, personal.fields, key, raw.id);
    event.personal = { subject: personal.subject, fields: personal.fields, erased: !key };
  }
  return event;
}

export function integrityOf(raw: RawEvent): Integrity | undefined {
  if (!isJsonObject(raw.metadata)) return undefined;
  const value = raw.metadata[INTEGRITY];
  if (!isJsonObject(value)) return undefined;
  const { prevHash, hash, recordedAt } = value;
  if (typeof prevHash !== 'string' || typeof hash !== 'string' || typeof recordedAt !== 'string') {
    return undefined;
  }
  return { prevHash, hash, recordedAt };
}

export function recordedAtOf(raw: RawEvent): Date {
  const integrity = integrityOf(raw);
  return integrity ? new Date(integrity.recordedAt) : raw.created;
}

function personalOf(value: JsonValue | undefined): PersonalData | undefined {
  if (!isJsonObject(value)) return undefined;
  const { subject, fields } = value;
  if (typeof subject !== 'string' || !Array.isArray(fields)) return undefined;
  if (!fields.every((field): field is string => typeof field === 'string')) return undefined;
  return { subject, fields };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

export function isMissingStream(err: unknown): boolean {
  return err instanceof StreamNotFoundError || err instanceof StreamDeletedError;
}
