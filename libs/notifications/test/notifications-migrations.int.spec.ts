import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrateDatabase, migrateFolder } from '@ecvet/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

describe('the notifications schema and who may change what', () => {
  let db: TestDatabase;
  const appRole = `ecvet_app_${randomUUID().slice(0, 8)}`;
  let app: Client;

  beforeAll(async () => {
    db = await createTestDatabase('notifications_schema');
    expect(await migrateDatabase(db.url)).toEqual(
      expect.arrayContaining([
        'notifications/001_notifications',
        'notifications/002_partnership_mail',
      ]),
    );
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app' IN ROLE ecvet_writer`);
    await owner.end();
    const url = new URL(db.url);
    url.username = appRole;
    url.password = 'app';
    app = new Client({ connectionString: url.toString() });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await db?.drop();
    const admin = new Client({ connectionString: process.env.ECVET_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
    await admin.end();
  });

  it('applies its migrations once: a second run (the other app starting) is a no-op', async () => {
    const [a, b] = await Promise.all([
      migrateFolder(db.url, 'notifications'),
      migrateFolder(db.url, 'notifications'),
    ]);
    expect([a, b]).toEqual([[], []]);
  });

  it('lets the apps queue, send and list mail, but not delete it', async () => {
    await app.query(
      `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, mobility_id, kind, recipient,
         recipient_name, recipient_role, language, subject, text, html)
       VALUES ('e:0', 'e', 'SignatureReminderSent', 'm', 'signature-reminder', 'a@b.lv', 'A',
         'learner', 'lv', 's', 't', 'h')`,
    );
    await app.query(
      `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, partnership_id, kind, recipient,
         recipient_name, recipient_role, language, subject, text, html)
       VALUES ('p:0', 'p', 'MouSignatureReminderSent', 'p-1', 'mou-signature-reminder',
         'a@b.fi', 'A', 'partner-contact', 'en', 's', 't', 'h')`,
    );
    // A mail is about one mobility or one partnership, never neither or both.
    await expect(
      app.query(
        `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, kind, recipient,
           recipient_name, recipient_role, language, subject, text, html)
         VALUES ('x:0', 'x', 'MouSignatureReminderSent', 'mou-signature-reminder', 'a@b.fi',
           'A', 'partner-contact', 'en', 's', 't', 'h')`,
      ),
    ).rejects.toThrow(/ecvet_mail_outbox_one_subject/);
    await app.query("UPDATE ecvet_mail_outbox SET status = 'sent' WHERE id = 'e:0'");
    const { rows } = await app.query("SELECT status FROM ecvet_mail_outbox WHERE id = 'e:0'");
    expect(rows).toEqual([{ status: 'sent' }]);
    await expect(app.query('DELETE FROM ecvet_mail_outbox')).rejects.toThrow(/permission denied/);
  });

  it('lets the apps record a signing link’s use, but never undo or change it', async () => {
    await app.query(
      `INSERT INTO ecvet_signing_link_uses (jti, mobility_id, version, role, outcome)
       VALUES ('j', 'm', 1, 'learner', 'signed')`,
    );
    await expect(
      app.query("UPDATE ecvet_signing_link_uses SET outcome = 'declined'"),
    ).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM ecvet_signing_link_uses')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('refuses a status the sender does not know', async () => {
    await expect(
      app.query("UPDATE ecvet_mail_outbox SET status = 'lost' WHERE id = 'e:0'"),
    ).rejects.toThrow(/check constraint/);
  });
});
