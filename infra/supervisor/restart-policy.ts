/**
 * When `npm start` restarts a crashed part (the API, the worker) and when it gives up. Pure: the
 * supervisor passes the times in and does what the answer says.
 *
 * - Each crash is followed by a restart after a back-off that doubles from `firstDelayMs` (1 s,
 *   2 s, 4 s, …) up to `maxDelayMs` (30 s).
 * - A process that ran for `healthyAfterMs` (a minute) before it crashed counts as having been
 *   healthy: the back-off starts over at `firstDelayMs`.
 * - `maxCrashes` crashes (5) of the same part within `windowMs` (60 s) mean restarting does not
 *   help: the answer is to give up (and the launcher stops the system).
 */
export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  healthyAfterMs: number;
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

/** What the policy remembers of one part's crashes. */
export interface CrashHistory {
  /** When the crashes of the last `windowMs` happened (ms since the epoch), oldest first. */
  readonly recentCrashes: readonly number[];
  /** Crashes since the part last ran healthily: the back-off's exponent. */
  readonly consecutive: number;
}

export const NO_CRASHES: CrashHistory = { recentCrashes: [], consecutive: 0 };

export type RestartDecision =
  | { action: 'restart'; delayMs: number; history: CrashHistory }
  | { action: 'give-up'; crashes: number; withinMs: number; history: CrashHistory };

/** The decision after a process of a part that started at `startedAt` exited at `exitedAt`. */
export function afterCrash(
  history: CrashHistory,
  crash: { startedAt: number; exitedAt: number },
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const ranHealthily = crash.exitedAt - crash.startedAt >= policy.healthyAfterMs;
  const next: CrashHistory = {
    recentCrashes: [...history.recentCrashes, crash.exitedAt].filter(
      (at) => crash.exitedAt - at < policy.windowMs,
    ),
    consecutive: (ranHealthily ? 0 : history.consecutive) + 1,
  };
  if (next.recentCrashes.length >= policy.maxCrashes) {
    return {
      action: 'give-up',
      crashes: next.recentCrashes.length,
      withinMs: policy.windowMs,
      history: next,
    };
  }
  const delayMs = Math.min(policy.firstDelayMs * 2 ** (next.consecutive - 1), policy.maxDelayMs);
  return { action: 'restart', delayMs, history: next };
}
