import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_SETTINGS } from '../event-store/cluster';
import { describeMachine } from '../lib/machine';
import { runBurst, runLag } from './bridge';
import { runCommands } from './commands';
import { Http } from './http';
import { closedLoop, MobilityIds } from './load';
import { runMemory } from './memory';
import { parseSystemOptions, runs, type SystemOptions } from './options';
import { runReads } from './reads';
import { runRoundTrip } from './round-trip';
import { RunningSystem } from './system';
import { evaluate, renderTargets, type SystemParts } from './targets';

export { USAGE } from './options';

const RESULTS_DIR = join(__dirname, '..', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'system.json');
/** Concurrent signalWithStart calls of the bare client (the bridge's in-flight limit is its own). */
const BARE_CONCURRENCY = 64;

/**
 * `npm run bench -- system`: the whole system as its clients see it (bench/README.md, "The
 * system benchmark"). Parts run in order — commands, reads, round trip, bridge, memory — on one
 * system started for the run; each part settles the system first (the bridge caught up, the
 * processes idle).
 */
export async function runSystemBench(args: string[]): Promise<void> {
  const options = parseSystemOptions(args);
  const profileDir = join(tmpdir(), 'ecvet-bench-profiles');
  const system = new RunningSystem({
    keepData: options.keepData,
    profile: options.profile,
    profileDir,
  });
  const parts: SystemParts = {};
  const startedAt = new Date().toISOString();
  let machine;
  try {
    console.log('starting PostgreSQL, Temporal, the worker and the API …');
    await system.start();
    machine = await describeMachine(system.cluster.adminUrl, Object.keys(PG_SETTINGS));
    const idle = { api: system.stats('api').rssMiB, worker: system.stats('worker').rssMiB };
    console.log(`ready (RSS MiB: API ${idle.api}, worker ${idle.worker})`);
    const http = new Http(system.port, 256);
    const mobilities: string[] = [];
    try {
      if (runs(options, 'commands')) {
        console.log('commands …');
        parts.commands = await runCommands(system, http, {
          clients: options.clients,
          seconds: options.seconds,
          profile: options.profile.length > 0,
        });
        mobilities.push(...parts.commands.mobilities);
      }
      if (runs(options, 'reads')) {
        console.log('reads …');
        if (!mobilities.length) mobilities.push(...(await seedReadable(system, http, options)));
        parts.reads = await runReads(system, http, mobilities, {
          clients: options.readClients,
          seconds: options.readSeconds,
        });
      }
      if (runs(options, 'round-trip')) {
        console.log('signature round trip …');
        parts.roundTrip = await runRoundTrip(system, http, {
          signatures: options.signatures,
          signers: options.signers,
        });
      }
      if (runs(options, 'bridge')) {
        console.log('bridge …');
        const lag = [];
        for (const rate of options.lagRates)
          lag.push(await runLag(system, http, { rate, seconds: options.lagSeconds }));
        const burst = await runBurst(system, http, {
          count: options.burst,
          bareConcurrency: BARE_CONCURRENCY,
          rounds: options.burstRounds,
        });
        parts.bridge = { lag, burst };
      }
      if (runs(options, 'memory')) {
        console.log('memory …');
        parts.memory = {
          ...(await runMemory(system, http, {
            count: options.mobilities,
            seconds: options.readSeconds * 2,
          })),
          idleAfterStartMiB: idle,
        };
      }
    } finally {
      http.close();
    }
  } finally {
    await system.stop();
  }
  writeResults(options, parts, machine, startedAt);
}

/** Without the command rounds, the reads need mobilities of their own: a few dozen, complete. */
async function seedReadable(
  system: RunningSystem,
  http: Http,
  options: SystemOptions,
): Promise<string[]> {
  const load = await closedLoop(http, (e) => system.token(e), new MobilityIds('read'), {
    clients: 8,
    seconds: options.quick ? 3 : 8,
    warmup: 0,
  });
  return load.mobilities;
}

function writeResults(
  options: SystemOptions,
  parts: SystemParts,
  machine: unknown,
  startedAt: string,
): void {
  // `--only` merges into the last full results, part by part.
  const previous = (
    options.only && existsSync(RESULTS_FILE)
      ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { parts?: SystemParts })
      : {}
  ).parts;
  const merged: SystemParts = { ...previous, ...parts };
  const targets = evaluate(merged);
  const results = {
    machine,
    options,
    startedAt,
    finishedAt: new Date().toISOString(),
    targets,
    parts: merged,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderTargets(targets)}\n\nresults: bench/results/system.json`);
}
