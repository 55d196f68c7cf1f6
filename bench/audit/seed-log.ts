import type { Pool } from 'pg';
import {
  canonicalJson,
  eventHashDigest,
  GENESIS_HASH,
  PostgresSealer,
  type SealSigner,
} from '../../libs/event-store/src';
import { Workload } from '../event-store/workload';

/** Rows per INSERT (one transaction each): big enough that round trips do not matter. */
const BATCH_ROWS = 5_000;
/** Events per append of the workload (a stream gets this many consecutive versions). */
const EVENTS_PER_APPEND = 10;

/**
 * Writes `events` events straight into the event table — not through `append` — with their real
 * hashes (computed here with the store's own canonical encoding, chained per stream), in the
 * event-store benchmark's workload (1 KiB JSON, 10,000 streams, a few hot ones), then seals the
 * log with `PostgresSealer` as a running sealer would have. Generating this way takes seconds per
 * 100,000 events, where appending through the store takes minutes per million.
 */
export async function seedSealedLog(
  pool: Pool,
  events: number,
  signer: SealSigner,
  progress: (written: number) => void = () => undefined,
): Promise<{ seals: number }> {
  const workload = new Workload('audit-verify');
  const heads = new Map<string, string>();
  const recordedAt = Date.parse('2026-01-05T08:00:00.000Z');
  let written = 0;
  while (written < events) {
    const cols = {
      stream: [] as string[],
      version: [] as number[],
      id: [] as string[],
      type: [] as string[],
      data: [] as string[],
      metadata: [] as string[],
      recordedAt: [] as string[],
      prev: [] as string[],
      hash: [] as string[],
    };
    while (cols.stream.length < BATCH_ROWS && written + cols.stream.length < events) {
      const size = Math.min(EVENTS_PER_APPEND, events - written - cols.stream.length);
      const batch = workload.nextBatch(size);
      batch.events.forEach((e, i) => {
        const version = batch.firstVersion + i;
        const at = new Date(recordedAt + (written + cols.stream.length) * 37).toISOString();
        const prevHash = heads.get(batch.stream) ?? GENESIS_HASH;
        const fields = {
          stream: batch.stream,
          version,
          id: e.id,
          type: e.type,
          dataJson: canonicalJson(e.data),
          metadataJson: canonicalJson(e.metadata),
          recordedAt: at,
          prevHash,
        };
        const hash = eventHashDigest(fields).toString('hex');
        heads.set(batch.stream, hash);
        cols.stream.push(fields.stream);
        cols.version.push(version);
        cols.id.push(fields.id);
        cols.type.push(fields.type);
        cols.data.push(fields.dataJson);
        cols.metadata.push(fields.metadataJson);
        cols.recordedAt.push(at);
        cols.prev.push(prevHash);
        cols.hash.push(hash);
      });
    }
    await pool.query(
      `INSERT INTO ecvet_events
         (stream_id, version, event_id, event_type, data, metadata, recorded_at, prev_hash, hash)
       SELECT s, v, i::uuid, t, d::json, m::json, r::timestamptz, decode(p, 'hex'), decode(h, 'hex')
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(s, v, i, t, d, m, r, p, h, n)
       ORDER BY n`,
      [
        cols.stream,
        cols.version,
        cols.id,
        cols.type,
        cols.data,
        cols.metadata,
        cols.recordedAt,
        cols.prev,
        cols.hash,
      ],
    );
    written += cols.stream.length;
    progress(written);
  }
  const seals = await new PostgresSealer(pool, signer).sealPending();
  await pool.query('VACUUM (ANALYZE) ecvet_events');
  return { seals: seals.length };
}
