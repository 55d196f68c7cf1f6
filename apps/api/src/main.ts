import 'reflect-metadata';
import { assertPostgresReachable, ConfigurationError, validateEnvironment } from '@ecvet/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  await assertPostgresReachable(env.DATABASE_URL);
  const app = await createApiApp();
  await app.listen(env.PORT, '0.0.0.0');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `api: ${err instanceof ConfigurationError ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
