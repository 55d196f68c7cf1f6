import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  COMPOSE_SPEC,
  composeModuleZipUrl,
  composeSchemaPath,
  ensureComposeSchema,
  ensureValidatorPython,
  escapeModulePath,
  goProxy,
  installCommands,
  KUBERNETES_VALIDATE,
  validatorsDir,
  type Command,
} from '../../infra/validators/deploy-validators';

describe('obtaining the deployment validators', () => {
  let tools: string;
  const saved = { ...process.env };

  beforeEach(() => {
    tools = mkdtempSync(join(tmpdir(), 'ecvet-tools-'));
    process.env.ECVET_TOOLS_DIR = tools;
    delete process.env.GOPROXY;
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
  const cachedPython = () => join(validatorsDir(), 'venv', 'bin', 'python');
  const fakeInstall = (commands: Command[]) => (command: Command) => {
    commands.push(command);
    if (command[1] === 'install') executable(cachedPython());
    return undefined;
  };

  it('keeps each pinned version in its own folder of the tool cache', () => {
    expect(validatorsDir()).toBe(join(tools, 'deploy-validators', KUBERNETES_VALIDATE.version));
    expect(composeSchemaPath()).toBe(
      join(tools, 'compose-spec', COMPOSE_SPEC.version, 'compose-spec.json'),
    );
  });

  it('installs kubernetes-validate and every package it needs at pinned versions', () => {
    const dir = join(tools, 'v');
    const [venv, pip, check] = installCommands(dir, '/usr/bin/python3');
    expect(venv).toEqual(['/usr/bin/python3', '-m', 'venv', join(dir, 'venv')]);
    expect(pip.slice(0, 2)).toEqual([join(dir, 'venv', 'bin', 'pip'), 'install']);
    const requirements = pip.filter((a) => !a.startsWith('-')).slice(2);
    expect(requirements).toContain(`kubernetes-validate==${KUBERNETES_VALIDATE.version}`);
    for (const r of requirements) expect(r).toMatch(/^[A-Za-z0-9_.-]+==\d[\w.]*$/);
    expect(requirements).toEqual(expect.arrayContaining([expect.stringMatching(/^jsonschema==/)]));
    expect(check).toEqual([
      join(dir, 'venv', 'bin', 'python'),
      '-m',
      'kubernetes_validate',
      '--version',
    ]);
  });

  it('installs once, then reuses the environment; a half-built one is built again', () => {
    const commands: Command[] = [];
    const lines: string[] = [];
    const first = ensureValidatorPython({
      python: 'python3',
      run: fakeInstall(commands),
      log: (l) => lines.push(l),
    });
    expect(first).toBe(cachedPython());
    expect(commands).toHaveLength(3);
    expect(lines[0]).toMatch(
      /installing kubernetes-validate==\S+ jsonschema==\S+ .* from PyPI into /,
    );
    expect(ensureValidatorPython({ run: () => 'must not run' })).toBe(first);

    rmSync(join(validatorsDir(), 'installed'));
    const again: Command[] = [];
    ensureValidatorPython({ python: 'python3', run: fakeInstall(again) });
    expect(again.map((c) => c[1])).toEqual(['-m', 'install', '-m']);
  });

  it('names the failing step and leaves nothing half-built behind', () => {
    expect(() =>
      ensureValidatorPython({
        python: 'python3',
        run: (command) => (command[1] === 'install' ? 'exit 1: no network' : undefined),
      }),
    ).toThrow(/pip install .*kubernetes-validate==.*no network/);
    expect(existsSync(validatorsDir())).toBe(false);
  });

  it('asks the Go module proxy of GOPROXY (its first http entry), else proxy.golang.org', () => {
    expect(goProxy({})).toBe('https://proxy.golang.org');
    expect(goProxy({ GOPROXY: 'https://goproxy.school.example/,direct' })).toBe(
      'https://goproxy.school.example',
    );
    expect(goProxy({ GOPROXY: 'off' })).toBe('https://proxy.golang.org');
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(composeModuleZipUrl('https://proxy.golang.org')).toBe(
      `https://proxy.golang.org/github.com/compose-spec/compose-go/v2/@v/${COMPOSE_SPEC.version}.zip`,
    );
  });

  it('refuses a module zip whose SHA-256 is not the pinned one, and keeps nothing', async () => {
    const urls: string[] = [];
    await expect(
      ensureComposeSchema({
        download: (url) => {
          urls.push(url);
          return Promise.resolve(Buffer.from('something else'));
        },
      }),
    ).rejects.toThrow(
      new RegExp(
        `SHA-256 ${createHash('sha256').update('something else').digest('hex')}, expected ${COMPOSE_SPEC.zipSha256}`,
      ),
    );
    expect(urls).toEqual([composeModuleZipUrl()]);
    expect(existsSync(composeSchemaPath())).toBe(false);
  });

  it('takes the cached schema without downloading', async () => {
    mkdirSync(dirname(composeSchemaPath()), { recursive: true });
    writeFileSync(composeSchemaPath(), '{}');
    const path = await ensureComposeSchema({ download: () => Promise.reject(new Error('no')) });
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });
});
