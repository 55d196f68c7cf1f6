import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file that holds our package.json.
 * Works from the TypeScript sources and from the compiled `dist/` tree alike. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'nest-cli.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(process.cwd());
    dir = parent;
  }
}

/** Git-ignored folders: runtime data (databases, SQLite files) and the tool cache (binaries). */
export const dataDir = (): string => process.env.ECVET_DATA_DIR ?? join(projectRoot(), '.data');
export const toolsDir = (): string => process.env.ECVET_TOOLS_DIR ?? join(projectRoot(), '.tools');
