import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { AppConfig } from '@ecvet/config';
import { PG_POOL } from '@ecvet/database';
import { PostgresSealer, sealSignerFromPem } from '@ecvet/event-store';

/**
 * Seals the event log every SEAL_INTERVAL_SECONDS (PostgreSQL adapter, when SEAL_SIGNING_KEY is
 * set). Any number of workers may run it: each seal's sequence number is its primary key.
 */
@Injectable()
export class SealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SealerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EVENT_STORE !== 'postgres' || !this.config.SEAL_SIGNING_KEY) {
      this.logger.warn('SEAL_SIGNING_KEY is not set: the event log is not being sealed');
      return;
    }
    const signer = sealSignerFromPem(this.config.SEAL_SIGNING_KEY);
    const sealer = new PostgresSealer(this.pool, signer);
    this.logger.log(
      `sealing every ${this.config.SEAL_INTERVAL_SECONDS} s with key ${signer.keyId}`,
    );
    const tick = () => {
      this.running = sealer
        .sealPending()
        .then((seals) => {
          if (seals.length)
            this.logger.log(
              `sealed ${seals.reduce((n, s) => n + s.eventCount, 0)} events in ${seals.length} seal(s)`,
            );
        })
        .catch((err: unknown) =>
          this.logger.error(`sealing failed: ${err instanceof Error ? err.message : String(err)}`),
        );
    };
    tick();
    this.timer = setInterval(tick, this.config.SEAL_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
