import type { EphemeralServerExecutable } from '@temporalio/testing';

/** The binaries global setup resolved, as the SDK's `existing-path` executables. */
export function temporalExecutable(kind: 'cli' | 'test-server'): EphemeralServerExecutable {
  const variable = kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH';
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run this suite through jest (global setup)`);
  return { type: 'existing-path', path };
}
