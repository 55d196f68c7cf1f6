import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../infra/postgres/embedded-postgres';
import { freePort } from '../../infra/net';
import { ChildWorker } from '../lib/child';
import { log } from './results';
import type { WorkerRole } from './worker';

const WORKER = join(__dirname, 'worker.ts');
export const PG_SETTINGS = {
  synchronous_commit: 'on',
  fsync: 'on',
  max_connections: '200',
  shared_buffers: '512MB',
};

/** The benchmark's infrastructure: one embedded PostgreSQL cluster in a temporary directory, its
 * databases, and the worker processes (one per system under test and scenario). */
export class BenchCluster {
  private pg?: EmbeddedPostgresHandle;
  private dataRoot?: string;
  private readonly workers = new Set<ChildWorker>();

  constructor(private readonly options: { keepData: boolean }) {}

  get adminUrl(): string {
    return this.pg!.adminUrl;
  }

  urlFor(database: string): string {
    return this.pg!.urlFor(database);
  }

  async startPostgres(): Promise<void> {
    this.dataRoot = mkdtempSync(join(tmpdir(), 'ecvet-bench-'));
    // The postgres OS user (we may run as root) must be able to reach the data directory.
    chmodSync(this.dataRoot, 0o755);
    const port = await freePort();
    const started = process.hrtime.bigint();
    this.pg = await startEmbeddedPostgres({
      dataDir: join(this.dataRoot, 'pgdata'),
      port,
      settings: PG_SETTINGS,
    });
    log(
      `postgres: started on port ${port} in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s (data in ${this.dataRoot})`,
    );
  }

  async shutdown(): Promise<void> {
    for (const worker of this.workers) worker.kill();
    this.workers.clear();
    if (this.pg) {
      await this.pg.stop().catch((err: unknown) => log(`postgres: stop failed: ${String(err)}`));
      this.pg = undefined;
    }
    if (this.dataRoot) {
      if (this.options.keepData) log(`kept the data directory ${this.dataRoot}`);
      else rmSync(this.dataRoot, { recursive: true, force: true });
      this.dataRoot = undefined;
    }
  }

  async startWorker(label: string, role: WorkerRole): Promise<ChildWorker> {
    const worker = await ChildWorker.start(label, WORKER, role);
    this.workers.add(worker);
    return worker;
  }

  async stopWorker(worker: ChildWorker): Promise<void> {
    await worker.stop();
    this.workers.delete(worker);
  }

  async createDatabases(names: string[]): Promise<void> {
    const client = new Client({ connectionString: this.pg!.adminUrl });
    await client.connect();
    try {
      for (const name of names) {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          name,
        ]);
        if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Flush dirty pages before a scenario so an earlier scenario's checkpoint does not land in it. */
  async checkpoint(): Promise<void> {
    await this.admin('postgres', 'CHECKPOINT');
  }

  async admin(database: string, sql: string): Promise<void> {
    const client = new Client({ connectionString: this.pg!.urlFor(database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
