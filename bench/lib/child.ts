import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * Each system under test runs in a child process of its own: no shared heap, JIT state or
 * process-wide settings (Emmett, for one, replaces `pg`'s global type parsers for int8 and json
 * when it creates a pool, which would otherwise change how our adapter and the baselines parse
 * rows). The parent only orchestrates; all timing happens inside the child.
 */

export type Request = { id: number; op: string; params: unknown };
export type Response =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export class ChildWorker {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (err: Error) => void }
  >();
  private exited = false;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: Response) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${label}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`${label}: worker exited (code ${code}, signal ${signal})`));
      }
      this.pending.clear();
    });
  }

  /** Forks `script` (TypeScript, through @swc-node/register) and sends it `init`. */
  static async start(label: string, script: string, init: unknown): Promise<ChildWorker> {
    const child = fork(script, [], {
      execArgv: [
        '-r',
        '@swc-node/register',
        '--max-old-space-size=4096',
        // BENCH_CPU_PROF=DIR: every worker writes a V8 CPU profile there (open in Chrome DevTools).
        ...(process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_WORKER_LABEL: label },
    });
    const worker = new ChildWorker(label, child);
    await worker.call('init', init);
    return worker;
  }

  call<T>(op: string, params: unknown = null): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.label}: worker has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, op, params } satisfies Request);
    });
  }

  /** Asks the worker to clean up and exit; kills it if it does not within `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await this.call('close');
    } catch {
      // It may exit before answering, or already be gone.
    }
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** The child's side: answers requests with `handlers`; `close` runs `onClose` and exits. */
export function serveRequests(
  handlers: Record<string, (params: any) => Promise<unknown>>,
  onClose: () => Promise<void>,
): void {
  const reply = (response: Response) =>
    new Promise<void>((resolve) => process.send!(response, () => resolve()));
  process.on('message', (request: Request) => {
    void (async () => {
      if (request.op === 'close') {
        try {
          await onClose();
        } finally {
          await reply({ id: request.id, ok: true, result: null });
          process.exit(0);
        }
        return;
      }
      try {
        const handler = handlers[request.op];
        if (!handler) throw new Error(`unknown operation ${request.op}`);
        await reply({ id: request.id, ok: true, result: await handler(request.params) });
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        await reply({ id: request.id, ok: false, error });
      }
    })();
  });
  // The parent is gone (crashed or killed): do not linger.
  process.on('disconnect', () => process.exit(1));
}
