/**
 * The initial JavaScript of the built dashboard, gzipped: the scripts and module preloads that
 * dist/index.html loads (not the lazy chunks). The budget is < 300 KB.
 *
 *   npm run build:dashboard && npm run size:dashboard
 *
 * `initialJavaScript(dist)` is exported for tests that want the figure.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 300 * 1024;

export interface InitialJavaScript {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

export function initialJavaScript(dist = resolve(__dirname, '..', 'dist')): InitialJavaScript {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  const files = [...new Set(sources)].map((src) => {
    const content = readFileSync(join(dist, src.replace(/^\//, '')));
    return { file: src, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`no script in ${join(dist, 'index.html')}`);
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

if (require.main === module) {
  const result = initialJavaScript(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const f of result.files) console.log(`${f.file}  ${kb(f.bytes)}  gzip ${kb(f.gzipBytes)}`);
  const within = result.gzipBytes < BUDGET_BYTES;
  console.log(
    `initial JavaScript, gzipped: ${kb(result.gzipBytes)} (budget ${kb(BUDGET_BYTES)}) — ${within ? 'within' : 'OVER'}`,
  );
  if (!within) process.exitCode = 1;
}
