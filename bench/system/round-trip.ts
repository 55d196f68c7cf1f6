import { COORDINATOR } from '../../infra/demo/seed-data';
import type { Percentiles } from '../dashboard';
import { forEachLimited, signalsOf } from './bridge';
import { openChanges, type Http, type ReadModelChange } from './http';
import { MobilityIds, pct } from './load';
import { MobilityScript } from './mobility-script';
import type { RunningSystem } from './system';

const epochNow = () => performance.timeOrigin + performance.now();

interface Sample {
  mobilityId: string;
  role: string;
  sentAt: number;
  httpMs: number;
  readModelMs?: number;
  workflowMs?: number;
}

export interface RoundTripResult {
  signatures: number;
  signers: number;
  /** The signature's POST until its response. */
  httpMs: Percentiles;
  /** Until the coordinator's `GET /dashboard/events` announced the mobility's new version. */
  readModelMs: Percentiles;
  /** Until Temporal recorded the signal on the mobility's workflow (its history's time). */
  workflowMs: Percentiles;
  /** Until both had happened: the round trip. */
  roundTripMs: Percentiles;
  missing: { readModel: number; workflow: number };
}

/** Resolves once the announced version of `id` reaches `version`, or after `timeoutMs`. */
class ChangeWaiters {
  private readonly seen = new Map<string, { version: number; at: number }>();
  private readonly waiting = new Map<
    string,
    Array<{ version: number; done: (at?: number) => void }>
  >();

  onChange = (change: ReadModelChange, at: number): void => {
    if (change.kind !== 'mobilities') return;
    const epoch = performance.timeOrigin + at;
    const before = this.seen.get(change.id);
    if (!before || before.version < change.version)
      this.seen.set(change.id, { version: change.version, at: epoch });
    const list = this.waiting.get(change.id) ?? [];
    for (const w of [...list])
      if (change.version >= w.version) {
        list.splice(list.indexOf(w), 1);
        w.done(epoch);
      }
  };

  wait(id: string, version: number, timeoutMs: number): Promise<number | undefined> {
    const seen = this.seen.get(id);
    if (seen && seen.version >= version) return Promise.resolve(seen.at);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const list = this.waiting.get(id) ?? [];
      list.push({
        version,
        done: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
      this.waiting.set(id, list);
    });
  }
}

/**
 * A signature's round trip with `signers` signing at once, each one signature after the other,
 * on mobilities planned and drafted beforehand (their workflows running): the POST, then the
 * coordinator's live stream announcing the mobility's new version (the read model shows it), and
 * the signal on the mobility's workflow (read from its history afterwards, the server's clock).
 */
export async function runRoundTrip(
  system: RunningSystem,
  http: Http,
  options: { signatures: number; signers: number },
): Promise<RoundTripResult> {
  const ids = new MobilityIds(`sig-${Date.now().toString(36)}`);
  const scripts = Array.from(
    { length: Math.ceil(options.signatures / 3) },
    () => new MobilityScript(ids.next(), (e) => system.token(e)),
  );
  await forEachLimited(scripts, 16, async (s) => {
    while (!s.drafted) await s.next(http);
  });
  await system.settle();

  const waiters = new ChangeWaiters();
  const stream = await openChanges(system.port, system.token(COORDINATOR.email), waiters.onChange);
  const samples: Sample[] = [];
  try {
    const perSigner = Array.from({ length: options.signers }, (_, i) =>
      scripts.filter((_, j) => j % options.signers === i),
    );
    await Promise.all(
      perSigner.map(async (mine) => {
        for (const script of mine)
          for (const role of ['sending-school', 'host', 'learner']) {
            if (samples.length >= options.signatures) return;
            const sentAt = epochNow();
            const outcome = await script.next(http);
            const sample: Sample = {
              mobilityId: script.mobilityId,
              role,
              sentAt,
              httpMs: outcome.ms,
            };
            samples.push(sample);
            const at = await waiters.wait(script.mobilityId, outcome.version, 30_000);
            if (at !== undefined) sample.readModelMs = at - sentAt;
          }
      }),
    );
  } finally {
    stream.close();
  }
  await system.settle();
  const byMobility = new Map<string, Sample[]>();
  for (const s of samples)
    byMobility.set(s.mobilityId, [...(byMobility.get(s.mobilityId) ?? []), s]);
  await forEachLimited([...byMobility.keys()], 8, async (id) => {
    const signals = await signalsOf(system, `mobility-${id}`);
    for (const s of byMobility.get(id)!) {
      const signal = signals.find(
        (x) => x.type === 'LearningAgreementSigned' && x.data.role === s.role,
      );
      if (signal) s.workflowMs = signal.at - s.sentAt;
    }
  });
  const values = (f: (s: Sample) => number | undefined) =>
    samples.map(f).filter((v): v is number => v !== undefined);
  const complete = samples.filter((s) => s.readModelMs !== undefined && s.workflowMs !== undefined);
  const result: RoundTripResult = {
    signatures: samples.length,
    signers: options.signers,
    httpMs: pct(values((s) => s.httpMs)),
    readModelMs: pct(values((s) => s.readModelMs)),
    workflowMs: pct(values((s) => s.workflowMs)),
    roundTripMs: pct(complete.map((s) => Math.max(s.readModelMs!, s.workflowMs!))),
    missing: {
      readModel: samples.length - values((s) => s.readModelMs).length,
      workflow: samples.length - values((s) => s.workflowMs).length,
    },
  };
  console.log(
    `  round trip: p50 ${result.roundTripMs.p50} ms, p99 ${result.roundTripMs.p99} ms (read model p50 ${result.readModelMs.p50}, workflow p50 ${result.workflowMs.p50})`,
  );
  return result;
}
