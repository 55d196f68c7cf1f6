import { randomUUID } from 'node:crypto';
import { PartnershipService } from '@ecvet/application';
import type { PartnershipRequest } from '@ecvet/domain';
import { ApiClient } from '../../../infra/demo/api-client';
import {
  COORDINATOR,
  HEADS,
  HOSTS,
  OPERATOR,
  QUALIFICATIONS,
  SCHOOL,
  demoAccount,
} from '../../../infra/demo/seed-data';
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
/** The demo's accounts act (their tokens come from whichever app is running now). */
const tokenFor = (email: string) => api.tokenOf(demoAccount(email));

beforeAll(async () => {
  env = await createNotificationsTestEnv('mail_outbox');
  smtp = await startSmtpSink();
  api = await startNotificationsApp(env, { smtpUrl: smtp.url });
  await runSeedsScenario(new ApiClient(api.baseUrl, 'setup', tokenFor), {
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
/** An MoU signature reminder, as the partnership workflow's activity records it at `at`. */
function mouSignatureReminder(
  partnershipId: string,
  reminder: PartnershipRequest<'SendMouSignatureReminder'>,
  at: string,
) {
  const commandId = randomUUID();
  return api.app.get(PartnershipService).sendSignatureReminder(partnershipId, reminder, {
    commandId,
    actor: { id: 'system:workflow', role: 'system' },
    issuedAt: at,
    correlationId: `partnership-${partnershipId}`,
    causationId: commandId,
  });
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

  it('does not send again when only the database connection was lost between sending and marking', async () => {
    const mailsBefore = smtp.received.length;
    // When the SMTP server has the mail and before it answers, the sender's session ends (as
    // when PostgreSQL restarts or an operator terminates it): its `sent` mark cannot commit.
    let terminated = -1;
    smtp.beforeNextAnswer(async () => {
      const { rows } = await api.pool.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state = 'idle in transaction' AND query LIKE '%FROM ecvet_mail_outbox%'`,
      );
      terminated = rows.filter((r) => r.ended).length;
    });
    await api.workflow('mob-annija', {
      type: 'SendSignatureReminder',
      data: { mobilityId: 'mob-annija', version: 1, role: 'learner', reminderNumber: 1, at: at() },
    });
    await api.outboxCaughtUp();
    const annija = async () =>
      (
        await api.pool.query<{ status: string; attempts: number; message_id: string }>(
          `SELECT status, attempts, message_id FROM ecvet_mail_outbox WHERE mobility_id = 'mob-annija'`,
        )
      ).rows;
    // The first attempt fails on its lost connection; the next claim only records the mail.
    for (let i = 0; i < 50 && (await annija())[0]?.status !== 'sent'; i++) {
      await api.sender.drain().catch(() => 0);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(terminated).toBe(1);
    const [row] = await annija();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    await api.sender.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(mailsBefore).map((m) => m.messageId)).toEqual([row.message_id]);
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

  it('mails an MoU signature reminder once to the unsigned partner’s head, in its language, with the version’s address', async () => {
    // A partnership whose MoU version 1 the school has signed and Savo (English) has not.
    const setup = new ApiClient(api.baseUrl, 'mou-mail', tokenFor);
    const coordinator = setup.as(COORDINATOR.email);
    const host = HOSTS.tourism.institutionId;
    // The platform's operator keeps Savo's contact person (the demo has no staff at Savo who
    // may: its head signs); the school's coordinator proposes and drafts.
    await setup.as(OPERATOR.email).write('POST', `/institutions/${host}/contacts`, 'contact:savo', {
      id: 'aino-virtanen',
      name: 'Aino Virtanen',
      role: 'Head of international relations',
      email: 'aino.virtanen@example.fi',
    });
    await coordinator.write('POST', '/partnerships', 'partnership', {
      partnershipId: 'p-mou-mail',
      title: 'Nature tourism placements in Kuopio',
      parties: [
        { institutionId: SCHOOL.institutionId, role: 'sending' },
        { institutionId: host, role: 'host' },
      ],
      coordinatorInstitutionId: SCHOOL.institutionId,
    });
    const tourism = QUALIFICATIONS.tourism;
    await coordinator.write('POST', '/partnerships/p-mou-mail/mou', 'mou:draft', {
      content: {
        qualifications: [
          {
            qualificationId: tourism.qualificationId,
            qualificationVersion: 1,
            unitIds: tourism.units.map((u) => u.unitId),
          },
        ],
        procedures: {
          assessment: 'The host’s mentor assesses each unit against its criteria.',
          documentation: 'Assessment record and transcript issued by the host.',
          validation: 'The sending school validates the records.',
          recognition: 'Recognised as the module named in the agreement.',
        },
        mentoring: 'A mentor on each side.',
        plannedDurations: { minWeeks: 2, maxWeeks: 12 },
        validFrom: '2026-09-01',
        validUntil: '2029-08-31',
      },
    });
    const version = await coordinator.get<{ contentHash: string }>(
      '/partnerships/p-mou-mail/mou/versions/1',
    );
    // The school's head signs for it.
    const schoolHead = HEADS[SCHOOL.institutionId];
    await setup
      .as(schoolHead.email)
      .write('POST', '/partnerships/p-mou-mail/mou/versions/1/signatures', 'mou:sign', {
        contentHash: version.contentHash,
        institutionId: SCHOOL.institutionId,
        signer: { name: schoolHead.name, role: 'director' },
        authMethod: 'account',
        intent: 'We sign this Memorandum of Understanding on behalf of our institution.',
      });

    await api.outboxCaughtUp();
    await api.sender.drain();
    const count = smtp.received.length;
    const reminder = { version: 1, institutionId: host, reminderNumber: 1 };
    const remindedAt = at();
    const outcome = await mouSignatureReminder('p-mou-mail', reminder, remindedAt);
    expect(outcome.events.map((e) => e.type)).toEqual(['MouSignatureReminderSent']);

    const mails = await smtp.waitFor(count + 1, 10_000);
    const mail = mails[count];
    expect(mail.envelopeTo).toEqual(['aino.virtanen@example.fi']);
    expect(mail.headers['content-language']).toBe('en');
    expect(mail.subject).toBe(
      'Reminder 1: please sign the Memorandum of Understanding — Nature tourism placements in Kuopio (p-mou-mail, version 1)',
    );
    expect(mail.text).toContain('Dear Aino Virtanen,');
    expect(mail.text).toMatch(/Validity: +1 September 2026 – 31 August 2029/);
    expect(mail.text).toMatch(
      /http:\/\/localhost:\d+\/partnerships\/p-mou-mail\/mou\/versions\/1\r?\n/,
    );
    expect(mail.text).toContain('There is no signing link for an MoU.');
    expect(mail.text).not.toContain('/sign/');

    // The same reminder again (a retried activity) records nothing, and mails nothing.
    const again = await mouSignatureReminder('p-mou-mail', reminder, remindedAt);
    expect(again.events).toEqual([]);
    await api.outboxCaughtUp();
    await api.sender.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(count + 1);
    const partnershipRows = async () =>
      (
        await api.pool.query<{
          id: string;
          mobility_id: string | null;
          partnership_id: string;
          kind: string;
          recipient_role: string;
          status: string;
          signing_link: string | null;
        }>(
          `SELECT id, mobility_id, partnership_id, kind, recipient_role, status, signing_link
             FROM ecvet_mail_outbox WHERE partnership_id = 'p-mou-mail'`,
        )
      ).rows;
    const rows = await eventually(partnershipRows, ([r]) => r?.status === 'sent');
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}:0$/),
        mobility_id: null,
        partnership_id: 'p-mou-mail',
        kind: 'mou-signature-reminder',
        recipient_role: 'partner-contact',
        status: 'sent',
        signing_link: null,
      },
    ]);
    expect(mail.messageId).toBe(`<${rows[0].id.replace(':', '.')}@ecvet>`);
  });
});
