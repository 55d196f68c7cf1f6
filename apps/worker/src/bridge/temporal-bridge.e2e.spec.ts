import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { validateEnvironment } from '@ecvet/config';
import {
  createPostgresEventStore,
  PostgresSubjectKeyStore,
  type PostgresEventStore,
} from '@ecvet/event-store';
import { freePort } from '../../../../infra/net';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../../../infra/temporal/temporal-dev-server';
import { migrateDatabase } from '../../../../libs/database/src/migrations/migrate-database';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { TemporalBridge } from './temporal-bridge';
import { receivedQuery } from './test/recording.workflows';

/**
 * The bridge on real servers — PostgreSQL and the Temporal dev server — with a recording
 * workflow in place of the mobility workflow (same type name and signal; it keeps every signal,
 * duplicates too). Many mobilities' events, appended concurrently before and while the bridge
 * runs, reach their workflows concurrently: each workflow gets its stream's events in order,
 * none lost, none twice; with failures injected (a signal refused, or applied with its answer
 * lost) the bridge restarts from its checkpoint and the workflow's fold — ignore what is at or
 * below the last checkpoint seen, as the real workflows do — still sees every event once, in order.
 */
jest.setTimeout(180_000);

const TASK_QUEUE = 'bridge-e2e';
const WORKFLOWS = 30;
const EVENTS_EACH = 12;

let server: DevServerHandle;
let db: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;
let connection: Connection;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      server = await startTemporalDevServer({
        cliPath: process.env.TEMPORAL_CLI_PATH!,
        port: await freePort(),
        uiPort: await freePort(),
      });
      break;
    } catch (err) {
      // A free port can be taken by the time the dev server binds it: try again.
      if (attempt >= 3) throw err;
    }
  }
  db = await createTestDatabase('bridge');
  await migrateDatabase(db.url);
  pool = new Pool({ connectionString: db.url, max: 20 });
  pool.on('error', () => undefined);
  store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
    pollIntervalMs: 200,
  });
  connection = await Connection.connect({ address: server.address });
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: server.address }),
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('./test/recording.workflows'),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await store?.dispose();
  await pool?.end();
  await db?.drop();
  await server?.stop();
});

const config = () =>
  validateEnvironment({
    DATABASE_URL: db.url,
    PII_MASTER_KEY: randomBytes(32).toString('base64'),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
  });

function startBridge(interceptors: WorkflowClientInterceptor[] = []): TemporalBridge {
  const client = new Client({ connection, interceptors: { workflow: interceptors } });
  const bridge = new TemporalBridge(pool, store, client, config(), {
    concurrency: 8,
    window: 64,
    retryBaseMs: 50,
    checkpointEveryMs: 20,
  });
  bridge.onApplicationBootstrap();
  return bridge;
}

/** Appends `EVENTS_EACH` reminders to each mobility: 6 writers, each picking a random stream
 * that no other writer is appending to (a stream's own events stay in order). */
async function appendReminders(mobilities: string[]): Promise<string> {
  const next = new Map(mobilities.map((m) => [m, 1]));
  const busy = new Set<string>();
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next.size) {
        const free = [...next.keys()].filter((m) => !busy.has(m));
        if (!free.length) {
          await new Promise((r) => setTimeout(r, 1));
          continue;
        }
        const m = free[Math.floor(Math.random() * free.length)];
        const n = next.get(m)!;
        if (n === EVENTS_EACH) next.delete(m);
        else next.set(m, n + 1);
        busy.add(m);
        const sentAt = new Date().toISOString();
        await store.append(
          `Mobility-${m}`,
          [
            {
              id: randomUUID(),
              type: 'StepReminderSent',
              data: { mobilityId: m, step: 'assessment', reminderNumber: n, sentAt },
              metadata: {},
            },
          ],
          { expected: n - 1 },
        );
        busy.delete(m);
      }
    }),
  );
  const { rows } = await pool.query<{ checkpoint: string }>(
    `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
       FROM ecvet_events ORDER BY tx_id DESC, position DESC LIMIT 1`,
  );
  return rows[0].checkpoint;
}

async function received(mobility: string) {
  return new Client({ connection }).workflow.getHandle(`mobility-${mobility}`).query(receivedQuery);
}

/** The workflows' own fold: an event at or below the last checkpoint seen is ignored. */
function effective(signals: Array<{ checkpoint: string; n?: number }>): number[] {
  let last = '';
  const kept: number[] = [];
  for (const s of signals)
    if (s.checkpoint > last) {
      last = s.checkpoint;
      kept.push(s.n!);
    }
  return kept;
}

const inOrder = Array.from({ length: EVENTS_EACH }, (_, i) => i + 1);

it('delivers each workflow its events in order, none lost or twice, many workflows at a time', async () => {
  const mobilities = Array.from({ length: WORKFLOWS }, (_, i) => `a${i}`);
  // Half the log is there before the bridge starts (a backlog), half arrives while it runs.
  await appendReminders(mobilities.slice(0, WORKFLOWS / 2));
  const bridge = startBridge();
  try {
    const last = await appendReminders(mobilities.slice(WORKFLOWS / 2));
    await bridge.caughtUpTo(last);
    for (const m of mobilities) {
      const signals = await received(m);
      expect(signals.map((s) => s.n)).toEqual(inOrder);
      expect(signals.map((s) => s.checkpoint)).toEqual(
        [...signals.map((s) => s.checkpoint)].sort(),
      );
    }
    expect(bridge.deliveries?.peakConcurrency).toBeGreaterThan(1);
  } finally {
    await bridge.beforeApplicationShutdown();
  }
});

it('after failed signals resumes from its checkpoint: every event once and in order, in effect', async () => {
  let calls = 0;
  let failed = 0;
  const faults: WorkflowClientInterceptor = {
    async signalWithStart(input, next) {
      const call = ++calls;
      // Refused before it reaches Temporal …
      if (call === 7 || call === 150) {
        failed++;
        throw new Error(`injected: signal ${call} refused`);
      }
      const result = await next(input);
      // … or applied, with the answer lost: the bridge cannot tell, and signals it again.
      if (call === 40 || call === 95) {
        failed++;
        throw new Error(`injected: answer to signal ${call} lost`);
      }
      return result;
    },
  };
  const mobilities = Array.from({ length: WORKFLOWS }, (_, i) => `b${i}`);
  const bridge = startBridge([faults]);
  try {
    const last = await appendReminders(mobilities);
    await bridge.caughtUpTo(last);
    expect(failed).toBe(4);
    let duplicates = 0;
    for (const m of mobilities) {
      const signals = await received(m);
      expect(effective(signals)).toEqual(inOrder);
      duplicates += signals.length - EVENTS_EACH;
    }
    // The redelivered events were signalled again; the workflows' fold dropped them.
    expect(duplicates).toBeGreaterThan(0);
    const { rows } = await pool.query<{ checkpoint: string }>(
      `SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = 'temporal-bridge'`,
    );
    expect(rows[0].checkpoint).toBe(last);
  } finally {
    await bridge.beforeApplicationShutdown();
  }
});
