import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from '../lib/machine';
import { round, summarize, type Summary } from '../lib/stats';
import { formatNumber, formatTable } from '../lib/table';
import type { Sample } from './appends';
import { SCENARIOS, type Contender, type Options, type ScenarioName, type Unit } from './options';
import type { EventStoreResults, ScenarioResult } from './result-types';
import { evaluateTargets, renderTargets } from './targets';
import type { WorkerRole } from './worker';

export type { EventStoreResults, ScenarioResult } from './result-types';

/** Where the benchmark writes its results (shapes in result-types.ts), and how it shows them. */
const RESULTS_DIR = join(__dirname, '..', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'event-store.json');
const ROUNDS_FILE = join(RESULTS_DIR, 'event-store.rounds.json');
/** One worker per contender and scenario. */
export interface Entry {
  contender: Contender;
  label: string;
  role: WorkerRole;
}

export interface RoundRecord {
  round: number;
  contender: Contender;
  label: string;
  value: number;
  sample: Sample;
}

export interface ScenarioRecord {
  unit: Unit;
  contenders: Record<string, string>;
  rounds: RoundRecord[];
  notes: string[];
}

/** A scenario's measured rounds as its result (median, min and max per system, the ratios), and
 * the notes it calls for (retries after lost races, harness retries); the notes are added to the
 * record too. */
export function summarizeScenario(
  name: ScenarioName,
  unit: Unit,
  record: ScenarioRecord,
  entries: Entry[],
): { result: ScenarioResult; notes: string[] } {
  const notes: string[] = [];
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
      notes.push(note);
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
      notes.push(note);
    }
  }
  const result: ScenarioResult = {
    unit,
    ours,
    ...(limit ? { limit } : {}),
    ...(peer ? { peer } : {}),
    ...(limit ? { ratioVsLimit: ratio(limit) } : {}),
    ...(peer ? { ratioVsPeer: ratio(peer) } : {}),
  };
  return { result, notes };
}

/** A finished run, as `writeResults` records it. */
export interface RunRecord {
  options: Options;
  machine: MachineInfo;
  /** The scenarios of this run: merged into the previous results when only some ran. */
  scenarios: EventStoreResults['scenarios'];
  started: Date;
  adapterSources: string;
  workload: Record<string, number>;
  records: Partial<Record<ScenarioName, ScenarioRecord>>;
  notes: string[];
  failures: string[];
}

/** Writes the results and the per-round samples, and prints the table, the targets, the notes
 * and the failures. */
export function writeResults(run: RunRecord): void {
  const o = run.options;
  const previous = o.only.length < SCENARIOS.length ? readPrevious() : undefined;
  const output: EventStoreResults = {
    machine: run.machine,
    scenarios: orderScenarios({ ...(previous?.scenarios ?? {}), ...run.scenarios }),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(output, null, 2)}\n`);
  const targets = evaluateTargets(output.scenarios, o.logEvents);
  writeFileSync(
    ROUNDS_FILE,
    `${JSON.stringify(
      {
        startedAt: run.started.toISOString(),
        finishedAt: new Date().toISOString(),
        options: o,
        adapterSources: run.adapterSources,
        workload: run.workload,
        scenarios: run.records,
        targets,
        notes: run.notes,
        failures: run.failures,
      },
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
      2,
    )}\n`,
  );
  console.log('');
  console.log(renderTable(output.scenarios));
  console.log('');
  console.log(renderTargets(targets, o.quick));
  for (const note of run.notes) console.log(`note: ${note}`);
  for (const failure of run.failures) console.log(`FAILED ${failure.split('\n')[0]}`);
  console.log('');
  log(`wrote ${RESULTS_FILE} (per-round samples: ${ROUNDS_FILE})`);
}

export function roundSummary(s: Summary, unit: Unit): Summary {
  const digits = unit === 'seconds' ? 4 : 5;
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) };
}

function orderScenarios(scenarios: EventStoreResults['scenarios']): EventStoreResults['scenarios'] {
  const ordered: EventStoreResults['scenarios'] = {};
  for (const name of SCENARIOS) if (scenarios[name]) ordered[name] = scenarios[name];
  return ordered;
}

/** SHA-256 (first 12 hex digits) over the adapter's sources and migrations, to tell versions apart. */
export function adapterFingerprint(): string {
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

export function describe(sample: Sample, unit: Unit): string {
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

export function pad(label: string): string {
  return label.padEnd(42);
}

export function log(message: string): void {
  console.log(message);
}
