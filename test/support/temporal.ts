import type { EphemeralServerExecutable } from '@temporalio/testing';
import { freePort } from '../../infra/net';
import {
  startTemporalDevServer,
  type DevServerHandle,
  type DevServerOptions,
} from '../../infra/temporal/temporal-dev-server';

/** The binaries global setup resolved, as the SDK's `existing-path` executables. */
export function temporalExecutable(kind: 'cli' | 'test-server'): EphemeralServerExecutable {
  const variable = kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH';
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run this suite through jest (global setup)`);
  return { type: 'existing-path', path };
}

/**
 * The dev server on free ports, picked again when one was taken meanwhile: a port found free can
 * be bound by another process (a browser, another server of the same suite) before the dev
 * server binds it, and then it exits with "address already in use".
 */
export async function startDevServerOnFreePorts(
  options: Omit<DevServerOptions, 'port' | 'uiPort' | 'cliPath'> & { cliPath?: string },
): Promise<DevServerHandle> {
  const cliPath = options.cliPath ?? process.env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run this suite through jest');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTemporalDevServer({
        ...options,
        cliPath,
        port: await freePort(),
        uiPort: await freePort(),
      });
    } catch (err) {
      if (attempt >= 3 || !/address already in use/.test(String(err))) throw err;
    }
  }
}
