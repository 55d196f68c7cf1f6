import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** Typed access to the validated environment: inject `AppConfig`. */
export abstract class AppConfig extends Environment {}

/**
 * @nestjs/config for the process environment, plus `AppConfig`: the environment validated by
 * class-validator when the application is created (not when this file is imported, so tests can
 * set variables first). A bad value fails creation with a message naming the variable.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true })],
  providers: [
    { provide: AppConfig, useFactory: (): AppConfig => validateEnvironment(process.env) },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
