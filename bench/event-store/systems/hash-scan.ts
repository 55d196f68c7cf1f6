import { Pool } from 'pg';
import { eventHashDigest } from '../../../libs/event-store/src';
import { cpuSecondsSince, type Sample } from '../appends';

interface Row {
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  event_type: string;
  data: string;
  metadata: string;
  recorded_at: Date;
  prev_hash: Buffer;
  hash: Buffer;
}

/**
 * The "limit" for `verify`: the least any full verification has to do. It reads every row of our
 * event table through the same driver with a plain keyset query in primary-key order (pages of
 * the same size as our verifier's) and recomputes each event's SHA-256 over the same canonical
 * encoding, comparing it with the stored hash. No stream chains, version gaps, seals, Merkle roots
 * or signatures. It only reads our database.
 */
export class HashScan {
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2 });
    // An idle connection dropped by the server (e.g. at shutdown) must not crash the worker.
    this.pool.on('error', () => undefined);
  }

  async run(pageSize: number): Promise<Sample> {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    let events = 0;
    let mismatches = 0;
    let after = '0';
    for (;;) {
      const { rows } = await this.pool.query<Row>({
        name: 'bench_hash_scan',
        // pg returns bigint as a string. ORDER BY names the table's column (e.position): a bare
        // name would pick an output column of that name, and a text one sorts as text.
        text: `SELECT e.position, e.stream_id, e.version, e.event_id::text AS event_id, e.event_type,
                 e.data::text AS data, e.metadata::text AS metadata, e.recorded_at, e.prev_hash, e.hash
               FROM ecvet_events e WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
        values: [after, pageSize],
      });
      for (const row of rows) {
        if (
          !eventHashDigest({
            stream: row.stream_id,
            version: row.version,
            id: row.event_id,
            type: row.event_type,
            dataJson: row.data,
            metadataJson: row.metadata,
            recordedAt: row.recorded_at.toISOString(),
            prevHash: row.prev_hash.toString('hex'),
          }).equals(row.hash)
        )
          mismatches++;
      }
      events += rows.length;
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].position;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (mismatches > 0)
      throw new Error(`${mismatches} of ${events} events do not match their hash`);
    return { events, seconds, retries: 0, cpuSeconds: cpuSecondsSince(cpu) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
