import { Client } from 'pg';
import { OPERATOR } from '../../infra/demo/seed-data';
import { generateMobilities } from '../dashboard/generate';
import { round } from '../lib/stats';
import type { Http } from './http';
import type { AppName, RunningSystem } from './system';

interface Resident {
  api: number;
  worker: number;
}

export interface MemoryResult {
  /** Mobilities in the read models (generated ones and the run's own). */
  mobilities: number;
  /** Mobility workflows on the server (the run's own: the generated ones have none). */
  workflows: number;
  /** Resident set in MiB: before the generated mobilities, then at the peak and the end of a
   * read load over them (list pages at random offsets, the dashboard's overview and list). */
  rssMiB: { before: Resident; peakUnderLoad: Resident; afterLoad: Resident };
  loadSeconds: number;
  requests: number;
  /** Resident set once both had started, before any load. */
  idleAfterStartMiB?: Resident;
}

/**
 * The API's and the worker's resident size with `count` mobilities in the read models (written
 * straight into them by the dashboard benchmark's generator, dashboard rows included), under a
 * read load by the operator, who may see them all.
 */
export async function runMemory(
  system: RunningSystem,
  http: Http,
  options: { count: number; seconds: number },
): Promise<MemoryResult> {
  await system.settle();
  const resident = (): Resident => ({
    api: system.stats('api').rssMiB,
    worker: system.stats('worker').rssMiB,
  });
  const before = resident();
  const db = new Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    const started = performance.now();
    await generateMobilities(db, options.count);
    console.log(
      `  generated ${options.count} mobilities in ${round((performance.now() - started) / 1000, 3)} s`,
    );
  } finally {
    await db.end();
  }
  const token = system.token(OPERATOR.email);
  const peak: Resident = { ...before };
  const sampler = setInterval(() => {
    const now = resident();
    for (const name of ['api', 'worker'] as AppName[]) peak[name] = Math.max(peak[name], now[name]);
  }, 200);
  let requests = 0;
  const paths = [
    () => `/mobilities?limit=50&offset=${Math.floor(Math.random() * 5_000)}`,
    () => '/dashboard/overview',
    () => '/dashboard/mobilities?limit=50&sort=start',
    () => `/mobilities/mob-${String(Math.floor(Math.random() * options.count)).padStart(6, '0')}`,
  ];
  const until = performance.now() + options.seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: 16 }, async (_, c) => {
        for (let i = c; performance.now() < until; i++) {
          // A generated mobility has no stream: its GET is a 404, which still costs a lookup.
          await http.send('GET', paths[i % paths.length](), token);
          requests++;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const rows = await system.query<{ n: string }>(
    `SELECT count(*) AS n FROM ecvet_read_models WHERE kind = 'mobilities'`,
  );
  const workflows = await system.temporalClient.workflow.count(`WorkflowType = 'mobilityWorkflow'`);
  return {
    mobilities: Number(rows[0].n),
    workflows: workflows.count,
    rssMiB: { before, peakUnderLoad: peak, afterLoad: resident() },
    loadSeconds: options.seconds,
    requests,
  };
}
