import { ApiClient } from '../../../infra/demo/api-client';
import { runSeedsScenario } from '../../../infra/demo/seeds-scenario';
import {
  createNotificationsTestEnv,
  startNotificationsApp,
  type NotificationsTestApp,
  type NotificationsTestEnv,
} from '../../../test/support/notifications-app';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink';

/**
 * The outbox end to end on real PostgreSQL and a real SMTP server: workflow events (dispatched as
 * the worker's activities do) → the mail-outbox projection → the sender → SMTP. Ingus's agreement
 * (seeds, stage awaiting-signatures) waits for his and his guardian's signatures.
 */
let env: NotificationsTestEnv;
let smtp: SmtpSink;
let api: NotificationsTestApp;
const at = () => new Date().toISOString();

beforeAll(async () => {
  env = await createNotificationsTestEnv('mail_outbox');
  smtp = await startSmtpSink();
  api = await startNotificationsApp(env, { smtpUrl: smtp.url });
  await runSeedsScenario(new ApiClient(api.baseUrl, 'setup'), {
    annija: 'awaiting-signatures',
    juris: 'awaiting-signatures',
    ingus: 'awaiting-signatures',
  });
});
afterAll(async () => {
  await api?.close();
  await smtp?.close();
  await env?.db.drop();
});

const remind = (role: string, reminderNumber: number) =>
  api.workflow('mob-ingus', {
    type: 'SendSignatureReminder',
    data: { mobilityId: 'mob-ingus', version: 1, role: role as never, reminderNumber, at: at() },
  });
