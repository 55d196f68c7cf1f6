import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../net';
import type { RestartPolicy } from './restart-policy';
import type { SupervisorStatus } from './status-file';
import { Supervisor } from './supervisor';

// Real (tiny) child processes, with a policy in milliseconds.
const policy: RestartPolicy = {
  firstDelayMs: 50,
  maxDelayMs: 200,
  healthyAfterMs: 60_000,
  maxCrashes: 3,
  windowMs: 60_000,
};

async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const alive = (pid: number | undefined) => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

describe('the supervisor of npm start', () => {
  let dir: string;
  let statusFile: string;
  let lines: string[];
  let gaveUp: string[];
  let supervisor: Supervisor;

  /** A part running `code` (CommonJS); MARKER is a file path of its own. */
  function part(name: string, code: string) {
    const entry = join(dir, `${name}.js`);
    writeFileSync(entry, code.replaceAll('MARKER', JSON.stringify(join(dir, `${name}.marker`))));
    return { name, entry, env: { PATH: process.env.PATH } };
  }
  const status = () => JSON.parse(readFileSync(statusFile, 'utf8')) as SupervisorStatus;
  const pidOf = (name: string) =>
    (supervisor as any).parts.find((p: any) => p.spec.name === name)?.child.pid as number;

  function supervise(overrides: Partial<RestartPolicy> = {}) {
    supervisor = new Supervisor({
      statusFile,
      log: (line) => lines.push(line),
      onGiveUp: (name) => gaveUp.push(name),
      policy: { ...policy, ...overrides },
      stopGraceMs: 2_000,
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecvet-supervisor-'));
    statusFile = join(dir, 'data', 'supervisor-status.json');
    lines = [];
    gaveUp = [];
    supervise();
  });
  afterEach(async () => {
    await supervisor.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const runsForever = 'setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));';

  it('restarts a part that crashed while the other keeps running, and says so in the status file', async () => {
    supervisor.start(part('worker', runsForever));
    supervisor.start(
      part(
        'api',
        `const fs = require('node:fs');
         if (!fs.existsSync(MARKER)) { fs.writeFileSync(MARKER, ''); process.exit(3); }
         ${runsForever}`,
      ),
    );
    const worker = pidOf('worker');
    const first = pidOf('api');
    await until('the restart', () => status().parts.api?.restarts === 1);
    const second = pidOf('api');
    expect(second).not.toBe(first);
    expect(alive(second)).toBe(true);
    expect(pidOf('worker')).toBe(worker);
    expect(alive(worker)).toBe(true);
    const { parts } = status();
    expect(parts.api).toMatchObject({
      running: true,
      restarts: 1,
      lastExit: { code: 3, signal: null },
    });
    expect(Date.parse(parts.api.lastRestartAt!)).toBeGreaterThan(
      Date.parse(parts.api.lastExit!.at),
    );
    expect(parts.worker).toMatchObject({
      running: true,
      restarts: 0,
      lastRestartAt: null,
      lastExit: null,
    });
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^api exited unexpectedly \(exit code 3\) after .* s; restarting it in 0\.1 s$/,
      ),
    );
    expect(gaveUp).toEqual([]);
  });

  it('gives up on a part that crashes too often, naming it, how often, how it ended and its last output', async () => {
    // The parts' output goes on to the launcher's stderr: not into this test's report.
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    supervisor.start(
      part(
        'worker',
        'console.error("connecting ..."); console.error("Error: no bundle"); process.exit(7);',
      ),
    );
    await until('giving up', () => gaveUp.length > 0).finally(() => stderr.mockRestore());
    expect(gaveUp).toEqual(['worker']);
    expect(lines.filter((l) => l.includes('restarting it in'))).toHaveLength(2);
    expect(lines).toContain(
      'worker crashed 3 times within 60 s, the last time with exit code 7; not restarting it again',
    );
    expect(lines.slice(-2)).toEqual(['  | connecting ...', '  | Error: no bundle']);
    expect(status().parts.worker).toMatchObject({
      running: false,
      restarts: 2,
      lastExit: { code: 7 },
    });
    await sleep(300); // no restart after giving up
    expect(status().parts.worker.restarts).toBe(2);
  });

  it('reports a part killed by a signal by its signal', async () => {
    supervisor.start(part('worker', runsForever));
    process.kill(pidOf('worker'), 'SIGKILL');
    await until('the restart', () => status().parts.worker?.restarts === 1);
    expect(status().parts.worker.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('stops every part, cancels a pending restart and removes the status file', async () => {
    supervise({ firstDelayMs: 1_000 });
    supervisor.start(part('worker', runsForever));
    supervisor.start(part('api', 'setTimeout(() => process.exit(1), 100);'));
    const worker = pidOf('worker');
    await until('the crash', () => lines.some((l) => l.startsWith('api exited')));
    const crashed = pidOf('api');
    await supervisor.stop();
    expect(lines).toContain('stopping worker ...');
    expect(alive(worker)).toBe(false);
    expect(existsSync(statusFile)).toBe(false);
    await sleep(1_200); // past the back-off: no new api process
    expect(pidOf('api')).toBe(crashed);
    supervisor.start(part('late', runsForever));
    expect(pidOf('late')).toBeUndefined();
  });
});
