import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../infra/postgres/embedded-postgres';
import { freePort } from '../../infra/net';
import { ChildWorker } from '../lib/child';
import { describeMachine, type MachineInfo } from '../lib/machine';
import { round, summarize, type Summary } from '../lib/stats';
import { formatNumber, formatTable } from '../lib/table';
import type { Sample } from './appends';
import type { SeedResult, WorkerRole } from './worker';
import { DATA_BYTES, HOT_SHARE, HOT_STREAMS, STREAM_COUNT } from './workload';

/**
 * The event-store benchmark: our PostgreSQL adapter side by side with the "limit" (plain SQL
 * through the same driver) and the "peer" (Emmett's PostgreSQL event store), interleaved round
 * by round on one embedded PostgreSQL cluster. See bench/README.md.
 */

export const SCENARIOS = [
  'append-single',
  'append-batch100',
  'hashing-overhead',
  'read-all',
  'verify',
  'verify-database-hashing',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
type Contender = 'ours' | 'limit' | 'peer';
type Unit = 'events/s' | 'seconds';

export interface ScenarioResult {
  unit: Unit;
  ours: Summary;
  limit?: Summary;
  peer?: Summary;
  ratioVsLimit?: number;
  ratioVsPeer?: number;
}

export interface EventStoreResults {
  machine: MachineInfo;
  scenarios: Partial<Record<ScenarioName, ScenarioResult>>;
}

interface Options {
  quick: boolean;
  rounds: number;
  /** Timed work per append round, per system. */
  seconds: number;
  warmupSeconds: number;
  /** Size of the seeded log for read-all and verify. */
  logEvents: number;
  pageSize: number;
  only: ScenarioName[];
  keepData: boolean;
  /** Seal the seeded log before verify (as a running sealer would have). */
  seals: boolean;
}

const RESULTS_DIR = join(__dirname, '..', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'event-store.json');
const ROUNDS_FILE = join(RESULTS_DIR, 'event-store.rounds.json');
const WORKER = join(__dirname, 'worker.ts');
const POOL_SIZE = 40;
/** An unmeasured burst before each measured append round: pg pools close connections idle for
 * 10 s (while the other systems run), and re-opening 32 (SCRAM-authenticated) connections would
 * otherwise be timed. */
const REFRESH_SECONDS = 0.3;
const SINGLE_WRITERS = 32;
const SEED_WRITERS = 4;
/** Our verifier's default page size; the hash-scan limit reads pages of the same size. */
const VERIFY_PAGE_SIZE = 5_000;
const PG_SETTINGS = {
  synchronous_commit: 'on',
  fsync: 'on',
  max_connections: '200',
  shared_buffers: '512MB',
};

export const USAGE = `npm run bench -- event-store [options]

  --quick            small smoke run: 20,000 events for read-all/verify, 2 s append rounds, 3 rounds
  --rounds N         measured rounds per system (default 5; at least 3)
  --seconds S        timed work per append round and system (default 8)
  --events N         events in the log for read-all and verify (default 1,000,000)
  --page-size N      events per readAll page, ours and limit alike (default 1000)
  --only a,b         only these scenarios (${SCENARIOS.join(', ')}); merged into the JSON
  --no-seals         do not seal the seeded log: verify then checks hashes and chains only
  --keep-data        keep the PostgreSQL data directory (its path is printed)`;

export function parseOptions(args: string[]): Options {
  const quick = args.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const num = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: not a positive number: ${v}`);
    return n;
  };
  const flags = ['--quick', '--keep-data', '--no-seals'];
  const known = new Set([...flags, '--rounds', '--seconds', '--events', '--page-size', '--only']);
  for (let i = 0; i < args.length; i++) {
    if (!known.has(args[i])) throw new Error(`unknown option ${args[i]}\n\n${USAGE}`);
    if (!flags.includes(args[i])) i++;
  }
  const onlyArg = value('--only');
  const only = onlyArg ? onlyArg.split(',').map((s) => s.trim()) : [...SCENARIOS];
  for (const name of only) {
    if (!SCENARIOS.includes(name as ScenarioName)) {
      throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);
    }
  }
  const rounds = num('--rounds', quick ? 3 : 5);
  if (rounds < 3 || !Number.isInteger(rounds)) throw new Error('--rounds: at least 3');
  return {
    quick,
    rounds,
    seconds: num('--seconds', quick ? 2 : 8),
    warmupSeconds: quick ? 0.5 : 2,
    logEvents: num('--events', quick ? 20_000 : 1_000_000),
    pageSize: num('--page-size', 1000),
    only: only as ScenarioName[],
    keepData: args.includes('--keep-data'),
    seals: !args.includes('--no-seals'),
  };
}

/** One worker per contender and scenario. */
interface Entry {
  contender: Contender;
  label: string;
  role: WorkerRole;
}

interface RoundRecord {
  round: number;
  contender: Contender;
  label: string;
  value: number;
  sample: Sample;
}

interface ScenarioRecord {
  unit: Unit;
  contenders: Record<string, string>;
  rounds: RoundRecord[];
  notes: string[];
}

class Bench {
  private pg?: EmbeddedPostgresHandle;
  private dataRoot?: string;
  private readonly workers = new Set<ChildWorker>();
  private readonly records: Partial<Record<ScenarioName, ScenarioRecord>> = {};
  private readonly notes: string[] = [];
  private logSeeded?: { publicKeyPem?: string };
  private seedFailure?: Error;
  private readonly failures: string[] = [];

  constructor(private readonly options: Options) {}

  async run(): Promise<void> {
    const o = this.options;
    const started = new Date();
    log(
      `event-store benchmark${o.quick ? ' (quick)' : ''}: ${o.rounds} rounds, ${o.seconds} s per ` +
        `append round, ${o.logEvents.toLocaleString('en-US')} events for read-all/verify, ` +
        `readAll pages of ${o.pageSize}`,
    );
    log(
      `workload: ${DATA_BYTES} B JSON events, ${STREAM_COUNT.toLocaleString('en-US')} streams, ` +
        `${HOT_STREAMS} hot ones taking ${HOT_SHARE * 100}% of appends, fixed seed`,
    );
    const adapterAtStart = adapterFingerprint();
    let machine: MachineInfo;
    const results: EventStoreResults['scenarios'] = {};
    try {
      await this.startPostgres();
      machine = await describeMachine(this.pg!.adminUrl, [
        'server_version',
        ...Object.keys(PG_SETTINGS),
      ]);
      log(
        `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}`,
      );
      log(`postgres: ${machine.postgres}`);
      for (const name of SCENARIOS) {
        if (!o.only.includes(name)) continue;
        try {
          results[name] = await this.scenario(name);
        } catch (err) {
          // One broken scenario should not cost the others' results.
          const message = err instanceof Error ? err.message : String(err);
          this.failures.push(`${name}: ${message}`);
          log(`  FAILED: ${message}`);
        }
      }
    } finally {
      await this.shutdown();
    }
    const adapterAtEnd = adapterFingerprint();
    if (adapterAtEnd !== adapterAtStart) {
      this.notes.push(
        `the adapter's sources (libs/event-store) changed during the run (${adapterAtStart} -> ${adapterAtEnd}): ` +
          'scenarios may have measured different versions',
      );
    }
    const previous = o.only.length < SCENARIOS.length ? readPrevious() : undefined;
    const output: EventStoreResults = {
      machine,
      scenarios: orderScenarios({ ...(previous?.scenarios ?? {}), ...results }),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(output, null, 2)}\n`);
    const targets = evaluateTargets(output.scenarios, o.logEvents);
    writeFileSync(
      ROUNDS_FILE,
      `${JSON.stringify(
        {
          startedAt: started.toISOString(),
          finishedAt: new Date().toISOString(),
          options: o,
          adapterSources: adapterAtEnd,
          workload: {
            eventDataBytes: DATA_BYTES,
            streams: STREAM_COUNT,
            hotStreams: HOT_STREAMS,
            hotShare: HOT_SHARE,
            appendSingleWriters: SINGLE_WRITERS,
            poolSize: POOL_SIZE,
          },
          scenarios: this.records,
          targets,
          notes: this.notes,
          failures: this.failures,
        },
        (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
        2,
      )}\n`,
    );
    console.log('');
    console.log(renderTable(output.scenarios));
    console.log('');
    console.log(renderTargets(targets, o.quick));
    for (const note of this.notes) console.log(`note: ${note}`);
    for (const failure of this.failures) console.log(`FAILED ${failure.split('\n')[0]}`);
    console.log('');
    log(`wrote ${RESULTS_FILE} (per-round samples: ${ROUNDS_FILE})`);
    if (this.failures.length > 0) process.exitCode = 1;
  }

  // ------------------------------------------------------------------ scenarios

  private async scenario(name: ScenarioName): Promise<ScenarioResult> {
    const o = this.options;
    const db = (suffix: string) => this.pg!.urlFor(`es_${suffix}`);
    log('');
    log(`== ${name}`);
    switch (name) {
      case 'append-single':
      case 'append-batch100': {
        const single = name === 'append-single';
        const tag = single ? 'single' : 'batch';
        await this.createDatabases([`es_${tag}_ours`, `es_${tag}_limit`, `es_${tag}_peer`]);
        const role = (system: 'ours' | 'limit' | 'peer'): WorkerRole => ({
          kind: 'append',
          system,
          url: db(`${tag}_${system}`),
          seed: name,
          writers: single ? SINGLE_WRITERS : 1,
          batchSize: single ? 1 : 100,
          poolSize: POOL_SIZE,
        });
        return this.interleave(
          name,
          'events/s',
          [
            { contender: 'ours', label: 'ours', role: role('ours') },
            { contender: 'limit', label: 'limit: plain INSERT (pg)', role: role('limit') },
            { contender: 'peer', label: 'peer: Emmett PostgreSQL', role: role('peer') },
          ],
          { seconds: o.seconds },
          { seconds: o.warmupSeconds },
          { seconds: REFRESH_SECONDS },
        );
      }
      case 'hashing-overhead': {
        await this.createDatabases(['es_hash_on', 'es_hash_off']);
        const role = (on: boolean): WorkerRole => ({
          kind: 'append',
          system: on ? 'ours' : 'ours-no-tamper-evidence',
          url: db(on ? 'hash_on' : 'hash_off'),
          seed: name,
          writers: SINGLE_WRITERS,
          batchSize: 1,
          poolSize: POOL_SIZE,
        });
        return this.interleave(
          name,
          'events/s',
          [
            { contender: 'ours', label: 'ours, tamper evidence on', role: role(true) },
            { contender: 'limit', label: 'ours, tamper evidence off', role: role(false) },
          ],
          { seconds: o.seconds },
          { seconds: o.warmupSeconds },
          { seconds: REFRESH_SECONDS },
        );
      }
      case 'read-all': {
        const seeded = await this.seedLog();
        return this.interleave(
          name,
          'events/s',
          [
            {
              contender: 'ours',
              label: `ours: readAll, maxCount ${o.pageSize}`,
              role: {
                kind: 'read',
                system: 'ours',
                url: db('log_ours'),
                pageSize: o.pageSize,
                events: seeded,
              },
            },
            {
              contender: 'limit',
              label: `limit: keyset pages of ${o.pageSize} (pg)`,
              role: {
                kind: 'read',
                system: 'limit',
                url: db('log_limit'),
                pageSize: o.pageSize,
                events: seeded,
              },
            },
          ],
          null,
          null,
          null,
        );
      }
      case 'verify':
      case 'verify-database-hashing': {
        const seeded = await this.seedLog();
        const hashing = name === 'verify' ? 'node' : 'database';
        return this.interleave(
          name,
          'seconds',
          [
            {
              contender: 'ours',
              label:
                `ours: verify({ hashing: '${hashing}' })` +
                (o.seals ? ', seals and signatures too' : ', no seals'),
              role: {
                kind: 'verify',
                system: 'ours',
                url: db('log_ours'),
                events: seeded,
                pageSize: VERIFY_PAGE_SIZE,
                trustedKeyPem: this.logSeeded?.publicKeyPem,
                hashing,
              },
            },
            {
              contender: 'limit',
              label: 'limit: read + SHA-256 every event (pg)',
              role: {
                kind: 'verify',
                system: 'limit',
                url: db('log_ours'),
                events: seeded,
                pageSize: VERIFY_PAGE_SIZE,
              },
            },
          ],
          null,
          null,
          null,
        );
      }
    }
  }

  /**
   * Starts one worker per contender, warms each up once (unmeasured), then runs the measured
   * rounds interleaved: ours, limit, peer, ours, limit, peer, ...
   */
  private async interleave(
    name: ScenarioName,
    unit: Unit,
    entries: Entry[],
    params: unknown,
    warmup: unknown,
    refresh: unknown,
  ): Promise<ScenarioResult> {
    const o = this.options;
    const record: ScenarioRecord = {
      unit,
      contenders: Object.fromEntries(entries.map((e) => [e.contender, e.label])),
      rounds: [],
      notes: [],
    };
    this.records[name] = record;
    await this.checkpoint();
    const workers: ChildWorker[] = [];
    try {
      for (const entry of entries) {
        workers.push(await this.startWorker(`${name}/${entry.contender}`, entry.role));
      }
      for (let i = 0; i < entries.length; i++) {
        const sample = await workers[i].call<Sample>('run', warmup);
        log(`  warm-up   ${pad(entries[i].label)} ${describe(sample, unit)}`);
      }
      for (let r = 1; r <= o.rounds; r++) {
        for (let i = 0; i < entries.length; i++) {
          if (refresh !== null) await workers[i].call<Sample>('run', refresh);
          const sample = await workers[i].call<Sample>('run', params);
          const value = unit === 'seconds' ? sample.seconds : sample.events / sample.seconds;
          record.rounds.push({
            round: r,
            contender: entries[i].contender,
            label: entries[i].label,
            value,
            sample,
          });
          log(`  round ${r}/${o.rounds} ${pad(entries[i].label)} ${describe(sample, unit)}`);
        }
      }
    } finally {
      await Promise.all(workers.map((w) => this.stopWorker(w)));
    }
    const summaryOf = (c: Contender) => {
      const values = record.rounds.filter((r) => r.contender === c).map((r) => r.value);
      return values.length ? roundSummary(summarize(values), unit) : undefined;
    };
    const ours = summaryOf('ours')!;
    const limit = summaryOf('limit');
    const peer = summaryOf('peer');
    // Ratios are throughput ratios (> 1: ours is faster); for seconds that is other / ours.
    const ratio = (other: Summary) =>
      round(unit === 'seconds' ? other.median / ours.median : ours.median / other.median, 3);
    const retries = record.rounds.filter((r) => r.sample.retries > 0);
    for (const c of ['ours', 'limit', 'peer'] as const) {
      const total = retries
        .filter((r) => r.contender === c)
        .reduce((n, r) => n + r.sample.retries, 0);
      if (total > 0) {
        const events = record.rounds
          .filter((r) => r.contender === c)
          .reduce((n, r) => n + r.sample.events, 0);
        const note = `${name}: ${record.contenders[c]} retried ${total} appends after losing a race on a hot stream (${((100 * total) / events).toFixed(2)}% of ${events} appended events)`;
        record.notes.push(note);
        this.notes.push(note);
      }
    }
    for (const entry of entries) {
      const totals = new Map<string, number>();
      for (const r of record.rounds.filter((x) => x.contender === entry.contender)) {
        for (const [k, v] of Object.entries(r.sample.counts ?? {}))
          totals.set(k, (totals.get(k) ?? 0) + v);
      }
      for (const [k, v] of totals) {
        if (v === 0) continue;
        const note = `${name}: ${entry.label}: ${k}: ${v} times in the measured rounds (the harness retried)`;
        record.notes.push(note);
        this.notes.push(note);
      }
    }
    return {
      unit,
      ours,
      ...(limit ? { limit } : {}),
      ...(peer ? { peer } : {}),
      ...(limit ? { ratioVsLimit: ratio(limit) } : {}),
      ...(peer ? { ratioVsPeer: ratio(peer) } : {}),
    };
  }

  /** Seeds the log for read-all and verify once: ours through `append` (hashing on, batches of
   * 100, a few writers) and then sealed; the limit's table with the same events by multi-row
   * INSERT. Not measured. Returns the number of events. */
  private async seedLog(): Promise<number> {
    const o = this.options;
    if (this.logSeeded) return o.logEvents;
    if (this.seedFailure) throw this.seedFailure;
    try {
      return await this.seedLogOnce();
    } catch (err) {
      this.seedFailure = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
  }

  private async seedLogOnce(): Promise<number> {
    const o = this.options;
    await this.createDatabases(['es_log_ours', 'es_log_limit']);
    for (const system of ['ours', 'limit'] as const) {
      const worker = await this.startWorker(`seed/${system}`, {
        kind: 'seed',
        system,
        url: this.pg!.urlFor(`es_log_${system}`),
        seed: 'log',
        events: o.logEvents,
        seal: o.seals,
        writers: SEED_WRITERS,
        poolSize: SEED_WRITERS + 2,
      });
      try {
        log(`  seeding ${system}: ${o.logEvents.toLocaleString('en-US')} events ...`);
        const started = process.hrtime.bigint();
        const result = await worker.call<SeedResult>('run', null);
        const total = Number(process.hrtime.bigint() - started) / 1e9;
        log(
          `  seeded ${system}: ${result.events.toLocaleString('en-US')} events in ${result.seconds.toFixed(1)} s ` +
            `(${formatNumber(result.events / result.seconds)} events/s, ${result.retries} retries)` +
            (result.seals !== undefined
              ? `; sealed in ${result.seals} seals, ${(total - result.seconds).toFixed(1)} s`
              : ''),
        );
        if (result.events !== o.logEvents)
          throw new Error(`seeding ${system} appended ${result.events} events`);
        if (system === 'ours') this.logSeeded = { publicKeyPem: result.publicKeyPem };
      } finally {
        await this.stopWorker(worker);
      }
    }
    // Freshly inserted rows get their hint bits set (a write) by whoever reads them first, and
    // autovacuum would otherwise start in the middle of a round: settle both tables first.
    for (const database of ['es_log_ours', 'es_log_limit']) {
      const started = process.hrtime.bigint();
      await this.admin(database, 'VACUUM (ANALYZE)');
      log(
        `  vacuumed ${database} in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
      );
    }
    return o.logEvents;
  }

  // ------------------------------------------------------------------ infrastructure

  private async startPostgres(): Promise<void> {
    this.dataRoot = mkdtempSync(join(tmpdir(), 'ecvet-bench-'));
    // The postgres OS user (we may run as root) must be able to reach the data directory.
    chmodSync(this.dataRoot, 0o755);
    const port = await freePort();
    const started = process.hrtime.bigint();
    this.pg = await startEmbeddedPostgres({
      dataDir: join(this.dataRoot, 'pgdata'),
      port,
      settings: PG_SETTINGS,
    });
    log(
      `postgres: started on port ${port} in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s (data in ${this.dataRoot})`,
    );
  }

  private async shutdown(): Promise<void> {
    for (const worker of this.workers) worker.kill();
    this.workers.clear();
    if (this.pg) {
      await this.pg.stop().catch((err: unknown) => log(`postgres: stop failed: ${String(err)}`));
      this.pg = undefined;
    }
    if (this.dataRoot) {
      if (this.options.keepData) log(`kept the data directory ${this.dataRoot}`);
      else rmSync(this.dataRoot, { recursive: true, force: true });
      this.dataRoot = undefined;
    }
  }

  /** Called on SIGINT/SIGTERM: kill the workers, stop PostgreSQL. */
  async abort(): Promise<void> {
    await this.shutdown();
  }

  private async startWorker(label: string, role: WorkerRole): Promise<ChildWorker> {
    const worker = await ChildWorker.start(label, WORKER, role);
    this.workers.add(worker);
    return worker;
  }

  private async stopWorker(worker: ChildWorker): Promise<void> {
    await worker.stop();
    this.workers.delete(worker);
  }

  private async createDatabases(names: string[]): Promise<void> {
    const client = new Client({ connectionString: this.pg!.adminUrl });
    await client.connect();
    try {
      for (const name of names) {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          name,
        ]);
        if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Flush dirty pages before a scenario so an earlier scenario's checkpoint does not land in it. */
  private async checkpoint(): Promise<void> {
    await this.admin('postgres', 'CHECKPOINT');
  }

  private async admin(database: string, sql: string): Promise<void> {
    const client = new Client({ connectionString: this.pg!.urlFor(database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

// -------------------------------------------------------------------- output

function roundSummary(s: Summary, unit: Unit): Summary {
  const digits = unit === 'seconds' ? 4 : 5;
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) };
}

function orderScenarios(scenarios: EventStoreResults['scenarios']): EventStoreResults['scenarios'] {
  const ordered: EventStoreResults['scenarios'] = {};
  for (const name of SCENARIOS) if (scenarios[name]) ordered[name] = scenarios[name];
  return ordered;
}

/** SHA-256 (first 12 hex digits) over the adapter's sources and migrations, to tell versions apart. */
function adapterFingerprint(): string {
  const root = join(__dirname, '..', '..', 'libs', 'event-store');
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|sql)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
        hash.update(path).update(readFileSync(path));
      }
    }
  };
  for (const dir of ['src', 'migrations']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return hash.digest('hex').slice(0, 12);
}

