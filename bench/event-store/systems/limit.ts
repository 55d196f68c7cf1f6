import { Pool } from 'pg';
import { cpuSecondsSince, type Appender, type Sample } from '../appends';
import type { BenchBatch } from '../workload';

/**
 * The "limit": what PostgreSQL and the same driver (`pg`) do with no event store in between. One
 * plain table holding the same events under the same uniqueness rules as ours (one row per stream
 * version, one row per event id); versions are assigned by the workload generator, so an append
 * is a single auto-committed INSERT (one multi-row INSERT for a batch) with no version lookup, no
 * transaction block, no hashing.
 */
export const LIMIT_TABLE = 'bench_events';

const DDL = `
CREATE TABLE IF NOT EXISTS ${LIMIT_TABLE} (
  position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id   text        NOT NULL,
  version     integer     NOT NULL,
  event_id    uuid        NOT NULL,
  event_type  text        NOT NULL,
  data        json        NOT NULL,
  metadata    json        NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ${LIMIT_TABLE}_stream_version_key UNIQUE (stream_id, version),
  CONSTRAINT ${LIMIT_TABLE}_event_id_key UNIQUE (event_id)
)`;

const COLUMNS = 6;

export class LimitStore implements Appender {
  private readonly pool: Pool;
  private readonly insertText = new Map<number, string>();

  constructor(connectionString: string, poolSize: number) {
    this.pool = new Pool({ connectionString, max: poolSize });
    // An idle connection dropped by the server (e.g. at shutdown) must not crash the worker.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    await this.pool.query(DDL);
  }

  async append(batch: BenchBatch): Promise<void> {
    const n = batch.events.length;
    const values: unknown[] = new Array(n * COLUMNS);
    for (let i = 0; i < n; i++) {
      const e = batch.events[i];
      const o = i * COLUMNS;
      values[o] = batch.stream;
      values[o + 1] = batch.firstVersion + i;
      values[o + 2] = e.id;
      values[o + 3] = e.type;
      values[o + 4] = JSON.stringify(e.data);
      values[o + 5] = JSON.stringify(e.metadata);
    }
    // A named statement: parsed and planned once per connection, like any tuned app would.
    await this.pool.query({ name: `bench_insert_${n}`, text: this.insertSql(n), values });
  }

  isConflict(): boolean {
    return false;
  }

  /** One keyset page in global order: the rows after `afterPosition` (exclusive). */
  async readPage(afterPosition: string, limit: number): Promise<Array<{ position: string }>> {
    const { rows } = await this.pool.query<{ position: string }>({
      name: 'bench_read_page',
      text:
        `SELECT position, stream_id, version, event_id, event_type, data, metadata, recorded_at ` +
        `FROM ${LIMIT_TABLE} WHERE position > $1 ORDER BY position LIMIT $2`,
      values: [afterPosition, limit],
    });
    return rows;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${LIMIT_TABLE}`,
    );
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private insertSql(n: number): string {
    let text = this.insertText.get(n);
    if (!text) {
      const rows: string[] = [];
      for (let i = 0; i < n; i++) {
        const p = Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`);
        rows.push(`(${p.join(', ')})`);
      }
      text =
        `INSERT INTO ${LIMIT_TABLE} (stream_id, version, event_id, event_type, data, metadata) ` +
        `VALUES ${rows.join(', ')}`;
      this.insertText.set(n, text);
    }
    return text;
  }
}

/** The events' handler while reading: does nothing, so the read path alone is measured. */
const handle: (row: unknown) => void = () => undefined;

/** Reads the whole table in position order, `pageSize` rows per keyset page. */
export async function readAllLimit(limit: LimitStore, pageSize: number): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let events = 0;
  let after = '0';
  for (;;) {
    const rows = await limit.readPage(after, pageSize);
    for (const row of rows) handle(row);
    events += rows.length;
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1].position;
  }
  return {
    events,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    retries: 0,
    cpuSeconds: cpuSecondsSince(cpu),
  };
}
