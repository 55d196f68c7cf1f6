import {
  afterCrash,
  DEFAULT_RESTART_POLICY,
  NO_CRASHES,
  type CrashHistory,
  type RestartDecision,
} from './restart-policy';

const s = 1_000;

/** Runs of `uptime` ms each, the next starting `gap` ms after a crash: every decision in order. */
function crashLoop(runs: number, uptime: number, gap: (d: RestartDecision) => number) {
  const decisions: RestartDecision[] = [];
  let history: CrashHistory = NO_CRASHES;
  let startedAt = 0;
  for (let i = 0; i < runs; i++) {
    const decision = afterCrash(history, { startedAt, exitedAt: startedAt + uptime });
    decisions.push(decision);
    history = decision.history;
    startedAt += uptime + gap(decision);
  }
  return decisions;
}

const delays = (decisions: RestartDecision[]) =>
  decisions.map((d) => (d.action === 'restart' ? d.delayMs : d.action));

describe('the restart policy of npm start', () => {
  it('restarts after a first crash in 1 s', () => {
    expect(afterCrash(NO_CRASHES, { startedAt: 0, exitedAt: 5 * s })).toEqual({
      action: 'restart',
      delayMs: 1 * s,
      history: { recentCrashes: [5 * s], consecutive: 1 },
    });
  });

  it('doubles the back-off with each crash, up to 30 s', () => {
    // 10 s runs 20 s apart: never 5 crashes within 60 s.
    const decisions = crashLoop(8, 10 * s, () => 10 * s);
    expect(delays(decisions)).toEqual([1, 2, 4, 8, 16, 30, 30, 30].map((n) => n * s));
  });

  it('starts the back-off over once a process has run for a minute', () => {
    let history = crashLoop(3, 10 * s, () => 20 * s).at(-1)!.history;
    expect(history.consecutive).toBe(3);
    const healthy = afterCrash(history, { startedAt: 100 * s, exitedAt: 160 * s });
    expect(healthy).toMatchObject({ action: 'restart', delayMs: 1 * s });
    history = healthy.history;
    expect(afterCrash(history, { startedAt: 161 * s, exitedAt: 162 * s })).toMatchObject({
      action: 'restart',
      delayMs: 2 * s,
    });
  });

  it('does not count a run just under a minute as healthy', () => {
    const history = { recentCrashes: [], consecutive: 3 };
    expect(afterCrash(history, { startedAt: 0, exitedAt: 59_999 })).toMatchObject({
      action: 'restart',
      delayMs: 8 * s,
    });
  });

  it('gives up at the fifth crash within 60 s, naming how many and within how long', () => {
    // Crashes right after each start, restarted after the back-off: 5 crashes in about 19 s.
    const decisions = crashLoop(5, 1 * s, (d) => (d.action === 'restart' ? d.delayMs : 0));
    expect(delays(decisions)).toEqual([1 * s, 2 * s, 4 * s, 8 * s, 'give-up']);
    expect(decisions[4]).toMatchObject({ action: 'give-up', crashes: 5, withinMs: 60 * s });
  });

  it('keeps restarting a part that never crashes 5 times within 60 s', () => {
    // A crash every 16 s: at most 4 in any 60 s, for an hour.
    const decisions = crashLoop(225, 15 * s, () => 1 * s);
    expect(decisions.every((d) => d.action === 'restart')).toBe(true);
    expect(Math.max(...decisions.map((d) => d.history.recentCrashes.length))).toBe(4);
  });

  it('forgets a crash exactly 60 s old', () => {
    const history = { recentCrashes: [0, 10 * s, 20 * s, 30 * s], consecutive: 4 };
    expect(afterCrash(history, { startedAt: 59 * s, exitedAt: 60 * s })).toMatchObject({
      action: 'restart',
      history: { recentCrashes: [10 * s, 20 * s, 30 * s, 60 * s] },
    });
    expect(afterCrash(history, { startedAt: 59 * s, exitedAt: 59_999 })).toMatchObject({
      action: 'give-up',
      crashes: 5,
    });
  });

  it('leaves the history it is given as it was', () => {
    const history: CrashHistory = Object.freeze({
      recentCrashes: Object.freeze([1 * s]),
      consecutive: 1,
    });
    afterCrash(history, { startedAt: 2 * s, exitedAt: 3 * s });
    expect(history).toEqual({ recentCrashes: [1 * s], consecutive: 1 });
  });

  it('takes its numbers from the policy it is given', () => {
    const policy = { ...DEFAULT_RESTART_POLICY, firstDelayMs: 10, maxDelayMs: 25, maxCrashes: 3 };
    const at = (n: number) => ({ startedAt: n, exitedAt: n + 1 });
    const first = afterCrash(NO_CRASHES, at(0), policy);
    const second = afterCrash(first.history, at(10), policy);
    const third = afterCrash(second.history, at(20), policy);
    expect(
      [first, second, third].map((d) => (d.action === 'restart' ? d.delayMs : d.action)),
    ).toEqual([10, 20, 'give-up']);
  });
});
