import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Sample } from '../event-store/appends';
import { round, summarize } from '../lib/stats';
import type { Http } from './http';
import { closedLoop, MobilityIds, type LoadResult } from './load';
import { treeCpuSeconds, type RunningSystem } from './system';

/** The event-store benchmark's `append-single`: 32 writers, a pool of 40, one event per append. */
const BARE_WRITERS = 32;
const BARE_POOL = 40;

/** Busy and total CPU ticks of the whole machine (/proc/stat), to tell how loaded it was. */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return { busy: total - idle, total };
}

/** Cores used, on average: by the API, the worker, this benchmark's whole process tree
 * (PostgreSQL and Temporal included), and by everything else on the machine. */
export interface CpuSeen {
  api: number;
  worker: number;
  temporal: number;
  /** The benchmark's own process: the load's HTTP client. */
  client: number;
  /** The rest of this benchmark's tree: PostgreSQL. */
  postgres: number;
  ours: number;
  others: number;
  /** The whole machine, as a share of all its cores (1: all busy). */
  machineBusy: number;
}

/** CPU used over `fn` (see CpuSeen). */
export async function withCpu<T>(
  system: RunningSystem,
  fn: () => Promise<T>,
): Promise<{ value: T; cpu: CpuSeen }> {
  const tree = treeCpuSeconds();
  const api = system.stats('api').cpuSeconds;
  const worker = system.stats('worker').cpuSeconds;
  const temporal = system.temporalCpuSeconds();
  const client = process.cpuUsage();
  const machine = machineTicks();
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  const after = machineTicks();
  const machineCores = cpus().length;
  const machineBusy = (after.busy - machine.busy) / Math.max(1, after.total - machine.total);
  const ours = (treeCpuSeconds() - tree) / seconds;
  const cores = {
    api: (system.stats('api').cpuSeconds - api) / seconds,
    worker: (system.stats('worker').cpuSeconds - worker) / seconds,
    temporal: (system.temporalCpuSeconds() - temporal) / seconds,
    client: ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(client)) / seconds,
  };
  return {
    value,
    cpu: {
      api: round(cores.api, 3),
      worker: round(cores.worker, 3),
      temporal: round(cores.temporal, 3),
      client: round(cores.client, 3),
      postgres: round(
        Math.max(0, ours - cores.api - cores.worker - cores.temporal - cores.client),
        3,
      ),
      // As a share of all cores: 1 is every core busy.
      machineBusy: round(machineBusy, 3),
      ours: round(ours, 3),
      others: round(Math.max(0, machineBusy * machineCores - ours), 3),
    },
  };
}

export interface CommandRound extends Omit<LoadResult, 'mobilities'> {
  clients: number;
  cpuCores: CpuSeen;
  /** Bridged events not yet delivered when the round ended. */
  bridgeBacklogAtEnd: number;
  /** CPU milliseconds per command, by process (from `cpuCores`). */
  cpuMsPerCommand: Record<'api' | 'worker' | 'temporal' | 'postgres' | 'client' | 'all', number>;
  /** Transactions committed in the system's database per command (every process's: the API's
   * own, the projection's, the bridge's, the workflows' activities'). */
  transactionsPerCommand: number;
}

export interface CommandsResult {
  rounds: CommandRound[];
  bare: {
    eventsPerSecond: number[];
    median: number;
    /** CPU milliseconds per appended event, the appender's and PostgreSQL's. */
    cpuMsPerEvent: number[];
    writers: number;
    poolSize: number;
  };
  mobilities: string[];
}

/**
 * The command rounds, one per client count, each after a round of the event store's bare
 * single-event append (the event-store benchmark's ours/append-single, in a database of its own
 * on the same cluster) and with one more bare round at the end; the limit is their median.
 */
export async function runCommands(
  system: RunningSystem,
  http: Http,
  options: { clients: number[]; seconds: number; profile: boolean },
): Promise<CommandsResult> {
  const bare = await system.cluster.startWorker('bare append', {
    kind: 'append',
    system: 'ours',
    url: system.cluster.urlFor('bare'),
    seed: 'system-bench',
    writers: BARE_WRITERS,
    batchSize: 1,
    poolSize: BARE_POOL,
  });
  const bareRates: number[] = [];
  const bareCpu: number[] = [];
  const bareRound = async () => {
    await system.settle();
    await system.cluster.checkpoint();
    const { value: sample, cpu } = await withCpu(system, () =>
      bare.call<Sample>('run', { seconds: options.seconds }),
    );
    const rate = sample.events / sample.seconds;
    bareRates.push(round(rate, 4));
    // The appender's process and PostgreSQL (the apps idle meanwhile), per event.
    bareCpu.push(round(((cpu.ours - cpu.api - cpu.worker - cpu.temporal) * 1000) / rate, 3));
    console.log(`  bare append: ${bareRates.at(-1)} events/s, ${bareCpu.at(-1)} ms CPU each`);
  };
  const ids = new MobilityIds(`cmd-${Date.now().toString(36)}`);
  const rounds: CommandRound[] = [];
  const mobilities: string[] = [];
  try {
    for (const clients of options.clients) {
      await bareRound();
      await system.settle();
      await system.cluster.checkpoint();
      const profile = options.profile && clients === options.clients[0];
      if (profile) (['api', 'worker'] as const).forEach((n) => system.toggleProfile(n));
      const xacts = await system.transactions();
      const { value, cpu } = await withCpu(system, () =>
        closedLoop(http, (e) => system.token(e), ids, {
          clients,
          seconds: options.seconds,
          warmup: Math.min(3, options.seconds / 2),
        }),
      );
      if (profile) (['api', 'worker'] as const).forEach((n) => system.toggleProfile(n));
      const { mobilities: touched, ...result } = value;
      mobilities.push(...touched);
      rounds.push({
        clients,
        ...result,
        cpuCores: cpu,
        bridgeBacklogAtEnd: await system.bridgeBacklog(),
        cpuMsPerCommand: {
          api: round((cpu.api * 1000) / result.perSecond, 3),
          worker: round((cpu.worker * 1000) / result.perSecond, 3),
          temporal: round((cpu.temporal * 1000) / result.perSecond, 3),
          postgres: round((cpu.postgres * 1000) / result.perSecond, 3),
          client: round((cpu.client * 1000) / result.perSecond, 3),
          all: round((cpu.ours * 1000) / result.perSecond, 3),
        },
        transactionsPerCommand: round(((await system.transactions()) - xacts) / result.sent, 3),
      });
      console.log(
        `  ${clients} clients: ${result.perSecond} commands/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
      );
    }
    await bareRound();
  } finally {
    await system.cluster.stopWorker(bare);
  }
  return {
    rounds,
    bare: {
      eventsPerSecond: bareRates,
      median: round(summarize(bareRates).median, 4),
      cpuMsPerEvent: bareCpu,
      writers: BARE_WRITERS,
      poolSize: BARE_POOL,
    },
    mobilities,
  };
}
