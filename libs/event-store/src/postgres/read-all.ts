import type { ReadAllOptions, ReadAllResult } from '../port/event-store.port';
import { COLUMNS, toRecorded, type EventRow } from './event-rows';
import { decodePgCheckpoint, encodePgCheckpoint } from './pg-checkpoint';
import type { PgStoreContext } from './store-context';

/** `EventStore.readAll` on PostgreSQL: one page of the global log in (transaction id, position)
 * order, never past the oldest transaction still in flight (docs/adr/0003). */
export async function readAll(
  ctx: PgStoreContext,
  options: ReadAllOptions = {},
): Promise<ReadAllResult> {
  const from = decodePgCheckpoint(options.fromCheckpoint);
  const params: unknown[] = [
    from.txId.toString(),
    from.position.toString(),
    options.maxCount ?? 1000,
  ];
  const filters: string[] = [];
  if (options.filter?.eventTypes?.length) {
    params.push(options.filter.eventTypes);
    filters.push(`AND event_type = ANY($${params.length}::text[])`);
  }
  if (options.filter?.streamPrefixes?.length) {
    params.push(options.filter.streamPrefixes.map((p) => `${escapeLike(p)}%`));
    filters.push(`AND stream_id LIKE ANY($${params.length}::text[])`);
  }
  // One statement, one snapshot: its xmin bounds what is safe to read. Transactions below it
  // have all finished; one still in flight (and everything after it) waits for the next read.
  const { rows } = await ctx.pool.query<EventRow & { horizon: string }>({
    // One prepared statement per filter shape.
    name: `ecvet_read_all_${options.filter?.eventTypes?.length ? 't' : ''}${options.filter?.streamPrefixes?.length ? 's' : ''}`,
    text: `WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT h.xmin::text AS horizon, e.* FROM h LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM ecvet_events e
         WHERE (e.tx_id, e.position) > ($1::text::xid8, $2::bigint) AND e.tx_id < h.xmin ${filters.join(' ')}
         ORDER BY e.tx_id, e.position LIMIT $3
       ) e ON true`,
    values: params,
  });
  const eventRows = rows.filter((r) => r.position !== null);
  const limit = params[2] as number;
  let checkpoint: string;
  if (eventRows.length === limit) {
    const last = eventRows[eventRows.length - 1];
    checkpoint = encodePgCheckpoint({
      txId: BigInt(last.tx_id),
      position: BigInt(last.position),
    });
  } else {
    // Everything below the horizon has been seen (filtered or not): continue from there.
    const horizon = { txId: BigInt(rows[0].horizon), position: 0n };
    const after = encodePgCheckpoint(horizon);
    checkpoint =
      options.fromCheckpoint && options.fromCheckpoint > after ? options.fromCheckpoint : after;
  }
  return { events: await toRecorded(ctx, eventRows), checkpoint };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