function readPrevious(): EventStoreResults | undefined {
  if (!existsSync(RESULTS_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as EventStoreResults;
  } catch {
    return undefined;
  }
}

function renderTable(scenarios: EventStoreResults['scenarios']): string {
  const cell = (s: Summary | undefined) =>
    s ? `${formatNumber(s.median)} [${formatNumber(s.min)}–${formatNumber(s.max)}]` : '—';
  const ratio = (r: number | undefined) => (r === undefined ? '—' : `${r.toFixed(2)}×`);
  const rows = SCENARIOS.filter((n) => scenarios[n]).map((name) => {
    const s = scenarios[name]!;
    return [
      name,
      s.unit,
      cell(s.ours),
      cell(s.limit),
      cell(s.peer),
      ratio(s.ratioVsLimit),
      ratio(s.ratioVsPeer),
    ];
  });
  return formatTable(
    ['scenario', 'unit', 'ours median [min–max]', 'limit', 'peer (Emmett)', 'vs limit', 'vs peer'],
    rows,
  );
}

export interface TargetCheck {
  scenario: ScenarioName;
  target: string;
  actual: string;
  pass: boolean;
}

function evaluateTargets(
  scenarios: EventStoreResults['scenarios'],
  logEvents: number,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (
    scenario: ScenarioName,
    target: string,
    actual: number | undefined,
    pass: (v: number) => boolean,
    fmt: (v: number) => string,
  ) => {
    if (actual === undefined) return;
    checks.push({ scenario, target, actual: fmt(actual), pass: pass(actual) });
  };
  const rate = (v: number) => `${formatNumber(v)} events/s`;
  const times = (v: number) => `${v.toFixed(2)}×`;
  const s = scenarios;
  add('append-single', '≥ 3,000 events/s', s['append-single']?.ours.median, (v) => v >= 3000, rate);
  add('append-single', '≥ 0.6× limit', s['append-single']?.ratioVsLimit, (v) => v >= 0.6, times);
  add('append-single', 'ahead of peer', s['append-single']?.ratioVsPeer, (v) => v > 1, times);
  add(
    'append-batch100',
    '≥ 30,000 events/s',
    s['append-batch100']?.ours.median,
    (v) => v >= 30000,
    rate,
  );
  add('append-batch100', 'ahead of peer', s['append-batch100']?.ratioVsPeer, (v) => v > 1, times);
  add('read-all', '≥ 100,000 events/s', s['read-all']?.ours.median, (v) => v >= 100000, rate);
  add('read-all', '≥ 0.5× limit', s['read-all']?.ratioVsLimit, (v) => v >= 0.5, times);
  add(
    'hashing-overhead',
    'on/off ≥ 0.9',
    s['hashing-overhead']?.ratioVsLimit,
    (v) => v >= 0.9,
    times,
  );
  // verify's target is for 1,000,000 events: a smaller log's time is scaled linearly.
  const scale = 1_000_000 / logEvents;
  add(
    'verify',
    '≤ 10 s for 1,000,000 events',
    s.verify ? s.verify.ours.median * scale : undefined,
    (v) => v <= 10,
    (v) =>
      scale === 1
        ? `${v.toFixed(2)} s`
        : `${v.toFixed(2)} s (scaled from ${logEvents.toLocaleString('en-US')} events)`,
  );
  add(
    'verify-database-hashing',
    '≤ 10 s for 1,000,000 events',
    s['verify-database-hashing'] ? s['verify-database-hashing'].ours.median * scale : undefined,
    (v) => v <= 10,
    (v) => `${v.toFixed(2)} s`,
  );
  return checks;
}

function renderTargets(checks: TargetCheck[], quick: boolean): string {
  const header = quick
    ? 'targets (a --quick run is a smoke test: absolute numbers are not comparable with the targets)'
    : 'targets';
  return `${header}\n${formatTable(
    ['', 'scenario', 'target', 'ours'],
    checks.map((c) => [c.pass ? 'PASS' : 'MISS', c.scenario, c.target, c.actual]),
  )}`;
}

function describe(sample: Sample, unit: Unit): string {
  const rate = `${formatNumber(sample.events / sample.seconds)} events/s`;
  let text =
    unit === 'seconds'
      ? `${sample.seconds.toFixed(2)} s for ${sample.events.toLocaleString('en-US')} events (${rate})`
      : `${rate} (${sample.events.toLocaleString('en-US')} events in ${sample.seconds.toFixed(2)} s)`;
  if (sample.cpuSeconds !== undefined) {
    text += `, client CPU ${(sample.cpuSeconds / sample.seconds).toFixed(2)} cores`;
  }
  return sample.retries ? `${text}, ${sample.retries} retries` : text;
}

function pad(label: string): string {
  return label.padEnd(42);
}

function log(message: string): void {
  console.log(message);
}

export async function runEventStoreBench(args: string[]): Promise<void> {
  const bench = new Bench(parseOptions(args));
  let aborting = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (aborting) return;
    aborting = true;
    log(`\n${signal}: stopping the workers and PostgreSQL ...`);
    void bench.abort().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await bench.run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
