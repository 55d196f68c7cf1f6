import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium the browser tests drive: the one `@sparticuz/chromium` ships inside its npm
 * package (brotli-compressed, unpacked to the temporary directory on first use), so that
 * `npm install && npm test` needs no browser on the machine and no download step of its own.
 *
 * `@sparticuz/chromium` is an ES module only. Rather than have jest transform it, we ask a child
 * Node process (which loads ES modules natively) for the unpacked executable's path: it is the
 * only thing we need from the package.
 */
let executable: string | undefined;

export function chromiumExecutable(): string {
  executable ??= execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { default: c } = await import('@sparticuz/chromium'); process.stdout.write(await c.executablePath());",
    ],
    { encoding: 'utf8', cwd: __dirname, timeout: 120_000 },
  ).trim();
  return executable;
}

/**
 * The package's own flags are made for serverless functions (one process, web security off);
 * we keep what a container needs and leave web security — same-origin, CSP — as in a browser.
 */
const ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--font-render-hinting=none',
  '--no-default-browser-check',
  '--no-pings',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: ARGS, headless: true });
}
