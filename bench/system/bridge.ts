import { join } from 'node:path';
import { tsToMs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import { LEASE_KEYS } from '../../libs/consumers/src/lease-keys';
import { sleep } from '../../infra/net';
import type { Percentiles } from '../dashboard';
import { ChildWorker } from '../lib/child';
import { round, summarize } from '../lib/stats';
import type { BareInit, BareRun } from './bare-workflows';
import { withCpu, type CpuSeen } from './commands';
import type { Http } from './http';
import { MobilityIds, openLoop, pct } from './load';
import { MobilityScript } from './mobility-script';
import type { RunningSystem } from './system';

export interface SignalSeen {
  /** When Temporal recorded the signal (its history event's time), epoch ms. */
  at: number;
  type: string;
  checkpoint: string;
  /** When the event was recorded in the log, epoch ms. */
  recordedAt: number;
  data: Record<string, unknown>;
}

/** The bridged events a workflow's history holds, with when each was signalled. */
export async function signalsOf(system: RunningSystem, workflowId: string): Promise<SignalSeen[]> {
  const history = await system.temporalClient.workflow.getHandle(workflowId).fetchHistory();
  const seen: SignalSeen[] = [];
  for (const event of history.events ?? []) {
    const signal = event.workflowExecutionSignaledEventAttributes;
    const data = signal?.input?.payloads?.[0]?.data;
    if (!signal || !data) continue;
    const payload = JSON.parse(Buffer.from(data).toString('utf8')) as {
      type: string;
      checkpoint: string;
      recordedAt: string;
      data: Record<string, unknown>;
    };
    seen.push({
      at: tsToMs(event.eventTime),
      type: payload.type,
      checkpoint: payload.checkpoint,
      recordedAt: Date.parse(payload.recordedAt),
      data: payload.data,
    });
  }
  return seen;
}

/** `fn` over `items`, `concurrency` at a time. */
export async function forEachLimited<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Commands in flight at most during the lag's load (see `openLoop`). */
const MAX_IN_FLIGHT = 32;

export interface LagResult {
  targetRate: number;
  achievedRate: number;
  /** Commands due by the schedule but not sent, with `MAX_IN_FLIGHT` already in flight. */
  notSent: number;
  maxInFlight: number;
  commands: number;
  commandLatencyMs: Percentiles;
  /** How far the sender fell behind its schedule at worst (the client, not the system). */
  senderBehindMs: number;
  /** Commit (the event's recordedAt) → Temporal's signal event, over every bridged event. */
  lagMs: Percentiles;
  /** Bridged events of the load's mobilities in the log, and those no workflow had received
   * when the system had settled (or given up settling). */
  events: number;
  undelivered: number;
  cpuCores: CpuSeen;
}

/** The bridge's lag under a steady command rate, read back from the workflows' histories. */
export async function runLag(
  system: RunningSystem,
  http: Http,
  options: { rate: number; seconds: number },
): Promise<LagResult> {
  await system.settle();
  const ids = new MobilityIds(`lag-${Date.now().toString(36)}`);
  const { value: load, cpu } = await withCpu(system, () =>
    openLoop(http, (e) => system.token(e), ids, { ...options, maxInFlight: MAX_IN_FLIGHT }),
  );
  await system.settle(900_000);
  const lags: number[] = [];
  await forEachLimited(load.mobilities, 8, async (id) => {
    for (const s of await signalsOf(system, `mobility-${id}`)) lags.push(s.at - s.recordedAt);
  });
  const events = await system.bridgedEventsOf(load.mobilities);
  const result = {
    targetRate: options.rate,
    achievedRate: load.perSecond,
    notSent: load.notSent,
    maxInFlight: MAX_IN_FLIGHT,
    commands: load.commands,
    commandLatencyMs: load.latencyMs,
    senderBehindMs: load.behindMs,
    lagMs: pct(lags),
    events,
    undelivered: events - lags.length,
    cpuCores: cpu,
  };
  console.log(
    `  lag at ${load.perSecond} commands/s: p50 ${result.lagMs.p50} ms, p99 ${result.lagMs.p99} ms (${lags.length} signals)`,
  );
  return result;
}

interface BurstRound {
  started: number;
  seconds: number;
  perSecond: number;
}

export interface BurstResult {
  mobilities: number;
  /** Medians of the rounds; each of ours with the time its plans took (16 clients), while the
   * bridge was held off. */
  ours: { perSecond: number; rounds: Array<BurstRound & { planSeconds: number }> };
  /** Each bare round with the latency of its signalWithStart calls (`concurrency` at once). */
  bare: {
    perSecond: number;
    rounds: Array<BurstRound & { callMs: Percentiles }>;
    concurrency: number;
  };
  ratio: number;
}

/** Start times of the workflows of `type` whose ids start with `prefix`, from the server. */
async function startTimes(
  system: RunningSystem,
  type: string,
  prefix: string,
  expected: number,
  timeoutMs: number,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const times: number[] = [];
    for await (const info of system.temporalClient.workflow.list({
      query: `WorkflowType = '${type}'`,
    }))
      if (info.workflowId.startsWith(prefix)) times.push(info.startTime.getTime());
    if (times.length >= expected || Date.now() > deadline) return times.sort((a, b) => a - b);
    await sleep(1_000);
  }
}

