import { join } from 'node:path';
import { toolsDir } from '../../libs/config/src/project-paths';
import { isExecutable } from '../executables';
import {
  ensurePythonTool,
  venvBin,
  venvInstallCommands,
  type Command,
  type EnsureOptions,
  type PythonTool,
} from '../python-tool';

export type { Command, EnsureOptions, Runner } from '../python-tool';

/** The pinned Schemathesis (PyPI) the contract test runs; bump it here and only here. */
export const SCHEMATHESIS = { pkg: 'schemathesis', version: '4.32.5' } as const;

/** Where the pinned version lives: a virtual environment in the git-ignored tool cache. */
export function schemathesisDir(): string {
  return join(toolsDir(), 'schemathesis', SCHEMATHESIS.version);
}

function tool(dir = schemathesisDir()): PythonTool {
  const executable = venvBin(dir, 'schemathesis');
  return {
    label: 'schemathesis',
    dir,
    requirements: [`${SCHEMATHESIS.pkg}==${SCHEMATHESIS.version}`],
    executable,
    check: [executable, '--version'],
  };
}

/** The commands that build the environment in `dir` with `python`. */
export function installCommands(dir: string, python: string): Command[] {
  return venvInstallCommands(tool(dir), python);
}

/**
 * The Schemathesis executable, obtained with no manual step: `SCHEMATHESIS_PATH` if set, else the
 * tool cache's environment of the pinned version, else one built there now from PyPI (about ten
 * seconds; the next call is instant).
 */
export function ensureSchemathesis(options: EnsureOptions = {}): string {
  const fromEnv = process.env.SCHEMATHESIS_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`SCHEMATHESIS_PATH=${fromEnv} is not an executable file`);
  }
  return ensurePythonTool(tool(), options);
}
