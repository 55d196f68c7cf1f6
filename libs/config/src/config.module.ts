import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** Typed access to the validated environment: inject `AppConfig`. */
export abstract class AppConfig extends Environment {}

@Global()
@Module({
  imports: [
    NestConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment,
    }),
  ],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      // ConfigService has validated process.env already (forRoot's `validate`); this gives the
      // typed, defaulted object to inject instead of string look-ups.
      useFactory: (_validated: ConfigService): AppConfig => validateEnvironment(process.env),
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
