import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { Client } from 'pg';
import { projectRoot } from '@ecvet/config';
import { migrateDatabase, migrateFolder } from '@ecvet/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { SIGNING_LINK_PLACEHOLDER } from '../src/outbox/outbox-row';
import { SigningLinks, signingLinkHash } from '../src/signing-links/signing-links';

/**
 * Migration 003 on an outbox written before it: the links that rows and their mails held are taken
 * out (a pending mail keeps its link until it is sent), the token kept as its SHA-256, its claims
 * read from its payload — so that signing them again gives the same token.
 */
describe('migration 003: signing links already in the outbox', () => {
  let db: TestDatabase;
  let client: Client;
  const links = new SigningLinks(new Uint8Array(randomBytes(32)), 'https://ecvet.example');
  const issue = (jti: string) =>
    links.issue(
      { mid: 'mob-ingus', v: 1, role: 'learner', h: `sha256:${'a'.repeat(64)}`, jti, lang: 'lv' },
      {
        issuedAt: new Date('2027-01-10T09:00:00Z'),
        expiresAt: new Date('2027-02-09T09:00:00Z'),
      },
    );

  beforeAll(async () => {
    db = await createTestDatabase('link_hashes');
    for (const folder of ['event-store', 'consumers', 'read-models'] as const)
      await migrateFolder(db.url, folder);
    await runner({
      databaseUrl: db.url,
      dir: join(projectRoot(), 'libs', 'notifications', 'migrations'),
      direction: 'up',
      count: 2,
      migrationsTable: 'pgmigrations_notifications',
      log: () => undefined,
    });
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('takes the links out, keeps their hashes and claims, and leaves a pending mail its link', async () => {
    const sent = await issue('evt-sent');
    const pending = await issue('evt-pending');
    const insert = (id: string, status: string, url: string | null) =>
      client.query(
        `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, mobility_id, kind, recipient,
           recipient_name, recipient_role, language, subject, text, html, signing_link, status)
         VALUES ($1, $1, 'SignatureReminderSent', 'mob-ingus', 'signature-reminder',
           'ingus@example.lv', 'Ingus', 'learner', 'lv', 'Atgādinājums', $2, $3, $4, $5)`,
        [
          id,
          url ? `Atvērt:\n${url}\nSaite derīga.` : 'Bez saites',
          url ? `<a href="${url}">Atvērt</a><span>${url}</span>` : '<p>Bez saites</p>',
          url,
          status,
        ],
      );
    await insert('sent:0', 'sent', sent.url);
    await insert('kept:0', 'kept-locally', sent.url);
    await insert('pending:0', 'pending', pending.url);
    await insert('plain:0', 'sent', null);

    expect(await migrateDatabase(db.url)).toEqual(
      expect.arrayContaining(['notifications/003_signing_link_hashes']),
    );

    const { rows } = await client.query<Record<string, unknown>>(
      'SELECT * FROM ecvet_mail_outbox ORDER BY id',
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    for (const id of ['sent:0', 'kept:0']) {
      expect(byId[id]).toMatchObject({
        signing_link: null,
        signing_link_hash: signingLinkHash(sent.token),
        signing_link_claims: { ...sent.claims },
        text: `Atvērt:\n${SIGNING_LINK_PLACEHOLDER}\nSaite derīga.`,
        html: `<a href="${SIGNING_LINK_PLACEHOLDER}">Atvērt</a><span>${SIGNING_LINK_PLACEHOLDER}</span>`,
      });
      expect(JSON.stringify(byId[id])).not.toContain(sent.token);
    }
    expect(byId['pending:0']).toMatchObject({
      signing_link: pending.url,
      signing_link_hash: signingLinkHash(pending.token),
      text: `Atvērt:\n${SIGNING_LINK_PLACEHOLDER}\nSaite derīga.`,
    });
    expect(byId['plain:0']).toMatchObject({
      signing_link: null,
      signing_link_hash: null,
      signing_link_claims: null,
      text: 'Bez saites',
    });
    // The stored claims, signed again with the links' key, are the token the mail carried.
    const again = await links.reissue(byId['kept:0'].signing_link_claims as typeof sent.claims);
    expect(again.token).toBe(sent.token);
  });

  it('allows a link in a row only while its mail waits to be sent', async () => {
    await expect(
      client.query(`UPDATE ecvet_mail_outbox SET status = 'sent' WHERE id = 'pending:0'`),
    ).rejects.toThrow(/ecvet_mail_outbox_link_while_pending/);
  });
});
