import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { assertPostgresReachable, ConfigurationError, validateEnvironment } from '@ecvet/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  await assertPostgresReachable(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `worker: ${err instanceof ConfigurationError ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
