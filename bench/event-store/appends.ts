import type { BenchBatch, Workload } from './workload';

/** One round's raw result, measured inside the worker. */
export interface Sample {
  events: number;
  seconds: number;
  /** Appends retried after losing a race on a hot stream (optimistic concurrency). */
  retries: number;
  /** CPU time (user + system) the worker process used during the round. */
  cpuSeconds?: number;
  /** System-specific counters over the round (see Appender.counters). */
  counts?: Record<string, number>;
}

/** What the append loop needs from a system under test. */
export interface Appender {
  append(batch: BenchBatch): Promise<void>;
  /** True when `err` says another writer appended to the stream first: retry the same batch. */
  isConflict(err: unknown): boolean;
  /** Running totals of notable events (e.g. errors the harness retried), for the report. */
  counters?(): Record<string, number>;
}

export interface AppendLoopOptions {
  writers: number;
  batchSize: number;
  /** Stop starting appends after this many seconds ... */
  seconds?: number;
  /** ... or once this many events have been handed out. */
  maxEvents?: number;
}

const MAX_RETRIES = 1000;

/**
 * `writers` concurrent loops, each appending one batch at a time until the time is up (appends in
 * flight then complete and count) or `maxEvents` have been handed out. Each writer generates its
 * next batch right after starting an append (one event-loop turn later, once the request is on
 * the wire), i.e. while the database works, so generating the workload barely shows in the
 * timing.
 */
export async function runAppends(
  appender: Appender,
  workload: Workload,
  options: AppendLoopOptions,
): Promise<Sample> {
  const { writers, batchSize } = options;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let handedOut = 0;
  let events = 0;
  let retries = 0;
  const take = (): BenchBatch | undefined => {
    if (handedOut >= maxEvents) return undefined;
    const size = Math.min(batchSize, maxEvents - handedOut);
    handedOut += size;
    return workload.nextBatch(size);
  };
  const appendRetrying = async (batch: BenchBatch) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await appender.append(batch);
        return;
      } catch (err) {
        if (!appender.isConflict(err) || attempt >= MAX_RETRIES) throw err;
        retries++;
      }
    }
  };

  const countsBefore = appender.counters?.() ?? {};
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline =
    options.seconds === undefined ? undefined : start + BigInt(Math.round(options.seconds * 1e9));
  const timeLeft = () => deadline === undefined || process.hrtime.bigint() < deadline;
  const writer = async () => {
    let batch = timeLeft() ? take() : undefined;
    while (batch) {
      const pending = appendRetrying(batch);
      pending.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled
      await new Promise<void>((resolve) => setImmediate(resolve));
      const next = timeLeft() ? take() : undefined;
      await pending;
      events += batch.events.length;
      batch = next;
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sample: Sample = { events, seconds, retries, cpuSeconds: cpuSecondsSince(cpu) };
  const countsAfter = appender.counters?.();
  if (countsAfter) {
    sample.counts = Object.fromEntries(
      Object.entries(countsAfter).map(([k, v]) => [k, v - (countsBefore[k] ?? 0)]),
    );
  }
  return sample;
}

export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
