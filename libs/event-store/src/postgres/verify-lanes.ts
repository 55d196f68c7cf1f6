import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClientConfig, Pool } from 'pg';
import type { StoredSeal } from './pg-sealer';
import {
  chainProblem,
  type VerificationProblem,
  type VerificationReport,
  type VerifyOptions,
} from './verify-checks';
import type { LaneFirst, LaneResult, LaneTask } from './verify-lane';
import type { LaneMessage, LaneWorkerData } from './verify-lane.worker';

/**
 * The parallel verifier: the log split at seal boundaries into lanes of about equal event counts,
 * each verified by a worker thread on its own connection (`verify-lane.ts`), then stitched here in
 * log order. A stream's chain crosses lanes: each lane reports every stream's first event in its
 * range, and the stitch checks it — version and previous hash — against the stream's last event
 * in the lanes before (the heads carried from lane to lane). The first problem in log order wins,
 * and the counts are those the single-lane verifier reports when it stops there, so the report is
 * the same whichever way the log was verified.
 */

/** Contiguous ranges of seals with about the same number of events each (at least one seal). */
export function planLanes(
  seals: ReadonlyArray<{ eventCount: number }>,
  lanes: number,
): Array<{ from: number; to: number }> {
  const count = Math.max(1, Math.min(lanes, seals.length));
  const total = seals.reduce((sum, seal) => sum + seal.eventCount, 0);
  const plan: Array<{ from: number; to: number }> = [];
  let from = 0;
  let sum = 0;
  for (let i = 0; i < seals.length; i++) {
    sum += seals[i].eventCount;
    const lanesLeft = count - plan.length - 1;
    const mustCut = seals.length - i - 1 === lanesLeft; // one seal left for each lane to come
    if (lanesLeft > 0 && (sum >= (total * (plan.length + 1)) / count || mustCut)) {
      plan.push({ from, to: i });
      from = i + 1;
    }
  }
  plan.push({ from, to: seals.length - 1 });
  return plan;
}

export async function verifyInLanes(
  pool: Pool,
  seals: StoredSeal[],
  options: VerifyOptions & { lanes: number },
): Promise<VerificationReport> {
  const connection = await connectionOf(pool, options.connection);
  const { rows } = await pool.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  );
  const horizon = rows[0].xmin;
  const plan = planLanes(seals, options.lanes);
  const tasks: LaneTask[] = plan.map(({ from, to }, lane) => ({
    after: seals[from].fromCheckpoint,
    ...(lane < plan.length - 1 && { upTo: seals[to].toCheckpoint }),
    horizon,
    seals: seals.slice(from, to + 1),
    ...(from > 0 && { previousSeal: seals[from - 1] }),
    ...(options.trustedKeys && { trustedKeys: options.trustedKeys }),
    pageSize: options.pageSize ?? 5_000,
  }));
  const results = await runLanes(connection, tasks, options.onProgress);
  return stitch(results);
}

/** Stitches the lanes' results in log order (a lane after one with a problem may be missing). */
export function stitch(results: Array<LaneResult | undefined>): VerificationReport {
  const report: VerificationReport = {
    ok: true,
    eventsChecked: 0,
    streamsChecked: 0,
    sealsChecked: 0,
    unsealedEvents: 0,
  };
  const heads = new Map<string, { version: number; hash: string }>();
  for (const lane of results) {
    if (!lane) throw new Error('a lane of the verification did not finish');
    const crossing = firstBrokenCrossing(lane.firsts, heads);
    if (crossing && (!lane.problem || crossing.first.checkpoint < lane.problem.key)) {
      const { first, problem } = crossing;
      report.eventsChecked += first.eventsBefore;
      report.sealsChecked += first.sealsBefore;
      report.unsealedEvents += first.unsealedBefore;
      const before = lane.firsts.slice(0, lane.firsts.indexOf(first));
      return stopped(report, heads, before, problem);
    }
    report.eventsChecked += lane.eventsChecked;
    report.sealsChecked += lane.sealsChecked;
    report.unsealedEvents += lane.unsealedEvents;
    if (lane.problem) return stopped(report, heads, lane.firsts, lane.problem.problem);
    for (const [stream, version, hash] of lane.lasts) heads.set(stream, { version, hash });
  }
  report.streamsChecked = heads.size;
  return report;
}

