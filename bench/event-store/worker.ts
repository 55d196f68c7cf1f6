/**
 * A child process that hosts one system under test for one scenario (see ../lib/child.ts).
 * `init` connects and prepares it (schema, warm pool); each `run` is one measured round.
 */
import { serveRequests } from '../lib/child';
import { runAppends, type Appender, type Sample } from './appends';
import { Workload } from './workload';

export type AppendSystem = 'ours' | 'ours-no-tamper-evidence' | 'limit' | 'peer';

export type WorkerRole =
  | {
      kind: 'append';
      system: AppendSystem;
      url: string;
      /** Names the workload: every system in a scenario gets the same seed. */
      seed: string;
      writers: number;
      batchSize: number;
      poolSize: number;
    }
  | {
      kind: 'seed';
      system: 'ours' | 'limit';
      url: string;
      seed: string;
      events: number;
      writers: number;
      poolSize: number;
      /** Ours only: seal the log after seeding it. */
      seal?: boolean;
    }
  | {
      kind: 'read';
      system: 'ours' | 'limit';
      url: string;
      pageSize: number;
      /** The number of events the log holds: a round that reads another count fails. */
      events: number;
    }
  | {
      kind: 'verify';
      system: 'ours' | 'limit';
      url: string;
      events: number;
      pageSize: number;
      /** PEM of the key that signed the seals (ours only): signatures are checked too. */
      trustedKeyPem?: string;
      /** Where ours recomputes event hashes (see VerifyOptions.hashing). */
      hashing?: 'node' | 'database';
    };

export interface AppendRunParams {
  seconds: number;
}

/** Seeding's result: the sample plus, for ours, the public key that signed the seals. */
export interface SeedResult extends Sample {
  seals?: number;
  publicKeyPem?: string;
}

/** Loads a system's module only in the worker that hosts it (Emmett, for one, changes `pg`'s
 * global type parsers). `require` because dynamic `import()` here would need ESM extensions. */
function load<T>(path: string): T {
  return require(path) as T;
}

let run: ((params: any) => Promise<unknown>) | undefined;
let close: () => Promise<void> = () => Promise.resolve();

async function init(role: WorkerRole): Promise<null> {
  switch (role.kind) {
    case 'append': {
      const appender = await openAppender(role.system, role.url, role.poolSize);
      const workload = new Workload(role.seed);
      run = (params: AppendRunParams) =>
        runAppends(appender, workload, {
          writers: role.writers,
          batchSize: role.batchSize,
          seconds: params.seconds,
        });
      break;
    }
    case 'seed': {
      const appender = await openAppender(role.system, role.url, role.poolSize);
      const workload = new Workload(role.seed);
      run = async (): Promise<SeedResult> => {
        const sample = await runAppends(appender, workload, {
          writers: role.writers,
          batchSize: 100,
          maxEvents: role.events,
        });
        if (role.system !== 'ours' || !role.seal) return sample;
        const { sealAll } = load<typeof import('./systems/ours')>('./systems/ours');
        return { ...sample, ...(await sealAll(appender as never)) };
      };
      break;
    }
    case 'read': {
      if (role.system === 'ours') {
        const { OursStore, readAllOurs } = load<typeof import('./systems/ours')>('./systems/ours');
        const ours = new OursStore(role.url, { tamperEvidence: true, poolSize: 4 });
        close = () => ours.close();
        run = async () => checkCount(await readAllOurs(ours, role.pageSize), role.events);
      } else {
        const { LimitStore, readAllLimit } =
          load<typeof import('./systems/limit')>('./systems/limit');
        const limit = new LimitStore(role.url, 4);
        close = () => limit.close();
        run = async () => checkCount(await readAllLimit(limit, role.pageSize), role.events);
      }
      break;
    }
    case 'verify': {
      if (role.system === 'ours') {
        const { OursStore, verifyOurs } = load<typeof import('./systems/ours')>('./systems/ours');
        const ours = new OursStore(role.url, { tamperEvidence: true, poolSize: 4 });
        close = () => ours.close();
        run = async () =>
          checkCount(await verifyOurs(ours, role.trustedKeyPem, role.hashing), role.events);
      } else {
        const { HashScan } = load<typeof import('./systems/hash-scan')>('./systems/hash-scan');
        const scan = new HashScan(role.url);
        close = () => scan.close();
        run = async () => checkCount(await scan.run(role.pageSize), role.events);
      }
      break;
    }
  }
  return null;
}

async function openAppender(
  system: AppendSystem | 'ours' | 'limit',
  url: string,
  poolSize: number,
) {
  let appender: Appender & { migrate(): Promise<void>; close(): Promise<void> };
  switch (system) {
    case 'ours':
    case 'ours-no-tamper-evidence': {
      const { OursStore } = load<typeof import('./systems/ours')>('./systems/ours');
      appender = new OursStore(url, { tamperEvidence: system === 'ours', poolSize });
      break;
    }
    case 'limit': {
      const { LimitStore } = load<typeof import('./systems/limit')>('./systems/limit');
      appender = new LimitStore(url, poolSize);
      break;
    }
    case 'peer': {
      const { PeerStore } = load<typeof import('./systems/peer')>('./systems/peer');
      appender = new PeerStore(url, poolSize);
      break;
    }
  }
  close = () => appender.close();
  await appender.migrate();
  return appender;
}

function checkCount<T extends Sample>(sample: T, expected: number): T {
  if (sample.events !== expected) {
    throw new Error(`expected ${expected} events, the round saw ${sample.events}`);
  }
  return sample;
}

serveRequests(
  {
    init,
    run: (params) => {
      if (!run) throw new Error('run before init');
      return run(params);
    },
  },
  () => close(),
);
