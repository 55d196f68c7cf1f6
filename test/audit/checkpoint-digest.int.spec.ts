import { randomUUID, verify } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { ApplicationModule, InstitutionService } from '@ecvet/application';
import { ConfigModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import type { CommandContext } from '@ecvet/domain';
import {
  EventStoreModule,
  exportSealSigner,
  generateSealSigner,
  PostgresSealer,
} from '@ecvet/event-store';
import { IdentityModule } from '@ecvet/identity';
import {
  CHECKPOINT_BEGIN,
  CHECKPOINT_END,
  MailSender,
  NotificationsWorkerModule,
} from '@ecvet/notifications';
import { TemporalClientModule } from '@ecvet/temporal';
import { CheckpointDigestService } from '../../apps/worker/src/checkpoint-digest.service';
import { bodyDigest, ed25519KeyOfSpki } from '../../apps/cli/src/bundle/verify';
import { startTestApi, type TestApi } from '../support/api-app';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The checkpoint digest: the worker mails the log's signed checkpoint (the JSON of
 * GET /audit/checkpoint) to AUDIT_CHECKPOINT_RECIPIENTS once per AUDIT_CHECKPOINT_DIGEST period,
 * through the mail outbox, to a real SMTP server; a restarted worker, and two workers at once,
 * send each period's digest once. The worker here is the worker's modules without Temporal.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    CqrsModule.forRoot(),
    IdentityModule,
    ApplicationModule,
    NotificationsWorkerModule,
  ],
  providers: [CheckpointDigestService],
})
class DigestWorkerModule {}

const signer = generateSealSigner();
const key = exportSealSigner(signer);
const RECIPIENTS = ['auditor@viaa.example', 'agency@viaa.example'];
let api: TestApi;
let smtp: SmtpSink;
let pool: Pool;
const workers: INestApplicationContext[] = [];

async function startWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(DigestWorkerModule, { logger: false });
  await app.init();
  workers.push(app);
  return app;
}

const system = (): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    actor: { id: 'system:test-setup', role: 'system' },
    issuedAt: new Date().toISOString(),
    correlationId: commandId,
    causationId: commandId,
  };
};

beforeAll(async () => {
  smtp = await startSmtpSink();
  api = await startTestApi('checkpoint_digest', {
    SEAL_SIGNING_KEY: key.privateKeyPem,
    SMTP_URL: smtp.url,
    AUDIT_CHECKPOINT_RECIPIENTS: RECIPIENTS.join(', '),
    AUDIT_CHECKPOINT_DIGEST: 'P1D',
  });
  pool = new Pool({ connectionString: api.db.url });
  pool.on('error', () => undefined);
  for (const id of ['school', 'host'])
    await api.app.get(InstitutionService).register(
      id,
      {
        kind: 'sending-school',
        legalName: `Institution ${id}`,
        legalAddress: 'Street 1',
        country: 'LV',
        identifiers: {},
        preferredLanguage: 'lv',
      },
      system(),
    );
  expect((await new PostgresSealer(pool, signer).sealPending()).length).toBeGreaterThan(0);
});
afterAll(async () => {
  for (const w of workers) await w.close().catch(() => undefined);
  await pool?.end();
  await api?.close();
  await smtp?.close();
});

const checkpointOf = (text: string): unknown =>
  JSON.parse(
    text.slice(
      text.indexOf(CHECKPOINT_BEGIN) + CHECKPOINT_BEGIN.length,
      text.indexOf(CHECKPOINT_END),
    ),
  );

describe('the checkpoint digest mail', () => {
  it('each configured recipient receives the signed checkpoint, verifiable with the published key', async () => {
    // The worker sends this period's digest as it starts.
    await startWorker();
    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([...RECIPIENTS].sort());
    const published = (await api.anonymous.get('/audit/checkpoint').expect(200)).body as {
      body: { sealHash: string; seq: number; treeSize: number };
      signature: string;
      spki: string;
    };
    for (const mail of mails) {
      const checkpoint = checkpointOf(mail.text) as typeof published;
      // The same JSON as GET /audit/checkpoint.
      expect(checkpoint).toEqual(published);
      expect(mail.text).toContain(
        `Latest seal: #${published.body.seq}, ${published.body.treeSize} events sealed`,
      );
      expect(mail.subject).toMatch(/^ECVET kontrolpunkts \/ checkpoint \d{4}-\d{2}-\d{2}: #/);
      // Verified with the key given out of band and with the one the API publishes.
      expect(
        verify(
          null,
          bodyDigest(checkpoint.body),
          ed25519KeyOfSpki(Buffer.from(published.spki, 'base64'))!,
          Buffer.from(checkpoint.signature, 'base64'),
        ),
      ).toBe(true);
      expect(
        verify(
          null,
          bodyDigest(checkpoint.body),
          signer.publicKey,
          Buffer.from(checkpoint.signature, 'base64'),
        ),
      ).toBe(true);
    }
  });

  it('a second run in the same period sends nothing — after a restart, and on two workers at once', async () => {
    const first = workers[0];
    expect(await first.get(CheckpointDigestService).sendDigest()).toBe(0);
    await first.close();
    workers.shift();
    const [a, b] = [await startWorker(), await startWorker()];
    expect(await a.get(CheckpointDigestService).sendDigest()).toBe(0);
    expect(await a.get(MailSender).drain()).toBe(0);
    expect(smtp.received).toHaveLength(2);

    // The next period, asked of both workers at once: one digest per recipient in all.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const sent = await Promise.all(
      [a, b].map((w) => w.get(CheckpointDigestService).sendDigest(tomorrow)),
    );
    expect(sent[0] + sent[1]).toBe(RECIPIENTS.length);
    await smtp.waitFor(4);
    await Promise.all([a, b].map((w) => w.get(MailSender).drain()));
    expect(smtp.received).toHaveLength(4);
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(4);
  });
});
