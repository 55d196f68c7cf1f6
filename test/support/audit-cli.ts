import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';

/** The auditors' command line as a child process, and the API listening for it (audit tests). */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');

export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return `http://127.0.0.1:${port}`;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ecvet …` from the sources, with `env` added to this process's. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: root, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface Report {
  ok: boolean;
  problem?: { kind: string; message: string; stream?: string; version?: number; seal?: number };
  events: number;
  keys: string;
  checkpoint?: string;
  warnings: string[];
}

export async function verifyBundle(
  file: string,
  ...options: string[]
): Promise<Run & { report: Report }> {
  const r = await cli(['verify-bundle', file, '--json', ...options]);
  return { ...r, report: JSON.parse(r.stdout) as Report };
}
