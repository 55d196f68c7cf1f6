import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ensureSchemathesis,
  installCommands,
  schemathesisDir,
  SCHEMATHESIS,
  type Command,
} from './schemathesis';

describe('obtaining Schemathesis', () => {
  let tools: string;
  const saved = { ...process.env };

  beforeEach(() => {
    tools = mkdtempSync(join(tmpdir(), 'ecvet-tools-'));
    process.env.ECVET_TOOLS_DIR = tools;
    delete process.env.SCHEMATHESIS_PATH;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(tools, { recursive: true, force: true });
  });

  const executable = (path: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };
  const cached = () => join(schemathesisDir(), 'venv', 'bin', 'schemathesis');

  /** A pip that "installs" by creating the executable, recording every command. */
  const fakeInstall = (commands: Command[]) => (command: Command) => {
    commands.push(command);
    if (command[1] === 'install') executable(cached());
    return undefined;
  };

  it('keeps the pinned version in its own folder of the tool cache', () => {
    expect(schemathesisDir()).toBe(join(tools, 'schemathesis', SCHEMATHESIS.version));
  });

  it('builds a virtual environment and installs exactly the pinned version', () => {
    const dir = join(tools, 'st');
    expect(installCommands(dir, '/usr/bin/python3')).toEqual([
      ['/usr/bin/python3', '-m', 'venv', join(dir, 'venv')],
      [
        join(dir, 'venv', 'bin', 'pip'),
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-input',
        `schemathesis==${SCHEMATHESIS.version}`,
      ],
      [join(dir, 'venv', 'bin', 'schemathesis'), '--version'],
    ]);
  });

  it('installs once, then reuses the environment without running anything', () => {
    const commands: Command[] = [];
    const first = ensureSchemathesis({ python: 'python3', run: fakeInstall(commands) });
    expect(first).toBe(cached());
    expect(commands).toHaveLength(3);

    const again = ensureSchemathesis({
      python: 'python3',
      run: () => {
        throw new Error('nothing should run');
      },
    });
    expect(again).toBe(first);
  });

  it('takes a half-built environment (no marker) for none and builds it again', () => {
    executable(cached());
    const commands: Command[] = [];
    ensureSchemathesis({ python: 'python3', run: fakeInstall(commands) });
    expect(commands.map((c) => c[1])).toEqual(['-m', 'install', '--version']);
  });

  it('names the failing step and leaves nothing half-built behind', () => {
    expect(() =>
      ensureSchemathesis({
        python: 'python3',
        run: (command) => (command[1] === 'install' ? 'exit 1: no network' : undefined),
      }),
    ).toThrow(/pip install .*schemathesis==.*no network/);
    expect(existsSync(schemathesisDir())).toBe(false);
  });

  it('uses SCHEMATHESIS_PATH when set, and refuses one that is not executable', () => {
    const exe = executable(join(tools, 'elsewhere', 'schemathesis'));
    process.env.SCHEMATHESIS_PATH = exe;
    expect(ensureSchemathesis({ run: () => 'must not run' })).toBe(exe);
    process.env.SCHEMATHESIS_PATH = join(tools, 'missing');
    expect(() => ensureSchemathesis()).toThrow(/SCHEMATHESIS_PATH=.*missing is not an executable/);
  });
});
