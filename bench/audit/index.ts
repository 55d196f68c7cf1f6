import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  exportSealSigner,
  generateSealSigner,
  migrateEventStore,
  PostgresSubjectKeyStore,
} from '../../libs/event-store/src';
import { BenchCluster, PG_SETTINGS } from '../event-store/cluster';
import { ChildWorker } from '../lib/child';
import { describeMachine } from '../lib/machine';
import { round, summarize, type Summary } from '../lib/stats';
import { formatNumber, formatTable } from '../lib/table';
import { parseAuditOptions, type AuditOptions } from './options';
import { seedSealedLog } from './seed-log';
import { seedMobilityStream } from '../../test/support/long-mobility-stream';
import type { AsOfParams, AsOfSamples, AuditRole, VerifySample, VerifySystem } from './worker';

export { USAGE } from './options';

/**
 * The audit benchmark (`npm run bench -- audit`): in one run on one embedded PostgreSQL cluster,
 * (a) the single-lane limit — read every event and SHA-256 it, nothing else (the event-store
 * benchmark's `HashScan`) —, (b) today's single-lane verifier, (c) the parallel verifier (lanes
 * over seal ranges) and, to tell its hot loop from its parallelism, (c1) the same code with one
 * lane; each in a child process of its own, rounds interleaved. Then (d) a 10,000-event
 * mobility's state as of random instants through the API's query handler. See bench/README.md.
 */

const SYSTEMS: Array<{ system: VerifySystem; label: string }> = [
  { system: 'limit', label: '(a) limit: read + SHA-256 every event, one lane' },
  { system: 'one-lane', label: '(b) verify, single lane (today)' },
  { system: 'lanes', label: '(c) verify, parallel lanes' },
  { system: 'lanes-1', label: '(c1) verify, lanes code with 1 lane' },
];
const RESULTS = join(__dirname, '..', 'results', 'audit.json');
const TARGET_RATIO = 1.5;
const TARGET_P95_MS = 50;
const AS_OF_WARMUP = 2;
const WORKER = join(__dirname, 'worker.ts');

/** Runs `work` with a child process hosting `role`, stopped afterwards whatever happens. */
async function withWorker<T>(
  label: string,
  role: AuditRole,
  work: (worker: ChildWorker) => Promise<T>,
): Promise<T> {
  const worker = await ChildWorker.start(label, WORKER, role);
  try {
    return await work(worker);
  } finally {
    await worker.stop();
  }
}

