import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../infra/postgres/embedded-postgres';
import { freePort } from '../../infra/net';
import { resolveTemporalBinary } from '../../infra/temporal/temporal-binaries';
import { testServices, type TestServices } from './test-services';

/**
 * Once per `jest` run (the integration and e2e projects share it): one real PostgreSQL cluster —
 * embedded, or the server of DATABASE_URL — in which every suite creates and drops its own
 * database, and the Temporal binaries, resolved once so that tests start servers from an
 * existing path with no network.
 */
export default async function globalSetup(): Promise<void> {
  if (testServices()) return;
  const log = (line: string) => process.stderr.write(`[test-setup] ${line}\n`);
  const services: TestServices = { cleanup: [] };

  if (process.env.DATABASE_URL) {
    process.env.ECVET_TEST_ADMIN_URL = process.env.DATABASE_URL;
    log('PostgreSQL: using DATABASE_URL (each suite creates its own database there)');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ecvet-test-pg-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const started = Date.now();
    const pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port,
      // Test data is disposable: skip the fsyncs. Benchmarks never use this setting.
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '300',
      },
    });
    process.env.ECVET_TEST_ADMIN_URL = pg.adminUrl;
    services.postgres = pg;
    services.cleanup.push(dir);
    log(`PostgreSQL: embedded on port ${port} (${Date.now() - started} ms)`);
  }
  delete process.env.DATABASE_URL;

  for (const kind of ['cli', 'test-server'] as const) {
    const resolved = await resolveTemporalBinary(kind, { log });
    process.env[kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH'] = resolved.path;
  }
  testServices(services);
}
