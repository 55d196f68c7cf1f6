import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The supervisor's status file: `npm start` rewrites it (under the data dir) whenever a part
 * starts or exits, and names it to the parts in this variable; the API's `GET /health` shows its
 * `parts` under `info.supervisor`. No variable (the API run otherwise): no such entry.
 */
export const SUPERVISOR_STATUS_VARIABLE = 'ECVET_SUPERVISOR_STATUS';

export interface PartStatus {
  /** False while the part waits out its back-off before a restart (or after giving up). */
  running: boolean;
  /** When its current (or last) process started, ISO 8601. */
  startedAt: string;
  /** Restarts since `npm start` began. */
  restarts: number;
  lastRestartAt: string | null;
  /** How its last process ended: an exit code or a signal. */
  lastExit: { code: number | null; signal: string | null; at: string } | null;
}

export interface SupervisorStatus {
  updatedAt: string;
  parts: Record<string, PartStatus>;
}

/** Whole or not at all: a reader never sees half a file (write aside, then rename over). */
export function writeStatusFile(path: string, status: SupervisorStatus): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, `${JSON.stringify(status, null, 2)}\n`);
  renameSync(aside, path);
}

export function removeStatusFile(path: string): void {
  rmSync(path, { force: true });
}
