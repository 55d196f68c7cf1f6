import { join } from 'node:path';

/** The contract run's Schemathesis settings file (checks' expectations, pinned parameters). */
export const CONFIG_FILE = join(__dirname, 'schemathesis.toml');

export interface RunOptions {
  /** Where the API serves its OpenAPI document (`…/api/docs-json`). */
  documentUrl: string;
  seed: number;
  /** The operator's API token. */
  token: string;
}

/**
 * `schemathesis run` as the contract test calls it (Schemathesis 4): every check, every phase
 * (examples, coverage, fuzzing, stateful), a bounded number of cases per operation so that the
 * run takes a few minutes on two cores, and no example database (each run is its seed's alone).
 */
export function schemathesisArguments({ documentUrl, seed, token }: RunOptions): string[] {
  return [
    '--config-file',
    CONFIG_FILE,
    'run',
    documentUrl,
    '--checks',
    'all',
    '--seed',
    String(seed),
    '--header',
    `Authorization: Bearer ${token}`,
    '--max-examples',
    '30',
    '--workers',
    '2',
    '--generation-database',
    'none',
    '--no-color',
  ];
}
