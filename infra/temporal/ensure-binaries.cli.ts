// `npm run temporal:binaries`: obtain both Temporal binaries now (the start and the tests do it
// on demand too) and print which route each came from.
import { resolveTemporalBinary } from './temporal-binaries';

async function main(): Promise<void> {
  for (const kind of ['cli', 'test-server'] as const) {
    const found = await resolveTemporalBinary(kind, { log: (l) => process.stdout.write(`${l}\n`) });
    process.stdout.write(`${kind}: ${found.path} (${found.route})\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