const rate = (times: number[]) => {
  const seconds = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : 0;
  return {
    started: times.length,
    seconds: round(seconds, 4),
    perSecond: seconds > 0 ? round((times.length - 1) / seconds, 4) : 0,
  };
};

/**
 * Workflow starts when `count` mobilities are planned at once: the benchmark holds the bridge's
 * lease (its advisory lock: the bridge's own connection is ended, and the bridge waits for the
 * lease as a second instance would) while the mobilities are planned, then lets go; the bridge
 * finds them all in the log. Starts per second from the first workflow's start to the last's, as
 * the server recorded them.
 */
async function burstOfOurs(
  system: RunningSystem,
  http: Http,
  count: number,
): Promise<ReturnType<typeof rate> & { planSeconds: number }> {
  await system.settle();
  const lease = new Client({ connectionString: system.databaseUrl });
  await lease.connect();
  const prefix = `burst-${Date.now().toString(36)}`;
  let planSeconds = 0;
  try {
    await lease.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objid = $1 AND objsubid = 1
          AND pid <> pg_backend_pid()`,
      [LEASE_KEYS.temporalBridge],
    );
    await lease.query('SELECT pg_advisory_lock($1)', [LEASE_KEYS.temporalBridge]);
    const ids = new MobilityIds(prefix);
    const started = performance.now();
    // Plans only: each mobility's script ends after its first command.
    const plan = () => new MobilityScript(ids.next(), (e) => system.token(e)).next(http);
    await forEachLimited(
      Array.from({ length: count }, (_, i) => i),
      16,
      async () => void (await plan()),
    );
    planSeconds = round((performance.now() - started) / 1000, 4);
  } finally {
    await lease.end();
  }
  const result = rate(
    await startTimes(
      system,
      'mobilityWorkflow',
      `mobility-${prefix}`,
      count,
      120_000 + count * 500,
    ),
  );
  console.log(`  bridge: ${result.started} workflows started, ${result.perSecond}/s`);
  return { ...result, planSeconds };
}

/**
 * `rounds` bursts of the bridge's workflow starts, each followed by a bare client
 * (bare-workflows.ts) starting as many empty workflows of the same shape on the same server,
 * measured the same way; the medians are compared.
 */
export async function runBurst(
  system: RunningSystem,
  http: Http,
  options: { count: number; bareConcurrency: number; rounds: number },
): Promise<BurstResult> {
  const bare = await ChildWorker.start('bare workflows', join(__dirname, 'bare-workflows.ts'), {
    address: system.temporalAddress,
    taskQueue: 'bench-bare',
  } satisfies BareInit);
  const ours: Array<Awaited<ReturnType<typeof burstOfOurs>>> = [];
  const bares: BurstResult['bare']['rounds'] = [];
  try {
    for (let r = 0; r < options.rounds; r++) {
      ours.push(await burstOfOurs(system, http, options.count));
      await system.settle();
      const prefix = `bare-${Date.now().toString(36)}`;
      const { callMs } = await bare.call<{ callMs: number[] }>('run', {
        prefix,
        count: options.count,
        concurrency: options.bareConcurrency,
      } satisfies BareRun);
      bares.push({
        callMs: pct(callMs),
        ...rate(
          await startTimes(
            system,
            'emptyMobilityWorkflow',
            `mobility-${prefix}`,
            options.count,
            60_000,
          ),
        ),
      });
      console.log(
        `  bare client: ${bares.at(-1)!.started} workflows started, ${bares.at(-1)!.perSecond}/s`,
      );
    }
  } finally {
    await bare.stop();
  }
  const oursRate = summarize(ours.map((o) => o.perSecond)).median;
  const bareRate = summarize(bares.map((b) => b.perSecond)).median;
  return {
    mobilities: options.count,
    ours: { perSecond: round(oursRate, 4), rounds: ours },
    bare: { perSecond: round(bareRate, 4), rounds: bares, concurrency: options.bareConcurrency },
    ratio: round(oursRate / bareRate, 3),
  };
}
