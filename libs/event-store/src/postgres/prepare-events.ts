import { canonicalJson } from '../integrity/event-hash';
import { encryptPersonalFields, validatePersonalData } from '../personal-data/field-cipher';
import { InvalidAppend } from '../port/event-store.errors';
import type { EventToAppend, ExpectedVersion } from '../port/event-store.port';
import type { PgStoreContext } from './store-context';

/** An event ready to be hashed and inserted: id in lower case, personal fields encrypted. */
export interface PreparedEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses what no store would accept: an empty stream name or batch, ids that are not UUIDs or
 * appear twice, events without a type or without an object as data. */
export function validateAppend(
  stream: string,
  events: EventToAppend[],
  expected: ExpectedVersion,
): void {
  if (typeof stream !== 'string' || stream.length === 0)
    throw new InvalidAppend('stream name must be a non-empty string');
  if (events.length === 0) throw new InvalidAppend('append needs at least one event');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppend(`expected version must be a non-negative integer, got ${expected}`);
  }
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppend(`event id "${e.id}" is not a UUID`);
    if (seen.has(e.id.toLowerCase()))
      throw new InvalidAppend(`event id ${e.id} appears twice in one append`);
    seen.add(e.id.toLowerCase());
    if (!e.type) throw new InvalidAppend('event type must be a non-empty string');
    if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) {
      throw new InvalidAppend(`event ${e.id}: data must be a JSON object`);
    }
  }
}

/** Canonical JSON of data (personal fields encrypted) and metadata, once per append. */
export async function prepareEvents(
  ctx: PgStoreContext,
  events: EventToAppend[],
): Promise<PreparedEvent[]> {
  // Most events carry no personal data: no key look-up, no promise per event.
  if (!events.some((e) => e.personal && e.personal.fields.length > 0)) {
    return events.map((e) => ({
      id: e.id.toLowerCase(),
      type: e.type,
      dataJson: canonicalJson(e.data),
      metadataJson: canonicalJson(e.metadata),
    }));
  }
  return Promise.all(
    events.map(async (event) => {
      let data = event.data;
      let metadata = event.metadata;
      if (event.personal && event.personal.fields.length > 0) {
        validatePersonalData(event.personal);
        if (!ctx.keyStore) {
          throw new InvalidAppend('this event store has no subject key store for personal data');
        }
        const key = await ctx.keyStore.keyFor(event.personal.subject);
        data = encryptPersonalFields(data, event.personal, key, event.id.toLowerCase());
        metadata = {
          ...metadata,
          $personal: { subject: event.personal.subject, fields: event.personal.fields },
        };
      }
      return {
        id: event.id.toLowerCase(),
        type: event.type,
        dataJson: canonicalJson(data),
        metadataJson: canonicalJson(metadata),
      };
    }),
  );
}
