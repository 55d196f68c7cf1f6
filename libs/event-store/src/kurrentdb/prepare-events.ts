import { canonicalJson } from '../integrity/event-hash';
import { encryptPersonalFields, validatePersonalData } from '../personal-data/field-cipher';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import { InvalidAppend } from '../port/event-store.errors';
import type { EventToAppend, ExpectedVersion, JsonObject } from '../port/event-store.port';
import { exactExpectedVersion, isSystemName } from './kurrentdb-mapping';
import { INTEGRITY, PERSONAL, isJsonObject } from './recorded-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready to be hashed: id normalised, personal fields encrypted. */
export interface PreparedEvent {
  id: string;
  type: string;
  storedData: JsonObject;
  dataJson: string;
  /** The caller's metadata plus `$personal` when the event holds personal data. */
  metadata: JsonObject;
  metadataJson: string;
}

/** Refuses what the store cannot take: besides the port's rules, KurrentDB's reserved `$` names
 * and the metadata keys this adapter writes itself. */
export function validateAppend(
  stream: string,
  events: EventToAppend[],
  expected: ExpectedVersion,
): void {
  if (typeof stream !== 'string' || stream === '') {
    throw new InvalidAppend('stream name must be a non-empty string');
  }
  if (isSystemName(stream)) {
    throw new InvalidAppend(
      `stream name "${stream}" starts with "$": KurrentDB system streams are reserved`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend('an append needs at least one event');
  }
  exactExpectedVersion(expected);
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidAppend(`event id "${String(event.id)}" is not a UUID`);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppend(`event id ${id} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type === '') {
      throw new InvalidAppend(`event ${id} has no type`);
    }
    if (isSystemName(event.type)) {
      throw new InvalidAppend(
        `event type "${event.type}" starts with "$": reserved for system events`,
      );
    }
    if (!isJsonObject(event.data)) throw new InvalidAppend(`data of event ${id} is not an object`);
    if (!isJsonObject(event.metadata)) {
      throw new InvalidAppend(`metadata of event ${id} is not an object`);
    }
    for (const reserved of [INTEGRITY, PERSONAL]) {
      if (reserved in event.metadata) {
        throw new InvalidAppend(`metadata of event ${id} uses the reserved key ${reserved}`);
      }
    }
    if (event.personal) validatePersonalData(event.personal);
  }
}

/** Validates and encrypts; normalises ids to lower case (the server returns them so). */
export async function prepareEvents(
  keyStore: SubjectKeyStore,
  events: EventToAppend[],
): Promise<PreparedEvent[]> {
  const keys = new Map<string, Buffer>();
  const prepared: PreparedEvent[] = [];
  for (const event of events) {
    const id = event.id.toLowerCase();
    let storedData = event.data;
    let metadata = event.metadata;
    if (event.personal) {
      const { subject, fields } = event.personal;
      let key = keys.get(subject);
      if (!key) {
        key = await keyStore.keyFor(subject);
        keys.set(subject, key);
      }
      storedData = encryptPersonalFields(event.data, event.personal, key, id);
      metadata = { ...event.metadata, [PERSONAL]: { subject, fields: [...fields] } };
    }
    prepared.push({
      id,
      type: event.type,
      storedData,
      dataJson: canonical(storedData, `data of event ${event.id}`),
      metadata,
      metadataJson: canonical(metadata, `metadata of event ${event.id}`),
    });
  }
  return prepared;
}

function canonical(value: JsonObject, what: string): string {
  try {
    return canonicalJson(value);
  } catch (err) {
    throw new InvalidAppend(
      `${what} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
