import { formatNumber, formatTable } from '../lib/table';
import type { ScenarioName } from './options';
import type { EventStoreResults } from './result-types';

export interface TargetCheck {
  scenario: ScenarioName;
  target: string;
  actual: string;
  pass: boolean;
}

export function evaluateTargets(
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
  add(
    'append-batch100',
    '≥ 0.6× limit',
    s['append-batch100']?.ratioVsLimit,
    (v) => v >= 0.6,
    times,
  );
  add('append-batch100', 'ahead of peer', s['append-batch100']?.ratioVsPeer, (v) => v > 1, times);
  add('read-all', '≥ 100,000 events/s', s['read-all']?.ours.median, (v) => v >= 100000, rate);
  add('read-all', '≥ 0.7× limit', s['read-all']?.ratioVsLimit, (v) => v >= 0.7, times);
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

export function renderTargets(checks: TargetCheck[], quick: boolean): string {
  const header = quick
    ? 'targets (a --quick run is a smoke test: absolute numbers are not comparable with the targets)'
    : 'targets';
  return `${header}\n${formatTable(
    ['', 'scenario', 'target', 'ours'],
    checks.map((c) => [c.pass ? 'PASS' : 'MISS', c.scenario, c.target, c.actual]),
  )}`;
}
