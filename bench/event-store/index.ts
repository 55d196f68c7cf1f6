import type { ChildWorker } from '../lib/child';
import { describeMachine, type MachineInfo } from '../lib/machine';
import { formatNumber } from '../lib/table';
import type { Sample } from './appends';
import { BenchCluster, PG_SETTINGS } from './cluster';
import { parseOptions, SCENARIOS, type Options, type ScenarioName, type Unit } from './options';
import {
  adapterFingerprint,
  describe,
  log,
  pad,
  summarizeScenario,
  writeResults,
  type Entry,
  type EventStoreResults,
  type ScenarioRecord,
  type ScenarioResult,
} from './results';
import type { SeedResult, WorkerRole } from './worker';
import { DATA_BYTES, HOT_SHARE, HOT_STREAMS, STREAM_COUNT } from './workload';

/**
 * The event-store benchmark: our PostgreSQL adapter side by side with the "limit" (plain SQL
 * through the same driver) and the "peer" (Emmett's PostgreSQL event store), interleaved round
 * by round on one embedded PostgreSQL cluster. See bench/README.md.
 *
 * Here: the run and its scenarios. `options.ts` (scenarios, command line), `cluster.ts`
 * (PostgreSQL, databases, worker processes), `results.ts` (summaries, files, tables),
 * `targets.ts` (PASS/MISS), `worker.ts` and `systems/` (the systems under test).
 */

export { parseOptions, SCENARIOS, USAGE, type ScenarioName } from './options';
export type { EventStoreResults, ScenarioResult } from './results';
export type { TargetCheck } from './targets';

const POOL_SIZE = 40;
/** An unmeasured burst before each measured append round: pg pools close connections idle for
 * 10 s (while the other systems run), and re-opening 32 (SCRAM-authenticated) connections would
 * otherwise be timed. */
const REFRESH_SECONDS = 0.3;
const SINGLE_WRITERS = 32;
const SEED_WRITERS = 4;
/** Our verifier's default page size; the hash-scan limit reads pages of the same size. */
const VERIFY_PAGE_SIZE = 5_000;

class Bench {
  private readonly cluster: BenchCluster;
  private readonly records: Partial<Record<ScenarioName, ScenarioRecord>> = {};
  private readonly notes: string[] = [];
  private logSeeded?: { publicKeyPem?: string };
  private seedFailure?: Error;
  private readonly failures: string[] = [];

  constructor(private readonly options: Options) {
    this.cluster = new BenchCluster(options);
  }

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
      await this.cluster.startPostgres();
      machine = await describeMachine(this.cluster.adminUrl, [
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
      await this.cluster.shutdown();
    }
    const adapterAtEnd = adapterFingerprint();
    if (adapterAtEnd !== adapterAtStart) {
      this.notes.push(
        `the adapter's sources (libs/event-store) changed during the run (${adapterAtStart} -> ${adapterAtEnd}): ` +
          'scenarios may have measured different versions',
      );
    }
    writeResults({
      options: o,
      machine,
      scenarios: results,
      started,
      adapterSources: adapterAtEnd,
      workload: {
        eventDataBytes: DATA_BYTES,
        streams: STREAM_COUNT,
        hotStreams: HOT_STREAMS,
        hotShare: HOT_SHARE,
        appendSingleWriters: SINGLE_WRITERS,
        poolSize: POOL_SIZE,
      },
      records: this.records,
      notes: this.notes,
      failures: this.failures,
    });
    if (this.failures.length > 0) process.exitCode = 1;
  }

  // ------------------------------------------------------------------ scenarios

  private async scenario(name: ScenarioName): Promise<ScenarioResult> {
    const o = this.options;
    const db = (suffix: string) => this.cluster.urlFor(`es_${suffix}`);
    log('');
    log(`== ${name}`);
    switch (name) {
      case 'append-single':
      case 'append-batch100': {
        const single = name === 'append-single';
        const tag = single ? 'single' : 'batch';
        await this.cluster.createDatabases([`es_${tag}_ours`, `es_${tag}_limit`, `es_${tag}_peer`]);
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
        await this.cluster.createDatabases(['es_hash_on', 'es_hash_off']);
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
    await this.cluster.checkpoint();
    const workers: ChildWorker[] = [];
    try {
      for (const entry of entries) {
        workers.push(await this.cluster.startWorker(`${name}/${entry.contender}`, entry.role));
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
      await Promise.all(workers.map((w) => this.cluster.stopWorker(w)));
    }
    const { result, notes } = summarizeScenario(name, unit, record, entries);
    this.notes.push(...notes);
    return result;
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
    await this.cluster.createDatabases(['es_log_ours', 'es_log_limit']);
    for (const system of ['ours', 'limit'] as const) {
      const worker = await this.cluster.startWorker(`seed/${system}`, {
        kind: 'seed',
        system,
        url: this.cluster.urlFor(`es_log_${system}`),
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
        await this.cluster.stopWorker(worker);
      }
    }
    // Freshly inserted rows get their hint bits set (a write) by whoever reads them first, and
    // autovacuum would otherwise start in the middle of a round: settle both tables first.
    for (const database of ['es_log_ours', 'es_log_limit']) {
      const started = process.hrtime.bigint();
      await this.cluster.admin(database, 'VACUUM (ANALYZE)');
      log(
        `  vacuumed ${database} in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
      );
    }
    return o.logEvents;
  }

  /** Called on SIGINT/SIGTERM: kill the workers, stop PostgreSQL. */
  async abort(): Promise<void> {
    await this.cluster.shutdown();
  }
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
