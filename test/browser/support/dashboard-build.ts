import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const DASHBOARD = join(ROOT, 'apps', 'dashboard');
export const DIST_INDEX = join(DASHBOARD, 'dist', 'index.html');

/** The newest modification time under a directory (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Why the built app is out of date, or undefined when it is current. */
export function staleness(): string | undefined {
  if (!existsSync(DIST_INDEX)) return 'apps/dashboard/dist/index.html is missing';
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) =>
    newest(join(DASHBOARD, p)),
  );
  if (Math.max(...sources) > built) return 'a source file under apps/dashboard is newer than dist';
  return undefined;
}

/**
 * The browser suites test the app the API serves: build it first (`npm run build:dashboard`)
 * when dist/index.html is missing or older than any source, so that a fresh clone's
 * `npm install && npm test` needs no manual step. Run once per jest run, from the browser
 * project's global setup.
 */
export function ensureDashboardBuilt(log: (line: string) => void): void {
  const why = staleness();
  if (!why) return;
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    }
  ).scripts;
  if (!scripts?.['build:dashboard'])
    throw new Error(
      `${why}, and package.json has no "build:dashboard" script to build it: ` +
        'the browser tests need the built dashboard (apps/dashboard/dist)',
    );
  const started = Date.now();
  log(`dashboard: ${why}; npm run build:dashboard …`);
  try {
    execFileSync('npm', ['run', 'build:dashboard', '--silent'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `npm run build:dashboard failed: ${e.message}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`,
    );
  }
  log(`dashboard: built in ${Date.now() - started} ms`);
}
