import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable named `exe` on the PATH, as `which` finds it. */
export function whichSync(exe: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && isExecutable(join(dir, exe))) return join(dir, exe);
  return undefined;
}