/** The sender marks a mail sent just after the SMTP server has taken it: poll for that. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i === 100) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const outboxRows = async () =>
  (
    await api.pool.query<{ id: string; status: string; attempts: number; message_id: string }>(
      'SELECT id, status, attempts, message_id, last_error FROM ecvet_mail_outbox ORDER BY created_at, id',
    )
  ).rows;

describe('the mail outbox', () => {
  it('delivers a signature reminder to the learner once, in Latvian, with a signing link', async () => {
    await remind('learner', 1);
    // The sender polls only every minute here: the mail arriving at once shows the projection woke it.
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail.envelopeTo).toEqual(['ingus.ozols@example.lv']);
    expect(mail.subject).toBe(
      'Atgādinājums Nr. 1: lūdzam parakstīt mācību līgumu — Ingus Ozols (mob-ingus, 1. versija)',
    );
    expect(mail.headers['content-language']).toBe('lv');
    expect(mail.text).toContain('Labdien, Ingus Ozols!');
    expect(mail.text).toMatch(/http:\/\/localhost:\d+\/sign\/[\w-]+\.[\w-]+\.[\w-]+/);
    expect(mail.html).toContain('Ekotakas izveide');

    const [row] = await eventually(outboxRows, ([r]) => r?.status === 'sent');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.id).toMatch(/^[0-9a-f-]{36}:0$/);
    expect(mail.messageId).toBe(`<${row.id.replace(':', '.')}@ecvet>`);
    expect(row.message_id).toBe(mail.messageId);
  });

  it('tells the coordinator about an escalation, saying so in the subject and naming who has not signed', async () => {
    await remind('guardian', 1);
    await api.workflow('mob-ingus', {
      type: 'EscalateSignatureRequest',
      data: {
        mobilityId: 'mob-ingus',
        version: 1,
        role: 'guardian',
        level: 'coordinator',
        afterReminders: 1,
        at: at(),
      },
    });
    const mails = await smtp.waitFor(3);
    expect(mails[1].envelopeTo).toEqual(['liga.ozola@example.lv']);
    const escalation = mails[2];
    expect(escalation.envelopeTo).toEqual(['ilze.ozola@example.lv']);
    expect(escalation.subject).toBe(
      'Eskalācija: Līga Ozola (izglītojamā vecāks vai likumiskais pārstāvis) nav parakstījis(-usi) mācību līgumu — mob-ingus, 1. versija',
    );
    expect(escalation.text).toContain('Šis ir eskalācijas paziņojums mobilitātes koordinatoram');
    expect(escalation.text).not.toContain('/sign/');
  });

  it('sends nothing twice when the worker restarts and the projection resumes from its checkpoint', async () => {
    await api.outboxCaughtUp();
    const before = smtp.received.length;
    await api.close();
    api = await startNotificationsApp(env, { smtpUrl: smtp.url });
    await remind('learner', 2);
    await smtp.waitFor(before + 1);
    await api.outboxCaughtUp();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(before + 1);
    expect(smtp.received[before].subject).toMatch(/^Atgādinājums Nr\. 2:/);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(before + 1);
  });

  it('inserts and sends nothing twice when the whole log is replayed (checkpoint gone)', async () => {
    await api.outboxCaughtUp();
    const mailsBefore = smtp.received.length;
    const rowsBefore = (await outboxRows()).length;
    await api.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: env.db.url });
    await admin.connect();
    await admin.query("DELETE FROM ecvet_projection_checkpoints WHERE name = 'mail-outbox'");
    await admin.end();
    api = await startNotificationsApp(env, { smtpUrl: smtp.url });
    await remind('guardian', 2);
    await smtp.waitFor(mailsBefore + 1);
    await api.outboxCaughtUp();
    await api.sender.drain();
    expect(smtp.received).toHaveLength(mailsBefore + 1);
    expect(await outboxRows()).toHaveLength(rowsBefore + 1);
  });

  it('resends with the same Message-ID after a crash between sending and marking as sent', async () => {
    const [first] = await outboxRows();
    // As if the process died after the SMTP server took the mail but before the row was marked.
    await api.pool.query(
      "UPDATE ecvet_mail_outbox SET status = 'pending', sent_at = NULL WHERE id = $1",
      [first.id],
    );
    const count = smtp.received.length;
    await api.sender.drain();
    await smtp.waitFor(count + 1);
    const resent = smtp.received[count];
    expect(resent.messageId).toBe(first.message_id);
    expect(smtp.received.filter((m) => m.messageId === first.message_id)).toHaveLength(2);
  });

  it('retries a temporary SMTP failure with backoff, then delivers once', async () => {
    smtp.refuseNext(2, 451);
    const count = smtp.received.length;
    await api.workflow('mob-ingus', {
      type: 'EscalateSignatureRequest',
      data: {
        mobilityId: 'mob-ingus',
        version: 1,
        role: 'guardian',
        level: 'head',
        afterReminders: 2,
        at: at(),
      },
    });
    await api.outboxCaughtUp();
    // Backoff is 100 ms in this suite; drain until the retry has gone through.
    for (let i = 0; i < 50 && smtp.received.length === count; i++) {
      await api.sender.drain();
      await new Promise((r) => setTimeout(r, 120));
    }
    await smtp.waitFor(count + 1);
    const rows = await eventually(outboxRows, (r) => r[r.length - 1].status === 'sent');
    const head = rows[rows.length - 1];
    expect(head).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smtp.received).toHaveLength(count + 1);
    expect(smtp.received[count].subject).toMatch(/^Eskalācija: /);
  });

  it('gives up at once on a permanent refusal and keeps the reason', async () => {
    smtp.refuseNext(1, 550);
    const count = smtp.received.length;
    await api.workflow('mob-juris', {
      type: 'SendSignatureReminder',
      data: { mobilityId: 'mob-juris', version: 1, role: 'learner', reminderNumber: 1, at: at() },
    });
    await api.outboxCaughtUp();
    await api.sender.drain();
    const rows = await eventually(
      async () =>
        (
          await api.pool.query<{ status: string; attempts: number; last_error: string }>(
            `SELECT status, attempts, last_error FROM ecvet_mail_outbox
              WHERE mobility_id = 'mob-juris'`,
          )
        ).rows,
      (r) => r[0]?.status === 'failed',
    );
    expect(rows).toEqual([
      { status: 'failed', attempts: 1, last_error: expect.stringContaining('550') },
    ]);
    expect(smtp.received).toHaveLength(count);
  });
});
