import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A built file the first load of the app fetches, with its size gzipped. */
export interface InitialFile {
  file: string;
  gzipBytes: number;
}

const STATIC_IMPORT =
  /\bfrom\s*["'](\.{0,2}\/[^"']+\.js)["']|\bimport\s*["'](\.{0,2}\/[^"']+\.js)["']/g;

/**
 * The JavaScript a browser loads before the first screen: dist/index.html's module scripts and
 * modulepreload links, and whatever those import statically (dynamic `import()`s — the pages'
 * chunks — load later), each gzipped with zlib at its best compression.
 */
export function initialJavaScript(dist: string): InitialFile[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\s${name}=["']([^"']*)["']`).exec(tag)?.[1];
  const roots = [
    ...[...html.matchAll(/<script\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => attribute(tag, 'type') === 'module')
      .map((tag) => attribute(tag, 'src')),
    ...[...html.matchAll(/<link\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => attribute(tag, 'rel') === 'modulepreload')
      .map((tag) => attribute(tag, 'href')),
  ].filter((src): src is string => src !== undefined);
  const seen = new Set<string>();
  const visit = (path: string) => {
    const file = path.replace(/^\//, '');
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of code.matchAll(STATIC_IMPORT))
      visit(new URL(m[1] ?? m[2], `http://x/${dir}`).pathname);
  };
  for (const root of roots) visit(new URL(root, 'http://x/').pathname);
  return [...seen].map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length,
  }));
}
