import { StreamNotFound } from '../port/event-store.errors';
import type { ReadStreamOptions, RecordedEvent } from '../port/event-store.port';
import { COLUMNS, toRecorded, type EventRow } from './event-rows';
import type { PgStoreContext } from './store-context';

/** `EventStore.readStream` on PostgreSQL: one indexed read; a whole forward read refreshes the
 * stream's cached head. */
export async function readStream(
  ctx: PgStoreContext,
  stream: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const params: unknown[] = [stream];
  const where = ['stream_id = $1'];
  if (options.fromVersion !== undefined) {
    params.push(options.fromVersion);
    where.push(`version ${backwards ? '<=' : '>='} $${params.length}`);
  }
  if (options.toVersion !== undefined) {
    params.push(options.toVersion);
    where.push(`version <= $${params.length}`);
  }
  if (options.toRecordedAt !== undefined) {
    params.push(options.toRecordedAt);
    where.push(`recorded_at <= $${params.length}`);
  }
  let sql = `SELECT ${COLUMNS} FROM ecvet_events WHERE ${where.join(' AND ')}
      ORDER BY version ${backwards ? 'DESC' : 'ASC'}`;
  if (options.maxCount !== undefined) {
    params.push(options.maxCount);
    sql += ` LIMIT $${params.length}`;
  }
  const { rows } = await ctx.pool.query<EventRow>(sql, params);
  if (rows.length === 0) {
    const exists = await ctx.pool.query('SELECT 1 FROM ecvet_events WHERE stream_id = $1 LIMIT 1', [
      stream,
    ]);
    if (exists.rowCount === 0) throw new StreamNotFound(stream);
    return [];
  }
  const whole =
    !backwards &&
    options.fromVersion === undefined &&
    options.toVersion === undefined &&
    options.toRecordedAt === undefined &&
    options.maxCount === undefined;
  if (whole) {
    const last = rows[rows.length - 1];
    ctx.heads.set(stream, { version: last.version, hash: Buffer.from(last.hash, 'hex') });
  }
  return toRecorded(ctx, rows);
}
