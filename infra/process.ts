import type { ChildProcess } from 'node:child_process';

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function terminate(
  child: ChildProcess,
  graceMs = 15_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const killer = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      if (!hasExited(child)) child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  // The timer must not outlive the process: it would hold the event loop open for `graceMs`.
  await Promise.race([exited, killer]);
  clearTimeout(timer);
  await exited;
}