export async function runAuditBench(args: string[]): Promise<void> {
  const options = parseAuditOptions(args);
  const cluster = new BenchCluster({ keepData: options.keepData });
  const started = new Date();
  try {
    await cluster.startPostgres();
    const machine = await describeMachine(cluster.adminUrl, [
      'server_version',
      ...Object.keys(PG_SETTINGS),
    ]);
    await cluster.createDatabases(['audit_log', 'audit_mobility']);
    const verify = await benchVerify(cluster, options);
    const asOf = await benchAsOf(cluster, options);
    const results = {
      machine,
      startedAt: started.toISOString(),
      options,
      verify,
      asOf,
      targets: [
        {
          target: `verify: parallel ≥ ${TARGET_RATIO}× the single-lane limit`,
          actual: `${verify.ratioLanesVsLimit}×`,
          pass: verify.ratioLanesVsLimit >= TARGET_RATIO,
        },
        {
          target: `as-of: p95 ≤ ${TARGET_P95_MS} ms`,
          actual: `${asOf.p95} ms`,
          pass: asOf.p95 <= TARGET_P95_MS,
        },
      ],
    };
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\n${formatTable(
        ['', 'events/s (median)', 'min', 'max', 'client CPU s', '× limit'],
        SYSTEMS.map(({ system, label }) => {
          const s = verify.systems[system];
          return [
            label,
            formatNumber(s.eventsPerSecond.median),
            formatNumber(s.eventsPerSecond.min),
            formatNumber(s.eventsPerSecond.max),
            formatNumber(s.cpuSeconds.median),
            `${s.ratioVsLimit}×`,
          ];
        }),
      )}`,
    );
    console.log(
      `\n(d) as of an instant, ${options.streamEvents.toLocaleString('en-US')}-event stream, ${asOf.samples} samples: ` +
        `p50 ${asOf.p50} ms, p95 ${asOf.p95} ms, p99 ${asOf.p99} ms, max ${asOf.max} ms ` +
        `(the same query folding the whole stream: p50 ${asOf.wholeFold.p50} ms, p95 ${asOf.wholeFold.p95} ms; ` +
        `the stream read alone: p50 ${asOf.readStreamAlone.p50} ms, p95 ${asOf.readStreamAlone.p95} ms; ` +
        `the process's first query, nothing kept yet: ${asOf.firstQueryMs} ms)` +
        (asOf.samples < asOf.requestedSamples
          ? ` — only ${asOf.samples} of ${asOf.requestedSamples} samples within the ${asOf.budgetSeconds} s budget`
          : ''),
    );
    for (const t of results.targets)
      console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.actual}`);
    console.log(`\nwrote ${RESULTS}`);
  } finally {
    await cluster.shutdown();
  }
}

interface SystemResult {
  eventsPerSecond: Summary;
  seconds: Summary;
  cpuSeconds: Summary;
  ratioVsLimit: number;
  rounds: VerifySample[];
}

async function benchVerify(cluster: BenchCluster, options: AuditOptions) {
  const url = cluster.urlFor('audit_log');
  await migrateEventStore(url);
  const signer = generateSealSigner();
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  const seedStart = process.hrtime.bigint();
  let shown = 0;
  const { seals } = await seedSealedLog(pool, options.events, signer, (written) => {
    if (written - shown >= 100_000 || written === options.events) {
      shown = written;
      console.log(`seeding the log: ${written.toLocaleString('en-US')} events`);
    }
  });
  await pool.end();
  const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
  console.log(`seeded and sealed in ${seedSeconds.toFixed(0)} s: ${seals} seals`);
  await cluster.checkpoint();

  const trustedKeyPem = exportSealSigner(signer).publicKeyPem;
  const rounds: Record<VerifySystem, VerifySample[]> = {
    limit: [],
    'one-lane': [],
    lanes: [],
    'lanes-1': [],
  };
  for (let r = 0; r <= options.rounds; r++) {
    for (const { system, label } of SYSTEMS) {
      const role: AuditRole = { kind: 'verify', system, url, trustedKeyPem, lanes: options.lanes };
      await withWorker(`audit-${system}`, role, async (worker) => {
        const sample = await worker.call<VerifySample>('run');
        if (sample.events !== options.events)
          throw new Error(`${label} checked ${sample.events} of ${options.events} events`);
        const rate = sample.events / sample.seconds;
        console.log(
          `${r === 0 ? 'warm-up' : `round ${r}`}  ${label}: ${sample.seconds.toFixed(2)} s, ` +
            `${formatNumber(rate)} events/s, client CPU ${sample.cpuSeconds.toFixed(1)} s`,
        );
        if (r > 0) rounds[system].push(sample);
      });
    }
  }
  const summary = (samples: VerifySample[]) => {
    const rate = summarize(samples.map((s) => s.events / s.seconds));
    return {
      eventsPerSecond: roundSummary(rate),
      seconds: roundSummary(summarize(samples.map((s) => s.seconds))),
      cpuSeconds: roundSummary(summarize(samples.map((s) => s.cpuSeconds))),
    };
  };
  const limit = summarize(rounds.limit.map((s) => s.events / s.seconds)).median;
  const systems = Object.fromEntries(
    SYSTEMS.map(({ system }) => {
      const s = summary(rounds[system]);
      const result: SystemResult = {
        ...s,
        ratioVsLimit: round(s.eventsPerSecond.median / limit, 3),
        rounds: rounds[system].map((x) => ({
          events: x.events,
          seconds: round(x.seconds),
          cpuSeconds: round(x.cpuSeconds),
        })),
      };
      return [system, result];
    }),
  ) as Record<VerifySystem, SystemResult>;
  return {
    unit: 'events/s',
    events: options.events,
    seals,
    lanes: options.lanes,
    seedSeconds: round(seedSeconds, 3),
    systems,
    ratioLanesVsLimit: systems.lanes.ratioVsLimit,
  };
}

async function benchAsOf(cluster: BenchCluster, options: AuditOptions) {
  const url = cluster.urlFor('audit_mobility');
  await migrateEventStore(url);
  const masterKey = randomBytes(32);
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, masterKey),
  });
  const { first, last } = await seedMobilityStream(store, options.streamEvents);
  await store.dispose();
  await pool.end();
  console.log(
    `seeded a ${options.streamEvents.toLocaleString('en-US')}-event mobility stream (${first.toISOString()} – ${last.toISOString()})`,
  );
  await cluster.admin('audit_mobility', 'VACUUM (ANALYZE)');
  const role: AuditRole = { kind: 'as-of', url, masterKeyHex: masterKey.toString('hex') };
  const samples = await withWorker('audit-as-of', role, (worker) =>
    worker.call<AsOfSamples>('as-of', {
      samples: options.samples,
      warmup: AS_OF_WARMUP,
      budgetSeconds: options.asOfBudgetSeconds,
      from: first.toISOString(),
      to: last.toISOString(),
    } satisfies AsOfParams),
  );
  const query = percentiles(samples.queryMs);
  return {
    unit: 'ms',
    streamEvents: options.streamEvents,
    samples: samples.queryMs.length,
    requestedSamples: options.samples,
    budgetSeconds: options.asOfBudgetSeconds,
    how: 'in process: GetViewHandler (the query behind GET /mobilities/{id}?asOf=) over PostgresEventStore with subject keys, no HTTP; folds kept per stream (StreamFoldCache), beside the same query folding the whole stream and the bare read of the events up to the instant',
    ...query,
    firstQueryMs: round(samples.coldMs, 3),
    wholeFold: percentiles(samples.uncachedMs),
    eventsFolded: percentiles(samples.events),
    readStreamAlone: percentiles(samples.readMs),
  };
}

/** Nearest-rank percentiles. */
function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    round(
      sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))],
      3,
    );
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

function roundSummary(s: Summary): Summary {
  return { median: round(s.median), min: round(s.min), max: round(s.max) };
}
