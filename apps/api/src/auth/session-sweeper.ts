import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Sessions } from '@ecvet/identity';

const SWEEP_EVERY_MS = 60 * 60_000;

/** Once an hour, deletes the sessions that can never be used again (ended or expired a day ago). */
@Injectable()
export class SessionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly sessions: Sessions) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const deleted = await this.sessions.sweep();
      if (deleted) this.logger.log(`deleted ${deleted} ended or expired sessions`);
    } catch (err) {
      this.logger.warn(`session sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
