import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@ecvet/config';
import { temporalSecurity } from './connection-security';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const InjectTemporalConnection = () => Inject(TEMPORAL_CONNECTION);

@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(@InjectTemporalConnection() private readonly connection: Connection) {}
  /** At most 5 s: a connection to an unreachable cluster must not keep the process alive. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.race([
      this.connection.close().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
    ]);
  }
}

/**
 * The Temporal client for the API. The connection is lazy: the API starts, serves commands and
 * reports Temporal as down in /health while the cluster is unreachable, and connects when it can.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        Connection.lazy({ address: config.TEMPORAL_ADDRESS, ...temporalSecurity(config) }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, AppConfig],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    },
    ConnectionCloser,
  ],
  exports: [TEMPORAL_CONNECTION, Client],
})
export class TemporalClientModule {}
