import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { makeTelemetryFilterString, type LogEntry, DefaultLogger } from '@temporalio/worker';
import type { TemporalSecurity } from './connection-security';

export interface StartWorkerOptions {
  address: string;
  /** TLS and an API key (`temporalSecurity`); none: a plain connection. */
  security?: TemporalSecurity;
  namespace: string;
  taskQueue: string;
  /** Path of the workflows module (TypeScript or JavaScript); the worker bundles it. */
  workflowsPath: string;
  activities?: WorkerOptions['activities'];
  /** Extra options (tuning, interceptors). */
  worker?: Partial<WorkerOptions>;
  /** Called on each failed connection attempt while the frontend is unreachable. */
  onRetry?: (attempt: number, error: unknown) => void;
  /** Give up after this many attempts (default: keep trying). */
  maxAttempts?: number;
}

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Settles when the worker has stopped; rejects if it crashed. */
  done: Promise<void>;
  /** Graceful stop: finish in-flight tasks, then close the connection. */
  stop(): Promise<void>;
}

/** Routes the SDK's own log lines (core and worker) into our logger. */
export function installTemporalRuntimeLogger(
  sink: (level: LogEntry['level'], message: string, meta?: Record<string, unknown>) => void,
  level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE' = 'WARN',
): void {
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => sink(entry.level, entry.message, entry.meta)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} },
    },
  });
}

/**
 * Connects (retrying with backoff while the frontend is down, so the worker can start before the
 * cluster), creates the worker and runs it in the background.
 */
export async function startTemporalWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const connection = await connectWithRetry(options);
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath: options.workflowsPath,
    activities: options.activities,
    ...options.worker,
  });
  const done = worker.run();
  let stopping: Promise<void> | undefined;
  return {
    worker,
    connection,
    done,
    stop() {
      stopping ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await done.catch(() => undefined);
        await connection.close();
      })();
      return stopping;
    },
  };
}

async function connectWithRetry(options: StartWorkerOptions): Promise<NativeConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address: options.address, ...options.security });
    } catch (err) {
      if (options.maxAttempts && attempt >= options.maxAttempts) throw err;
      options.onRetry?.(attempt, err);
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** (attempt - 1), 10_000)));
    }
  }
}
