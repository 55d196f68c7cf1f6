import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { sleep } from '../net';
import { hasExited, terminate } from '../process';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  /** SQLite file for persistent state; omit for in-memory. */
  dbFile?: string;
  namespace?: string;
  /** Search attributes to register, name → type (Keyword, Text, Int, Bool, Datetime, ...). */
  searchAttributes?: Record<string, string>;
  /** Extra `--dynamic-config-value KEY=VALUE` pairs. */
  dynamicConfig?: Record<string, unknown>;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface DevServerHandle {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `temporal server start-dev` and waits until its frontend answers health checks. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  const namespace = options.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--log-level',
    'warn',
  ];
  if (namespace !== 'default') args.push('--namespace', namespace);
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const log = options.onLog ?? (() => undefined);
  // Its own process group: a terminal Ctrl-C must not stop it before the worker has drained.
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  // The head of the output names a Go panic's cause; the tail carries the stack.
  let head = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (head.length < 2_000) head = (head + text).slice(0, 2_000);
    output = (output + text).slice(-4_000);
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const handle: DevServerHandle = {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    // SIGTERM lets it flush the SQLite file.
    stop: () => terminate(child, 10_000),
  };
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(
        `temporal server start-dev exited (${child.exitCode ?? child.signalCode}): ${head.trim()}\n…\n${output.trim()}`,
      );
    }
    if (await answersHealthCheck(address, namespace)) return handle;
    await sleep(250);
  }
  await handle.stop();
  throw new Error(
    `temporal server start-dev did not answer on ${address} in time: ${output.trim()}`,
  );
}

async function answersHealthCheck(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.withDeadline(Date.now() + 2_000, async () => {
      await connection!.healthService.check({});
      await connection!.workflowService.describeNamespace({ namespace });
    });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
