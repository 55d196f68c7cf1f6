import { createPublicKey } from 'node:crypto';
import {
  createPostgresEventStore,
  exportSealSigner,
  generateSealSigner,
  keyIdOf,
  migrateEventStore,
  PostgresSealer,
} from '../../../libs/event-store/src';
import { cpuSecondsSince, type Appender, type Sample } from '../appends';
import type { BenchBatch } from '../workload';

/** Our PostgreSQL event store adapter (`libs/event-store/src/postgres`), used as the app does. */
export class OursStore implements Appender {
  readonly store: ReturnType<typeof createPostgresEventStore>;

  constructor(
    private readonly connectionString: string,
    options: { tamperEvidence: boolean; poolSize: number },
  ) {
    this.store = createPostgresEventStore({ connectionString, ...options });
  }

  async migrate(): Promise<void> {
    await migrateEventStore(this.connectionString);
  }

  async append(batch: BenchBatch): Promise<void> {
    await this.store.append(
      batch.stream,
      batch.events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
      { expected: 'any' },
    );
  }

  private giveUps = 0;

  /**
   * A lost race on a hot stream. With `expected: 'any'` the adapter retries those itself, but after
   * 20 attempts in a row it throws a plain Error ("gave up after 20 concurrent conflicts"); the
   * harness retries that too (and counts it: see `counters`) rather than abort the scenario.
   */
  isConflict(err: unknown): boolean {
    if ((err as { code?: unknown } | null)?.code === 'WRONG_EXPECTED_VERSION') return true;
    if (err instanceof Error && /gave up after \d+ concurrent conflicts/.test(err.message)) {
      this.giveUps++;
      return true;
    }
    return false;
  }

  counters(): Record<string, number> {
    return { 'adapter gave up after concurrent conflicts': this.giveUps };
  }

  async close(): Promise<void> {
    await this.store.dispose();
  }
}

/** The events' handler while reading: does nothing, so the read path alone is measured. */
const handle: (event: unknown) => void = () => undefined;

/** Reads the whole log in global order with `readAll`, `pageSize` events at a time. */
export async function readAllOurs(ours: OursStore, pageSize: number): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let events = 0;
  let checkpoint = '';
  for (;;) {
    const page = await ours.store.readAll({ fromCheckpoint: checkpoint, maxCount: pageSize });
    for (const event of page.events) handle(event);
    events += page.events.length;
    checkpoint = page.checkpoint;
    if (page.events.length < pageSize) break;
  }
  return {
    events,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    retries: 0,
    cpuSeconds: cpuSecondsSince(cpu),
  };
}

/** Seals the seeded log (untimed), as a running sealer would have, so `verify` checks seals too. */
export async function sealAll(ours: OursStore): Promise<{ seals: number; publicKeyPem: string }> {
  const signer = generateSealSigner();
  const seals = await new PostgresSealer(ours.store.pool, signer).sealPending();
  return { seals: seals.length, publicKeyPem: exportSealSigner(signer).publicKeyPem };
}

/** `store.verify()` over the whole log; with `trustedKeyPem`, seal signatures are checked too. */
export async function verifyOurs(
  ours: OursStore,
  trustedKeyPem?: string,
  hashing: 'node' | 'database' = 'node',
): Promise<Sample> {
  const trustedKeys = trustedKeyPem
    ? new Map([[keyIdOf(createPublicKey(trustedKeyPem)), createPublicKey(trustedKeyPem)]])
    : undefined;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const report = await ours.store.verify({ hashing, ...(trustedKeys ? { trustedKeys } : {}) });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.problem)}`);
  return { events: report.eventsChecked, seconds, retries: 0, cpuSeconds: cpuSecondsSince(cpu) };
}
