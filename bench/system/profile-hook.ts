/**
 * Preloaded (`-r`) into a process the system benchmark profiles: SIGWINCH starts the V8 CPU
 * profiler, the next SIGWINCH stops it and writes `<BENCH_PROFILE_DIR>/<label>-<n>.cpuprofile`
 * (open it in Chrome DevTools or speedscope). Only the measured window is profiled, rather than
 * the whole life of the process as `node --cpu-prof` would. (SIGWINCH because the apps' shutdown
 * hooks take SIGUSR2, and SIGUSR1 belongs to the debugger.)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { Client, Pool, type PoolClient } from 'pg';

const dir = process.env.BENCH_PROFILE_DIR ?? '.';
const label = process.env.BENCH_PROFILE_LABEL ?? String(process.pid);
const session = new Session();
session.connect();
let profiling = false;
let count = 0;

// While profiling, every statement sent through pg is counted by its text (its first line, up to
// 100 characters), and the census written beside the profile: the round trips per command.
const census = new Map<string, number>();
const query = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  if (profiling) {
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first !== null && 'text' in first
          ? String(first.text)
          : '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 100);
    census.set(key, (census.get(key) ?? 0) + 1);
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

// While profiling, how long each checkout of a pooled connection waited for one (`pool.query`
// checks one out too): a pool smaller than the work in flight shows here.
const poolWaits: number[] = [];
const connect = Pool.prototype.connect;
type Done = (err: Error | undefined, client: PoolClient | undefined, release: () => void) => void;
Pool.prototype.connect = function (this: Pool, callback?: Done) {
  const begun = performance.now();
  const record = () => {
    if (profiling) poolWaits.push(performance.now() - begun);
  };
  if (callback)
    return (connect as (cb: Done) => void).call(this, (err, client, release) => {
      record();
      callback(err, client, release);
    });
  return (connect as () => Promise<PoolClient>).call(this).then((client) => {
    record();
    return client;
  });
} as typeof connect;

const percentile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.ceil(q * sorted.length) - 1] * 10) / 10 : 0;

const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
  );

process.on('SIGWINCH', () => {
  void (async () => {
    if (!profiling) {
      census.clear();
      poolWaits.length = 0;
      profiling = true;
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      return;
    }
    profiling = false;
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    const file = join(dir, `${label}-${++count}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const sorted = [...census].sort((a, b) => b[1] - a[1]);
    const waits = [...poolWaits].sort((a, b) => a - b);
    const pool = {
      checkouts: waits.length,
      waitMs: {
        p50: percentile(waits, 0.5),
        p90: percentile(waits, 0.9),
        p99: percentile(waits, 0.99),
      },
      totalWaitSeconds: Math.round(waits.reduce((a, b) => a + b, 0)) / 1000,
    };
    writeFileSync(
      file.replace(/\.cpuprofile$/, '.queries.json'),
      JSON.stringify({ pool, statements: sorted }, null, 1),
    );
    process.stderr.write(`profile written: ${file} (and the statements sent, .queries.json)\n`);
  })().catch((err: unknown) => process.stderr.write(`profiler: ${String(err)}\n`));
});
