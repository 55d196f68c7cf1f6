import type { Pool } from 'pg';
import { START, type EventStore } from '@ecvet/event-store';
import {
  DASHBOARD_ROW_SELECT,
  dashboardRow,
  systemReminderPolicy,
  type MobilityDocument,
} from '../dashboard/dashboard-row';
import { categoryOf } from '../streams';
import { READ_MODEL_PROJECTION } from './read-model.projection';
import { VIEW_DEFINITIONS } from './view-definitions';

/** The read models' kinds (`ecvet_read_models.kind`): `mobilities`, `partnerships`, … */
export const READ_MODEL_KINDS: readonly string[] = Object.values(VIEW_DEFINITIONS).map(
  (d) => d.kind,
);

/** The stream category whose documents make a read model kind (`mobilities` → `Mobility`). */
export function categoryOfReadModel(kind: string): string | undefined {
  return Object.entries(VIEW_DEFINITIONS).find(([, d]) => d.kind === kind)?.[0];
}

export interface ReadModelDifference {
  id: string;
  /** `missing`: no live row; `unexpected`: a live row the log does not make; `version`: another
   * version; `content`: the same version, another document. */
  problem: 'missing' | 'unexpected' | 'version' | 'content';
  liveVersion?: number;
  rebuiltVersion?: number;
  /** The differing fields (dotted paths, at most 20): names only, never values (personal data).
   * With mobilities, `dashboard.<field>` is a field of the dashboard's row
   * (`ecvet_dashboard_mobilities`), `dashboard` the whole row (missing or unexpected). */
  paths?: string[];
}

export interface ReadModelRebuildReport {
  kind: string;
  /** The projection's checkpoint the live table stood at; the log was read up to it. */
  checkpoint: string;
  eventsRead: number;
  rebuiltDocuments: number;
  liveDocuments: number;
  equal: boolean;
  differences: ReadModelDifference[];
}

const PAGE = 1_000;
const MAX_PATHS = 20;

/**
 * Recomputes every document of one read model kind from the log, in memory, and compares it with
 * `ecvet_read_models`. The live table and the projection's checkpoint are read in one snapshot,
 * and the log only up to that checkpoint: a projection that is behind is not a difference, a
 * document that is not what the log makes is. With `mobilities`, the dashboard's rows too: each
 * must be `dashboardRow` of the rebuilt document. Writes nothing.
 */
export async function rebuildReadModel(
  store: EventStore,
  pool: Pool,
  kind: string,
  onProgress: (eventsRead: number) => void = () => undefined,
): Promise<ReadModelRebuildReport> {
  const category = categoryOfReadModel(kind);
  if (!category) throw new Error(`no read model ${kind}`);
  const definition = VIEW_DEFINITIONS[category];

  const { checkpoint, live, dashboard } = await liveDocuments(pool, kind);
  const liveCount = live.size;
  const states = new Map<string, { version: number; state: unknown; recordedAt: Date }>();
  const policy = systemReminderPolicy();
  let eventsRead = 0;
  let from = START;
  read: while (checkpoint !== START) {
    const page = await store.readAll({
      fromCheckpoint: from,
      maxCount: PAGE,
      filter: { streamPrefixes: [`${category}-`] },
    });
    for (const event of page.events) {
      if (event.checkpoint > checkpoint) break read;
      const { id } = categoryOf(event.stream);
      const before = states.get(id)?.state ?? definition.initialState;
      states.set(id, {
        version: event.version,
        state: definition.evolve(before, event),
        recordedAt: event.recordedAt,
      });
      eventsRead++;
    }
    onProgress(eventsRead);
    if (page.events.length < PAGE || page.checkpoint === from) break;
    from = page.checkpoint;
  }

  const differences: ReadModelDifference[] = [];
  let rebuiltDocuments = 0;
  for (const [id, { version, state, recordedAt }] of states) {
    const view = definition.view(state, version);
    if (!view) continue;
    rebuiltDocuments++;
    // As the table holds it: JSON (no undefined keys, dates as strings).
    const doc: unknown = JSON.parse(JSON.stringify(view));
    const row = live.get(id);
    live.delete(id);
    if (!row) {
      differences.push({ id, problem: 'missing', rebuiltVersion: version });
      dashboard?.delete(id);
      continue;
    }
    const paths = differingPaths(row.doc, doc);
    if (dashboard) {
      const liveRow = dashboard.get(id);
      dashboard.delete(id);
      const rebuiltRow = dashboardRow(doc as MobilityDocument, recordedAt, policy);
      paths.push(
        ...(liveRow
          ? differingPaths(liveRow, rebuiltRow).map((p) => `dashboard.${p}`)
          : ['dashboard']),
      );
    }
    if (row.version !== version || paths.length > 0)
      differences.push({
        id,
        problem: row.version !== version ? 'version' : 'content',
        liveVersion: row.version,
        rebuiltVersion: version,
        ...(paths.length > 0 && { paths: paths.slice(0, MAX_PATHS) }),
      });
  }
  for (const [id, row] of live)
    differences.push({ id, problem: 'unexpected', liveVersion: row.version });
  for (const [id, row] of dashboard ?? [])
    differences.push({ id, problem: 'unexpected', liveVersion: row.version, paths: ['dashboard'] });
  differences.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    kind,
    checkpoint,
    eventsRead,
    rebuiltDocuments,
    liveDocuments: liveCount,
    equal: differences.length === 0,
    differences,
  };
}

/** The live documents of a kind and the projection's checkpoint, in one snapshot. */
async function liveDocuments(
  pool: Pool,
  kind: string,
): Promise<{
  checkpoint: string;
  live: Map<string, { version: number; doc: unknown }>;
  /** With mobilities: the dashboard's rows, as `DashboardRow`s. */
  dashboard?: Map<string, { version: number }>;
}> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: checkpoints } = await client.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [READ_MODEL_PROJECTION],
    );
    const { rows } = await client.query<{ id: string; version: number; doc: unknown }>(
      'SELECT id, version, doc FROM ecvet_read_models WHERE kind = $1',
      [kind],
    );
    const dashboard =
      kind === 'mobilities'
        ? (
            await client.query<{ mobilityId: string; version: number }>(
              `SELECT ${DASHBOARD_ROW_SELECT} FROM ecvet_dashboard_mobilities`,
            )
          ).rows
        : undefined;
    await client.query('COMMIT');
    return {
      checkpoint: checkpoints[0]?.checkpoint ?? START,
      live: new Map(rows.map((r) => [r.id, { version: Number(r.version), doc: r.doc }])),
      ...(dashboard && { dashboard: new Map(dashboard.map((r) => [r.mobilityId, r])) }),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The dotted paths where two JSON values differ (key order ignored). */
export function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (a === b) return [];
  const here = path || '(document)';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [here];
  if (Array.isArray(a) !== Array.isArray(b)) return [here];
  const keys = Array.isArray(a)
    ? [...Array(Math.max(a.length, (b as unknown[]).length)).keys()].map(String)
    : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) =>
    differingPaths(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
    ),
  );
}
