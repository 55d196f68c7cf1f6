/**
 * A child process hosting one system under test of the audit benchmark (see ../lib/child.ts):
 * a verifier of the sealed log, or the as-of reads of one mobility.
 */
import { createPublicKey } from 'node:crypto';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  keyIdOf,
  loadSeals,
  PostgresSubjectKeyStore,
  verifyInOneLane,
  verifyPostgresEventStore,
  type VerificationReport,
} from '../../libs/event-store/src';
import { verifyInLanes } from '../../libs/event-store/src/postgres/verify-lanes';
import { GetViewHandler, GetViewQuery } from '../../libs/application/src/queries/get-view.query';
import { StreamFoldCache } from '../../libs/application/src/queries/stream-fold-cache';
import { Visibility } from '../../libs/application/src/queries/visibility';
import { LearnerRecordService } from '../../libs/application/src/learner/learner-record.service';
import { serveRequests } from '../lib/child';
import { Prng } from '../lib/prng';
import { HashScan } from '../event-store/systems/hash-scan';
import { MOBILITY_ID } from '../../test/support/long-mobility-stream';

export type VerifySystem = 'limit' | 'one-lane' | 'lanes' | 'lanes-1';

export type AuditRole =
  | { kind: 'verify'; system: VerifySystem; url: string; trustedKeyPem: string; lanes: number }
  | { kind: 'as-of'; url: string; masterKeyHex: string };

export interface VerifySample {
  events: number;
  seconds: number;
  /** CPU of this process, all its threads (the lanes' workers included). */
  cpuSeconds: number;
}

/** Our verifier's default page size; the limit reads pages of the same size. */
const PAGE_SIZE = 5_000;

let close: () => Promise<void> = () => Promise.resolve();

function verifier(role: Extract<AuditRole, { kind: 'verify' }>): () => Promise<number> {
  if (role.system === 'limit') {
    const scan = new HashScan(role.url);
    close = () => scan.close();
    return async () => (await scan.run(PAGE_SIZE)).events;
  }
  const pool = new Pool({ connectionString: role.url, max: 2 });
  pool.on('error', () => undefined);
  close = () => pool.end();
  const key = createPublicKey(role.trustedKeyPem);
  const trustedKeys = new Map([[keyIdOf(key), key]]);
  const checked = (report: VerificationReport) => {
    if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.problem)}`);
    return report.eventsChecked;
  };
  switch (role.system) {
    case 'one-lane':
      return async () => checked(await verifyInOneLane(pool, { trustedKeys }));
    case 'lanes':
      return async () =>
        checked(await verifyPostgresEventStore(pool, { trustedKeys, lanes: role.lanes }));
    case 'lanes-1':
      // The lanes' code path with a single lane (one worker thread): the hot loop without the
      // parallelism, to tell the two apart.
      return async () =>
        checked(await verifyInLanes(pool, await loadSeals(pool), { trustedKeys, lanes: 1 }));
  }
}

export interface AsOfParams {
  samples: number;
  warmup: number;
  /** Stop sampling after this long even if fewer samples were taken (a slow fold). */
  budgetSeconds: number;
  from: string;
  to: string;
}

/** Per sample: the query (folds kept), the query folding the whole stream, and the stream read
 * alone (to the same instant); and the first query of the process (nothing kept yet). */
export interface AsOfSamples {
  queryMs: number[];
  uncachedMs: number[];
  readMs: number[];
  events: number[];
  coldMs: number;
}

interface Handlers {
  run?: () => Promise<VerifySample>;
  asOf?: (params: AsOfParams) => Promise<AsOfSamples>;
}

function init(role: AuditRole): Handlers {
  if (role.kind === 'verify') {
    const run = verifier(role);
    return {
      run: async (): Promise<VerifySample> => {
        const cpu = process.cpuUsage();
        const start = process.hrtime.bigint();
        const events = await run();
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const used = process.cpuUsage(cpu);
        return { events, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
      },
    };
  }
  const pool = new Pool({ connectionString: role.url, max: 4 });
  pool.on('error', () => undefined);
  const store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, Buffer.from(role.masterKeyHex, 'hex')),
  });
  close = async () => {
    await store.dispose();
    await pool.end();
  };
  // In process, as the API's GET /mobilities/{id}?asOf= runs it: the same query handler over the
  // same store (no HTTP, no Nest container). Visibility only consults the learner-record service
  // for Learner streams, and the reads here are internal (no principal), as an auditor's would
  // be after the policy said yes. Two handlers side by side: the API's (folds kept per stream)
  // and one that keeps nothing (every read folds the whole stream, as before the cache).
  const visibility = new Visibility(Object.create(LearnerRecordService.prototype));
  const cached = new GetViewHandler(new StreamFoldCache(store), visibility);
  const uncached = new GetViewHandler(
    new StreamFoldCache(store, { minEvents: Number.MAX_SAFE_INTEGER }),
    visibility,
  );
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = process.hrtime.bigint();
    const result = await work();
    return [result, Number(process.hrtime.bigint() - start) / 1e6];
  };
  return {
    asOf: async (params) => {
      const prng = new Prng('audit-as-of');
      const from = Date.parse(params.from);
      const span = Date.parse(params.to) - from;
      const out: AsOfSamples = { queryMs: [], uncachedMs: [], readMs: [], events: [], coldMs: 0 };
      const stream = `Mobility-${MOBILITY_ID}`;
      const query = (instant: Date) =>
        new GetViewQuery('Mobility', MOBILITY_ID, { recordedAt: instant });
      // The first read of the stream in this process: the whole stream read and folded, states kept.
      [, out.coldMs] = await timed(() => cached.execute(query(new Date(params.to))));
      const deadline = process.hrtime.bigint() + BigInt(Math.round(params.budgetSeconds * 1e9));
      for (let i = 0; i < params.warmup + params.samples; i++) {
        if (i > params.warmup && process.hrtime.bigint() > deadline) break;
        const instant = new Date(from + Math.floor(prng.next() * (span + 1)));
        const [events, readMs] = await timed(() =>
          store.readStream(stream, { toRecordedAt: instant }),
        );
        const [plain, uncachedMs] = await timed(() => uncached.execute(query(instant)));
        const [result, queryMs] = await timed(() => cached.execute(query(instant)));
        if (result.version !== events.length || plain.version !== events.length)
          throw new Error('as-of read and query disagree');
        if (JSON.stringify(result.view) !== JSON.stringify(plain.view))
          throw new Error(`the kept fold and the whole fold disagree at ${instant.toISOString()}`);
        if (i >= params.warmup) {
          out.queryMs.push(queryMs);
          out.uncachedMs.push(uncachedMs);
          out.readMs.push(readMs);
          out.events.push(events.length);
        }
      }
      return out;
    },
  };
}

let handlers: Handlers = {};
const missing = (op: string) => Promise.reject(new Error(`${op}: not this worker's role`));
serveRequests(
  {
    init: (role: AuditRole) => {
      handlers = init(role);
      return Promise.resolve(null);
    },
    run: () => handlers.run?.() ?? missing('run'),
    'as-of': (params: AsOfParams) => handlers.asOf?.(params) ?? missing('as-of'),
  },
  () => close(),
);
