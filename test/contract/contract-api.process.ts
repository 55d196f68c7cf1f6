import 'reflect-metadata';
import { sealSignerFromPem } from '@ecvet/event-store';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { contractWorld } from './contract-world';

/**
 * The API of the contract run as a real process — Node, not jest, so that the ES-module OpenID
 * libraries load as in production (`GET /auth/sign-in`): configured by the environment
 * (DATABASE_URL, PORT, TEMPORAL_ADDRESS, SEAL_SIGNING_KEY …), it loads the contract world, listens
 * and writes one JSON line `{ "port", "token", "targetTokenId" }` on stdout; SIGTERM closes it.
 */
async function main(): Promise<void> {
  const app = await createApiApp();
  await app.init();
  const world = await contractWorld(
    app,
    process.env.DATABASE_URL!,
    sealSignerFromPem(process.env.SEAL_SIGNING_KEY!),
  );
  const port = Number(process.env.PORT);
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port, ...world })}\n`);
  const stop = () => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`contract-api: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
