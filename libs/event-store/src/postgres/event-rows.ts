import { decryptPersonalFields } from '../personal-data/field-cipher';
import type { JsonObject, RecordedEvent } from '../port/event-store.port';
import { encodePgCheckpoint } from './pg-checkpoint';
import type { PgStoreContext } from './store-context';

/** The columns every read selects, as `EventRow`. The hashes come as hex text: what a recorded
 * event holds, without a Buffer per hash in the driver and a hex encoding of it here. */
export const COLUMNS = `position::text AS position, tx_id::text AS tx_id, stream_id, version,
  event_id::text AS event_id, event_type, data, metadata, recorded_at,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

export interface EventRow {
  position: string;
  tx_id: string;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
  /** Hex. */
  prev_hash: string;
  hash: string;
}

/** Rows as recorded events, personal fields decrypted (or marked erased when the key is gone). */
export async function toRecorded(ctx: PgStoreContext, rows: EventRow[]): Promise<RecordedEvent[]> {
  const personal = rows.map((row) => personalOf(row.metadata));
  const keys = new Map<string, Buffer | undefined>();
  for (const p of personal) {
    if (p && !keys.has(p.subject)) {
      keys.set(p.subject, await ctx.keyStore?.existingKey(p.subject));
    }
  }
  return rows.map((row, i) => {
    const event: RecordedEvent = {
      id: row.event_id,
      stream: row.stream_id,
      type: row.event_type,
      version: row.version,
      position: BigInt(row.position),
      checkpoint: encodePgCheckpoint({ txId: BigInt(row.tx_id), position: BigInt(row.position) }),
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
      hash: row.hash,
      prevHash: row.prev_hash,
    };
    const p = personal[i];
    if (p) {
      const key = keys.get(p.subject);
      decryptPersonalFields(event.data, p.fields, key, event.id);
      event.personal = { ...p, erased: !key };
    }
    return event;
  });
}

function personalOf(metadata: JsonObject): { subject: string; fields: string[] } | undefined {
  const p = metadata.$personal;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
  const { subject, fields } = p as { subject?: unknown; fields?: unknown };
  if (typeof subject !== 'string' || !Array.isArray(fields)) return undefined;
  return { subject, fields: fields.filter((f): f is string => typeof f === 'string') };
}
