import { formatTable } from '../lib/table';
import type { BurstResult, LagResult } from './bridge';
import type { CommandsResult } from './commands';
import type { MemoryResult } from './memory';
import type { ReadScenario } from './reads';
import type { RoundTripResult } from './round-trip';

export interface SystemParts {
  commands?: CommandsResult;
  reads?: ReadScenario[];
  bridge?: { lag?: LagResult[]; burst?: BurstResult };
  roundTrip?: RoundTripResult;
  memory?: MemoryResult;
}

export interface Target {
  figure: string;
  value: number;
  limit?: number;
  ratio?: number;
  goal: string;
  pass?: boolean;
  /** What the run saw when the goal was missed (cores busy, backlog): a first hint at the bound. */
  seen?: string;
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : String(n));

/** Each figure beside its limit and goal. */
export function evaluate(parts: SystemParts): Target[] {
  const targets: Target[] = [];
  const c = parts.commands;
  if (c)
    for (const r of c.rounds) {
      const ratio = Math.round((r.perSecond / c.bare.median) * 1000) / 1000;
      const seen = `cores: API ${r.cpuCores.api}, worker ${r.cpuCores.worker}, the system in all ${r.cpuCores.ours}, other processes ${r.cpuCores.others}; machine ${Math.round(r.cpuCores.machineBusy * 100)}% busy; bridge backlog at the end ${r.bridgeBacklogAtEnd}`;
      targets.push({
        figure: `commands/s, ${r.clients} clients`,
        value: r.perSecond,
        limit: c.bare.median,
        ratio,
        goal: '≥ 0.4× bare append',
        pass: ratio >= 0.4,
        seen,
      });
      targets.push({
        figure: `command p50/p99 ms, ${r.clients} clients`,
        value: r.latencyMs.p99,
        goal:
          r.clients === 16 ? `p99 ≤ 100 ms (p50 ${r.latencyMs.p50})` : `(p50 ${r.latencyMs.p50})`,
        ...(r.clients === 16 && { pass: r.latencyMs.p99 <= 100, seen }),
      });
    }
  for (const r of parts.reads ?? [])
    targets.push({
      figure: `${r.what}, req/s`,
      value: r.api.perSecond,
      limit: r.bare.perSecond,
      ratio: r.ratio,
      goal: '≥ 0.5× bare SELECT',
      pass: r.ratio >= 0.5,
    });
  // (A file written before the lag became a list of rates holds one object: left out.)
  const lags = Array.isArray(parts.bridge?.lag) ? parts.bridge.lag : [];
  for (const [i, lag] of lags.entries())
    targets.push({
      figure: `bridge lag p99 ms at ${lag.achievedRate} commands/s (${lag.targetRate} asked)`,
      value: lag.lagMs.p99,
      goal: i === 0 ? `p99 ≤ 250 ms (p50 ${lag.lagMs.p50})` : `(p50 ${lag.lagMs.p50})`,
      ...(i === 0 && {
        pass: lag.lagMs.p99 <= 250 && lag.achievedRate >= lag.targetRate * 0.95 && !lag.undelivered,
      }),
      seen: `load ${lag.achievedRate} of ${lag.targetRate} commands/s (${lag.notSent} not sent, ${lag.maxInFlight} in flight at most); ${lag.undelivered} of ${lag.events} events not delivered after settling`,
    });
  const burst = parts.bridge?.burst;
  if (burst)
    targets.push({
      figure: `workflow starts/s, ${burst.mobilities} planned at once`,
      value: burst.ours.perSecond,
      limit: burst.bare.perSecond,
      ratio: burst.ratio,
      goal: '≥ 0.7× bare client',
      pass: burst.ratio >= 0.7,
    });
  const rt = parts.roundTrip;
  if (rt)
    targets.push({
      figure: `signature round trip p50/p99 ms, ${rt.signers} signers`,
      value: rt.roundTripMs.p99,
      goal: `p50 ≤ 40 (${fmt(rt.roundTripMs.p50)}), p99 ≤ 150`,
      pass: rt.roundTripMs.p50 <= 40 && rt.roundTripMs.p99 <= 150 && rt.missing.workflow === 0,
      seen: `read model p50/p99 ${rt.readModelMs.p50}/${rt.readModelMs.p99}, workflow ${rt.workflowMs.p50}/${rt.workflowMs.p99}, HTTP ${rt.httpMs.p50}/${rt.httpMs.p99}`,
    });
  const m = parts.memory;
  if (m)
    targets.push({
      figure: `RSS MiB at ${m.mobilities} mobilities (API / worker)`,
      value: m.rssMiB.peakUnderLoad.api,
      limit: m.rssMiB.before.api,
      goal: `worker ${m.rssMiB.peakUnderLoad.worker} (before: ${m.rssMiB.before.worker}); reported`,
    });
  return targets;
}

export function renderTargets(targets: Target[]): string {
  return formatTable(
    ['figure', 'value', 'limit', 'ratio', 'goal', ''],
    targets.map((t) => [
      t.figure,
      fmt(t.value),
      fmt(t.limit),
      fmt(t.ratio),
      t.goal,
      t.pass === undefined ? '' : t.pass ? 'PASS' : 'MISS',
    ]),
  );
}
