import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { AppConfig, checkpointDigestPeriodMs, mailAddressList } from '@ecvet/config';
import { PG_POOL } from '@ecvet/database';
import {
  sealSignerFromPem,
  signCheckpoint,
  spkiOf,
  toStoredSeal,
  type SealSigner,
} from '@ecvet/event-store';
import {
  CheckpointDigests,
  digestPeriodOf,
  type CheckpointForDigest,
  type DigestPeriod,
} from '@ecvet/notifications';

/** How often the worker looks whether this period's digest went out (at most). */
const TICK_MS = 60_000;

/**
 * Mails the log's signed checkpoint — the latest seal's hash and the sealed log's size, signed
 * with the seal key, the same JSON as `GET /audit/checkpoint` — to AUDIT_CHECKPOINT_RECIPIENTS
 * once per AUDIT_CHECKPOINT_DIGEST period, through the mail outbox (exactly once, with retries).
 * Any number of workers may run it: the outbox rows' ids are per period and recipient. Needs the
 * PostgreSQL event store and SEAL_SIGNING_KEY; a log without a seal yet waits for the next tick.
 */
@Injectable()
export class CheckpointDigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointDigestService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly recipients: string[];
  private readonly periodMs: number;
  private readonly signer?: SealSigner;

  constructor(
    config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly digests: CheckpointDigests,
  ) {
    this.recipients = config.AUDIT_CHECKPOINT_RECIPIENTS
      ? mailAddressList(config.AUDIT_CHECKPOINT_RECIPIENTS)
      : [];
    this.periodMs = checkpointDigestPeriodMs(config.AUDIT_CHECKPOINT_DIGEST);
    if (config.EVENT_STORE === 'postgres' && config.SEAL_SIGNING_KEY)
      this.signer = sealSignerFromPem(config.SEAL_SIGNING_KEY);
  }

  onApplicationBootstrap(): void {
    if (this.recipients.length === 0) return;
    if (!this.signer) {
      this.logger.warn(
        'AUDIT_CHECKPOINT_RECIPIENTS is set but there is no seal key (SEAL_SIGNING_KEY, PostgreSQL): no checkpoint digest',
      );
      return;
    }
    this.logger.log(
      `mailing the signed checkpoint to ${this.recipients.length} recipient(s) every ${this.periodMs / 1000} s`,
    );
    const tick = () => {
      this.running = this.sendDigest().catch((err: unknown) =>
        this.logger.error(
          `checkpoint digest failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    };
    tick();
    this.timer = setInterval(tick, Math.min(this.periodMs, TICK_MS));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * This period's digest, unless it went out already: how many mails were put in the outbox
   * (0 when it was there, or when the log has no seal yet or nothing is configured).
   */
  async sendDigest(at: Date = new Date()): Promise<number> {
    if (this.recipients.length === 0 || !this.signer) return 0;
    const period: DigestPeriod = digestPeriodOf(at, this.periodMs);
    if (await this.digests.sent(period, this.recipients)) return 0;
    const checkpoint = await this.latestCheckpoint(this.signer);
    if (!checkpoint) return 0;
    const sent = await this.digests.enqueue(period, checkpoint, this.recipients);
    if (sent > 0)
      this.logger.log(
        `checkpoint digest of ${period.start}: seal ${checkpoint.body.seq} to ${sent} recipient(s)`,
      );
    return sent;
  }

  private async latestCheckpoint(signer: SealSigner): Promise<CheckpointForDigest | undefined> {
    const { rows } = await this.pool.query<Parameters<typeof toStoredSeal>[0]>(
      'SELECT * FROM ecvet_event_seals ORDER BY seq DESC LIMIT 1',
    );
    if (rows.length === 0) return undefined;
    const latest = toStoredSeal(rows[0]);
    const { rows: size } = await this.pool.query<{ n: string }>(
      'SELECT coalesce(sum(event_count), 0)::text AS n FROM ecvet_event_seals WHERE seq <= $1',
      [latest.seq],
    );
    return {
      ...signCheckpoint(latest, Number(size[0].n), signer),
      spki: spkiOf(signer.publicKey),
    };
  }
}
