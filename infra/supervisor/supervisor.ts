import { spawn, type ChildProcess } from 'node:child_process';
import { hasExited, terminate } from '../process';
import { OutputTail } from './output-tail';
import {
  afterCrash,
  DEFAULT_RESTART_POLICY,
  NO_CRASHES,
  type CrashHistory,
  type RestartPolicy,
} from './restart-policy';
import {
  removeStatusFile,
  SUPERVISOR_STATUS_VARIABLE,
  writeStatusFile,
  type PartStatus,
} from './status-file';

/** A part of the system that runs as a Node.js process: the API, the worker. */
export interface PartSpec {
  name: string;
  /** The script it runs. */
  entry: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** Rewritten whenever a part starts or exits; see status-file.ts. */
  statusFile: string;
  log: (line: string) => void;
  /** Called once a part has crashed too often (see restart-policy.ts); it is not restarted. */
  onGiveUp: (name: string) => void;
  policy?: RestartPolicy;
  /** How long a part may take to stop after SIGTERM before it gets SIGKILL. */
  stopGraceMs?: number;
}

interface Part {
  spec: PartSpec;
  child: ChildProcess;
  startedAt: number;
  output: OutputTail;
  history: CrashHistory;
  restarts: number;
  lastRestartAt?: number;
  lastExit?: { code: number | null; signal: NodeJS.Signals | null; at: number };
  restartTimer?: NodeJS.Timeout;
}

/**
 * Runs the parts as child processes and restarts one that exits on its own, after a back-off,
 * while the others keep running; gives up on a part that crashes too often (restart-policy.ts).
 * `stop()` ends them in the reverse order of `start()`.
 */
export class Supervisor {
  private readonly parts: Part[] = [];
  private stopping?: Promise<void>;

  constructor(private readonly options: SupervisorOptions) {}

  start(spec: PartSpec): void {
    if (this.stopping) return;
    const part: Part = { spec, history: NO_CRASHES, restarts: 0, ...this.launch(spec) };
    this.parts.push(part);
    this.watch(part);
    this.writeStatus();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const part of [...this.parts].reverse()) {
        clearTimeout(part.restartTimer);
        if (!hasExited(part.child)) this.options.log(`stopping ${part.spec.name} ...`);
        await terminate(part.child, this.options.stopGraceMs ?? 20_000);
      }
      removeStatusFile(this.options.statusFile);
    })();
    return this.stopping;
  }

  private launch(spec: PartSpec): Pick<Part, 'child' | 'startedAt' | 'output'> {
    // A new process group: a terminal Ctrl-C reaches the launcher only, which stops the parts in
    // order (the API first, then the worker) before the servers they depend on. Their output goes
    // through pipes so that a crash report can quote its last lines; FORCE_COLOR keeps pretty
    // logs coloured at a terminal.
    const child = spawn(process.execPath, ['--enable-source-maps', spec.entry], {
      env: {
        ...(process.stdout.isTTY && !spec.env.FORCE_COLOR ? { FORCE_COLOR: '1' } : {}),
        ...spec.env,
        [SUPERVISOR_STATUS_VARIABLE]: this.options.statusFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output = new OutputTail();
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output.add('stdout', chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      output.add('stderr', chunk);
    });
    return { child, startedAt: Date.now(), output };
  }

  private watch(part: Part): void {
    part.child.once('exit', (code, signal) => {
      const at = Date.now();
      // Its last lines may still be in the pipes; wait for them, though not for long (a process
      // it started could hold them open).
      let timer: NodeJS.Timeout | undefined;
      const drained = new Promise<void>((resolve) => {
        part.child.once('close', () => resolve());
        timer = setTimeout(resolve, 1_000);
      });
      void drained.then(() => {
        clearTimeout(timer);
        this.exited(part, { code, signal, at });
      });
    });
  }

  private exited(part: Part, exit: NonNullable<Part['lastExit']>): void {
    part.lastExit = exit;
    if (this.stopping) return;
    const { name } = part.spec;
    const how = exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
    const decision = afterCrash(
      part.history,
      { startedAt: part.startedAt, exitedAt: exit.at },
      this.options.policy ?? DEFAULT_RESTART_POLICY,
    );
    part.history = decision.history;
    this.writeStatus();
    if (decision.action === 'give-up') {
      const { log } = this.options;
      log(
        `${name} crashed ${decision.crashes} times within ${decision.withinMs / 1000} s, ` +
          `the last time with ${how}; not restarting it again`,
      );
      const lines = part.output.last();
      if (lines.length > 0) log(`the last lines of its output:`);
      for (const line of lines) log(`  | ${line}`);
      this.options.onGiveUp(name);
      return;
    }
    const ran = seconds(exit.at - part.startedAt);
    this.options.log(
      `${name} exited unexpectedly (${how}) after ${ran}; restarting it in ${seconds(decision.delayMs)}`,
    );
    part.restartTimer = setTimeout(() => {
      part.restartTimer = undefined;
      if (this.stopping) return;
      Object.assign(part, this.launch(part.spec));
      part.restarts += 1;
      part.lastRestartAt = part.startedAt;
      this.watch(part);
      this.writeStatus();
    }, decision.delayMs);
  }

  private writeStatus(): void {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const parts: Record<string, PartStatus> = {};
    for (const part of this.parts) {
      parts[part.spec.name] = {
        running: !hasExited(part.child),
        startedAt: new Date(part.startedAt).toISOString(),
        restarts: part.restarts,
        lastRestartAt: iso(part.lastRestartAt),
        lastExit: part.lastExit
          ? { ...part.lastExit, at: new Date(part.lastExit.at).toISOString() }
          : null,
      };
    }
    try {
      writeStatusFile(this.options.statusFile, { updatedAt: new Date().toISOString(), parts });
    } catch (err) {
      // /health then shows older figures; the parts themselves are unaffected.
      this.options.log(
        `could not write ${this.options.statusFile}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
