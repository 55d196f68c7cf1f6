import { sleep } from '../../infra/net';
import { percentiles, type Percentiles } from '../dashboard';
import { round } from '../lib/stats';
import type { Http } from './http';
import { MobilityScript, type StepName } from './mobility-script';

export interface LoadResult {
  commands: number;
  seconds: number;
  perSecond: number;
  latencyMs: Percentiles;
  byStep: Partial<Record<StepName, Percentiles>>;
  /** The mobilities the load touched (for the bridge's histories). */
  mobilities: string[];
  /** Commands sent in all, unmeasured warm-up included. */
  sent: number;
}

/** Percentiles of `ms`, or NaN (null in the JSON) for none. */
export function pct(ms: number[]): Percentiles {
  if (ms.length) return percentiles(ms);
  return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, samples: 0 };
}

/** Names the mobilities of one load: `<prefix>-<n>`. */
export class MobilityIds {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    return `${this.prefix}-${String(++this.n).padStart(5, '0')}`;
  }
}

class Recorder {
  readonly ms: number[] = [];
  readonly steps = new Map<StepName, number[]>();
  readonly mobilities = new Set<string>();
  record(mobilityId: string, step: StepName, ms: number): void {
    this.ms.push(ms);
    const list = this.steps.get(step) ?? [];
    list.push(ms);
    this.steps.set(step, list);
    this.mobilities.add(mobilityId);
  }
  sent = 0;
  result(seconds: number): LoadResult {
    return {
      sent: this.sent,
      commands: this.ms.length,
      seconds: round(seconds, 4),
      perSecond: round(this.ms.length / seconds, 4),
      latencyMs: pct(this.ms),
      byStep: Object.fromEntries([...this.steps].map(([s, ms]) => [s, percentiles(ms)])),
      mobilities: [...this.mobilities],
    };
  }
}

/**
 * `clients` closed-loop clients, each taking its own mobilities through the command mix one
 * command after the other, for `warmup` unmeasured seconds and then `seconds` measured ones
 * (commands in flight at the end complete and count, as in the event-store benchmark).
 */
export async function closedLoop(
  http: Http,
  tokenOf: (email: string) => string,
  ids: MobilityIds,
  options: { clients: number; seconds: number; warmup: number },
): Promise<LoadResult> {
  const recorder = new Recorder();
  const start = performance.now();
  const measureFrom = start + options.warmup * 1000;
  const until = measureFrom + options.seconds * 1000;
  let measuredEnd = until;
  const client = async () => {
    let script = new MobilityScript(ids.next(), tokenOf);
    while (performance.now() < until) {
      if (script.done) script = new MobilityScript(ids.next(), tokenOf);
      const begun = performance.now();
      const outcome = await script.next(http);
      recorder.sent++;
      if (begun >= measureFrom) {
        recorder.record(script.mobilityId, outcome.step, outcome.ms);
        measuredEnd = Math.max(measuredEnd, performance.now());
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return recorder.result((measuredEnd - measureFrom) / 1000);
}

/**
 * An open-loop load of `rate` commands per second for `seconds`: a command is sent on schedule
 * whether or not earlier ones have returned, each to a mobility with no command in flight (a new
 * one when none is free) — as long as fewer than `maxInFlight` are in flight: a system slower
 * than the rate is then loaded at what it sustains (the commands not sent are counted), rather
 * than by a queue that grows without end.
 */
export async function openLoop(
  http: Http,
  tokenOf: (email: string) => string,
  ids: MobilityIds,
  options: { rate: number; seconds: number; maxInFlight: number },
): Promise<LoadResult & { behindMs: number; notSent: number }> {
  const recorder = new Recorder();
  const ready: MobilityScript[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const until = start + options.seconds * 1000;
  let sent = 0;
  let notSent = 0;
  let behindMs = 0;
  let failure: unknown;
  while (performance.now() < until && failure === undefined) {
    const due = Math.floor(((performance.now() - start) / 1000) * options.rate);
    if (sent < due)
      behindMs = Math.max(behindMs, performance.now() - start - (sent * 1000) / options.rate);
    while (sent < due) {
      sent++;
      if (inFlight.size >= options.maxInFlight) {
        notSent++;
        continue;
      }
      let script = ready.pop();
      if (!script || script.done) script = new MobilityScript(ids.next(), tokenOf);
      const s = script;
      const p = s
        .next(http)
        .then(
          (outcome) => {
            recorder.sent++;
            recorder.record(s.mobilityId, outcome.step, outcome.ms);
            if (!s.done) ready.push(s);
          },
          (err: unknown) => {
            failure = err;
          },
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  if (failure instanceof Error) throw failure;
  if (failure !== undefined) throw new Error(JSON.stringify(failure));
  return {
    ...recorder.result((performance.now() - start) / 1000),
    behindMs: round(behindMs, 3),
    notSent,
  };
}
