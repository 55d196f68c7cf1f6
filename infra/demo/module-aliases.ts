import Module from 'node:module';
import { join } from 'node:path';

/**
 * `npm run demo` compiles infra/ with plain tsc, which keeps the `@ecvet/<lib>` imports of the
 * libraries it reaches (the command line's local system): resolve them to the compiled
 * `libs/<lib>/src` beside this file's tree, as the Nest build and the tests' path mapping do.
 * Imported first by main.ts; under a TypeScript loader it maps to the sources the same way.
 */
const root = join(__dirname, '..', '..');
type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]) {
  const lib = /^@ecvet\/([a-z-]+)$/.exec(request)?.[1];
  return resolve.call(this, lib ? join(root, 'libs', lib, 'src') : request, ...rest);
};
