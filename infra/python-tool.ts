import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isExecutable, whichSync } from './executables';

/**
 * A pinned tool from PyPI in a virtual environment of the git-ignored tool cache, built on first
 * use with no manual step (the Schemathesis of the contract test, the deployment validators):
 * `python -m venv`, `pip install` of the pinned requirements, a check that the tool runs, and a
 * marker file written last, so that a half-built environment is never taken for one.
 */

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

export interface PythonTool {
  /** How log lines and errors name it, e.g. `schemathesis`. */
  label: string;
  /** The environment's directory (its `venv/` and marker inside). */
  dir: string;
  /** `pip install` arguments, every one pinned (`name==version`). */
  requirements: readonly string[];
  /** What `ensurePythonTool` returns: the executable in the environment, from `venvBin`. */
  executable: string;
  /** A command that must succeed once installed (e.g. `--version`). */
  check: Command;
}

/** `dir`'s virtual environment's `bin/<name>`. */
export const venvBin = (dir: string, name: string) => join(dir, 'venv', 'bin', name);
const markerIn = (dir: string) => join(dir, 'installed');

/** The commands that build the tool's environment with `python`. */
export function venvInstallCommands(tool: PythonTool, python: string): Command[] {
  return [
    [python, '-m', 'venv', join(tool.dir, 'venv')],
    [
      venvBin(tool.dir, 'pip'),
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      ...tool.requirements,
    ],
    tool.check,
  ];
}

/** The tool's executable: the tool cache's, else an environment built there now from PyPI. */
export function ensurePythonTool(tool: PythonTool, options: EnsureOptions = {}): string {
  const log = options.log ?? (() => undefined);
  if (existsSync(markerIn(tool.dir)) && isExecutable(tool.executable)) return tool.executable;
  const python = options.python ?? ['python3', 'python'].find((p) => whichSync(p));
  if (!python) throw new Error(`${tool.label} needs Python 3 with venv: no python3 on PATH`);
  log(`${tool.label}: installing ${tool.requirements.join(' ')} from PyPI into ${tool.dir} ...`);
  rmSync(tool.dir, { recursive: true, force: true });
  const run = options.run ?? runCommand;
  for (const command of venvInstallCommands(tool, python)) {
    const failure = run(command);
    if (failure !== undefined) {
      rmSync(tool.dir, { recursive: true, force: true });
      throw new Error(`Could not install ${tool.label}: ${command.join(' ')}: ${failure}`);
    }
  }
  if (!isExecutable(tool.executable))
    throw new Error(`${tool.label} installed, but ${tool.executable} is missing`);
  writeFileSync(markerIn(tool.dir), `${tool.requirements.join('\n')}\n`);
  log(`${tool.label}: ${tool.executable}`);
  return tool.executable;
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
