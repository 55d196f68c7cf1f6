import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalBinary } from './temporal-binaries';

describe('resolving the Temporal binaries', () => {
  let tools: string;
  const saved = { ...process.env };

  beforeEach(() => {
    tools = mkdtempSync(join(tmpdir(), 'ecvet-tools-'));
    process.env.ECVET_TOOLS_DIR = tools;
    process.env.PATH = '/nonexistent';
    delete process.env.TEMPORAL_CLI_PATH;
    delete process.env.TEMPORAL_TEST_SERVER_PATH;
    delete process.env.TEMPORAL_SKIP_ROUTES;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(tools, { recursive: true, force: true });
  });

  function fakeExecutable(path: string): string {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  }

  it('takes an explicit TEMPORAL_CLI_PATH first', async () => {
    const exe = fakeExecutable(join(tools, 'elsewhere', 'temporal'));
    process.env.TEMPORAL_CLI_PATH = exe;
    await expect(resolveTemporalBinary('cli')).resolves.toEqual({
      kind: 'cli',
      path: exe,
      route: 'env',
    });
  });

  it('rejects a TEMPORAL_TEST_SERVER_PATH that is not executable, naming it', async () => {
    process.env.TEMPORAL_TEST_SERVER_PATH = join(tools, 'missing');
    await expect(resolveTemporalBinary('test-server')).rejects.toThrow(/TEMPORAL_TEST_SERVER_PATH/);
  });

  it('finds a binary on PATH before the tool cache', async () => {
    const dir = join(tools, 'bin');
    const exe = fakeExecutable(join(dir, 'temporal'));
    fakeExecutable(join(tools, 'temporal', 'pypi', 'cli', 'bin', 'temporal'));
    process.env.PATH = dir;
    await expect(resolveTemporalBinary('cli')).resolves.toMatchObject({ path: exe, route: 'path' });
  });

  it('finds what an earlier run left in the tool cache, and says so', async () => {
    const exe = fakeExecutable(
      join(tools, 'temporal', 'pypi', 'test-server', 'bin', 'temporal-test-server'),
    );
    const lines: string[] = [];
    const found = await resolveTemporalBinary('test-server', { log: (l) => lines.push(l) });
    expect(found).toEqual({ kind: 'test-server', path: exe, route: 'tool-cache' });
    expect(lines.join('\n')).toContain('route: tool-cache');
  });

  it('lists every route it tried when none works', async () => {
    process.env.TEMPORAL_SKIP_ROUTES = 'sdk-download,pypi,go-install';
    await expect(resolveTemporalBinary('cli')).rejects.toThrow(/path: .*\n.*tool-cache: /);
  });
});