/** The first stream whose first event in the lane does not follow its head from the lanes before. */
function firstBrokenCrossing(
  firsts: LaneFirst[],
  heads: Map<string, { version: number; hash: string }>,
): { first: LaneFirst; problem: VerificationProblem } | undefined {
  for (const first of firsts) {
    const { stream, version, position } = first;
    const problem = chainProblem({ stream, version, position }, first.prevHash, heads.get(stream));
    if (problem) return { first, problem };
  }
  return undefined;
}

/** The report of a verification stopped at `problem`: the streams checked are those of the lanes
 * before and the lane's streams that began before the problem. */
function stopped(
  report: VerificationReport,
  heads: Map<string, unknown>,
  firstsBefore: LaneFirst[],
  problem: VerificationProblem,
): VerificationReport {
  const streams = new Set(heads.keys());
  for (const first of firstsBefore) streams.add(first.stream);
  return { ...report, ok: false, streamsChecked: streams.size, problem };
}

/** Starts a worker per lane; a lane that finds a problem stops the lanes after it (their events
 * come later in the log, so they cannot hold the first problem). */
function runLanes(
  connection: ClientConfig,
  tasks: LaneTask[],
  onProgress: ((eventsChecked: number) => void) | undefined,
): Promise<Array<LaneResult | undefined>> {
  const entry = workerEntry();
  const results: Array<LaneResult | undefined> = tasks.map(() => undefined);
  const progress = tasks.map(() => 0);
  return new Promise((resolve, reject) => {
    let running = tasks.length;
    let failed = false;
    const workers = tasks.map((task, lane) => {
      const worker = new Worker(entry.file, {
        eval: entry.eval,
        workerData: { connection, task } satisfies LaneWorkerData,
      });
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (--running === 0 && !failed) resolve(results);
      };
      worker.on('message', (message: LaneMessage) => {
        if ('progress' in message) {
          progress[lane] = message.progress;
          onProgress?.(progress.reduce((a, b) => a + b, 0));
        } else if ('result' in message) {
          results[lane] = message.result;
          if (message.result.problem) {
            for (const later of workers.slice(lane + 1)) void later.terminate();
          }
          finish();
        } else {
          failed = true;
          for (const other of workers) void other.terminate();
          reject(new Error(`verification lane ${lane + 1} failed: ${message.error}`));
        }
      });
      worker.on('error', (err) => {
        failed = true;
        for (const other of workers) void other.terminate();
        reject(err);
      });
      worker.on('exit', finish);
      return worker;
    });
  });
}

/** The worker's script: the compiled `.js` beside this file, or — running from TypeScript sources
 * (tests, the benchmark, `npm run cli`) — the `.ts` through the same on-the-fly compiler. */
function workerEntry(): { file: string; eval: boolean } {
  const js = join(__dirname, 'verify-lane.worker.js');
  if (existsSync(js)) return { file: js, eval: false };
  const ts = join(__dirname, 'verify-lane.worker.ts');
  return { file: `require('@swc-node/register'); require(${JSON.stringify(ts)});`, eval: true };
}

/** The lanes' connection settings: given, or the pool's own (a password function resolved). */
async function connectionOf(pool: Pool, given: VerifyOptions['connection']): Promise<ClientConfig> {
  if (typeof given === 'string') return { connectionString: given };
  if (given) return given;
  const o = pool.options;
  const password = typeof o.password === 'function' ? await o.password() : o.password;
  return {
    ...(o.connectionString !== undefined && { connectionString: o.connectionString }),
    ...(o.host !== undefined && { host: o.host }),
    ...(o.port !== undefined && { port: o.port }),
    ...(o.user !== undefined && { user: o.user }),
    ...(o.database !== undefined && { database: o.database }),
    ...(password !== undefined && { password }),
    ...(o.ssl !== undefined && { ssl: o.ssl }),
  };
}
