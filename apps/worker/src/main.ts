import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { installTemporalRuntimeLogger } from '@ecvet/temporal';
import { Logger } from 'nestjs-pino';
import { assertPostgresReachable, ConfigurationError, validateEnvironment } from '@ecvet/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  await assertPostgresReachable(env.DATABASE_URL);
  // The SDK's own lines (core, bundler, worker state) go through our structured logger.
  const temporalLog = new NestLogger('Temporal');
  installTemporalRuntimeLogger(
    (level, message, meta) => {
      const line = meta ? { msg: message, ...meta } : message;
      if (level === 'ERROR') temporalLog.error(line);
      else if (level === 'WARN') temporalLog.warn(line);
      else temporalLog.debug(line);
    },
    env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN',
  );
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
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
