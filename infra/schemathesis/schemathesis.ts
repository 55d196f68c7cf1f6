import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from '../../libs/config/src/project-paths';
import { isExecutable, whichSync } from '../executables';

/** The pinned Schemathesis (PyPI) the contract test runs; bump it here and only here. */
export const SCHEMATHESIS = { pkg: 'schemathesis', version: '4.32.5' } as const;

/** One command of the installation: `[executable, ...arguments]`. */
export type Command = readonly [string, ...string[]];
/** Runs a command; `undefined` when it succeeded, else why not (tests pass a fake). */
export type Runner = (command: Command) => string | undefined;

export interface EnsureOptions {
  /** One line per step, so whoever waits sees what is happening. */
  log?: (line: string) => void;
  run?: Runner;
  /** The Python to build the virtual environment with (default: python3 or python on PATH). */
  python?: string;
}

/** Where the pinned version lives: a virtual environment in the git-ignored tool cache. */
export function schemathesisDir(): string {
  return join(toolsDir(), 'schemathesis', SCHEMATHESIS.version);
}

const executableIn = (dir: string) => join(dir, 'venv', 'bin', 'schemathesis');
/** Written once the installation finished: a half-built environment is never taken for one. */
const markerIn = (dir: string) => join(dir, 'installed');

/** The commands that build the environment in `dir` with `python`. */
export function installCommands(dir: string, python: string): Command[] {
  const pip = join(dir, 'venv', 'bin', 'pip');
  return [
    [python, '-m', 'venv', join(dir, 'venv')],
    [
      pip,
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      `${SCHEMATHESIS.pkg}==${SCHEMATHESIS.version}`,
    ],
    [executableIn(dir), '--version'],
  ];
}

/**
 * The Schemathesis executable, obtained with no manual step: `SCHEMATHESIS_PATH` if set, else the
 * tool cache's environment of the pinned version, else one built there now from PyPI (about ten
 * seconds; the next call is instant).
 */
export function ensureSchemathesis(options: EnsureOptions = {}): string {
  const log = options.log ?? (() => undefined);
  const fromEnv = process.env.SCHEMATHESIS_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`SCHEMATHESIS_PATH=${fromEnv} is not an executable file`);
  }
  const dir = schemathesisDir();
  const exe = executableIn(dir);
  if (existsSync(markerIn(dir)) && isExecutable(exe)) return exe;

  const python = options.python ?? ['python3', 'python'].find((p) => whichSync(p));
  if (!python) throw new Error('Schemathesis needs Python 3 with venv: no python3 on PATH');
  log(`schemathesis: installing ${SCHEMATHESIS.pkg}==${SCHEMATHESIS.version} into ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  const run = options.run ?? runCommand;
  for (const command of installCommands(dir, python)) {
    const failure = run(command);
    if (failure !== undefined) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Could not install Schemathesis: ${command.join(' ')}: ${failure}`);
    }
  }
  if (!isExecutable(exe)) throw new Error(`Schemathesis installed, but ${exe} is missing`);
  writeFileSync(markerIn(dir), `${SCHEMATHESIS.pkg}==${SCHEMATHESIS.version}\n`);
  log(`schemathesis: ${exe}`);
  return exe;
}

function runCommand([exe, ...args]: Command): string | undefined {
  const result = spawnSync(exe, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  if (result.error) return result.error.message;
  if (result.status === 0) return undefined;
  const output = `${result.stderr}${result.stdout}`.trim().split('\n').slice(-5).join('\n');
  return `exit ${result.status}: ${output}`;
}
