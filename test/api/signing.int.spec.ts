import { createHash } from 'node:crypto';
import { ApiClient } from '../../infra/demo/api-client';
import { COORDINATOR, HEADS, HOSTS, demoAccount } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { SigningLinks } from '@ecvet/notifications';
import {
  createNotificationsTestEnv,
  startNotificationsApp,
  type NotificationsTestApp,
  type NotificationsTestEnv,
} from '../support/notifications-app';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The signing pages: a signatory opens the link a reminder mail carried (received by a real SMTP
 * server: the outbox never shows a link), reads the agreement and signs or declines it without an
 * account. Ingus's agreement (seeds, awaiting-signatures) waits for his and his guardian's
 * signatures.
 */
let env: NotificationsTestEnv;
let smtp: SmtpSink;
let api: NotificationsTestApp;
const at = () => new Date().toISOString();
const tokenFor = (email: string) => api.tokenOf(demoAccount(email));
const LINK = /https?:\/\/\S+\/sign\/[\w-]+\.[\w-]+\.[\w-]+/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const tokenOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

beforeAll(async () => {
  env = await createNotificationsTestEnv('api_signing');
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

/** Sends a reminder as the workflow does and returns the link path from the mail received. */
async function linkFromReminder(role: string, version: number, reminderNumber: number) {
  return linkFromMail(() =>
    api.workflow('mob-ingus', {
      type: 'SendSignatureReminder',
      data: { mobilityId: 'mob-ingus', version, role: role as never, reminderNumber, at: at() },
    }),
  );
}
/** The link path from the next mail the SMTP server receives after `send`. */
async function linkFromMail(send: () => Promise<unknown>) {
  const count = smtp.received.length;
  await send();
  const mails = await smtp.waitFor(count + 1);
  const url = LINK.exec(mails[count].text)?.[0];
  if (!url) throw new Error(`no signing link in:\n${mails[count].text}`);
  expect(mails[count].html).toContain(`href="${url}"`);
  return new URL(url).pathname;
}
/** The sender marks a mail sent just after the SMTP server has taken it: poll for that. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i === 100) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const linksOf = (role: string, version = 1) =>
  `/mobilities/mob-ingus/learning-agreement/versions/${version}/signatories/${role}/links`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('signing through a link', () => {
  let learnerLink: string;

  it('opens the agreement version in the signatory’s language, with its units, outcomes and both forms', async () => {
    learnerLink = await linkFromReminder('learner', 1, 1);
    const res = await api.http.get(learnerLink).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const html = res.text;
    expect(html).toContain('<html lang="lv">');
    expect(html).toContain('Mācību līgums');
    for (const text of [
      'Ekotakas izveide',
      'Ceļveža sagatavošana',
      'Rīgas Tūrisma un radošās industrijas tehnikums',
      'Nīcgales iela 26, Rīga, LV-1035',
      'Savo Vocational College',
      'Ingus Ozols',
      'EKI līmenis',
      'Vērtēšanas kritēriji',
      'Ilze Ozola',
    ])
      expect(html).toContain(text);
    const version = await api.http.get('/mobilities/mob-ingus/learning-agreement/versions/1');
    expect(html).toContain(version.body.contentHash);
    expect(html).toMatch(/<form method="post" action="[\w.-]+\/sign">/);
    expect(html).toMatch(/<form method="post" action="[\w.-]+\/decline">/);
    expect(html).toContain('name="agree"');
  });

  it('shows the same agreement in English on request', async () => {
    const res = await api.http.get(`${learnerLink}?lang=en`).expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Eco-trail creation');
    expect(res.text).toContain('I have read this Learning Agreement (version 1,');
  });

  it('refuses a form without a name or the agreement ticked, showing what is missing and recording nothing', async () => {
    const res = await api.http
      .post(`${learnerLink}/sign`)
      .type('form')
      .send(form({ fullName: '<b>Ingus</b>', lang: 'lv' }))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Atzīmējiet, ka esat izlasījis(-usi) līgumu');
    expect(res.text).toContain('value="&lt;b&gt;Ingus&lt;/b&gt;"');
    expect(res.text).not.toContain('<b>Ingus</b>');
    const mobility = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(mobility.body.agreement.pendingSignatories).toContain('learner');
  });

  it('sends the link by mail only: once sent, the outbox keeps its hash and no link', async () => {
    const token = tokenOf(learnerLink);
    const rows = await eventually(
      async () =>
        (
          await api.pool.query<Record<string, unknown>>(
            `SELECT * FROM ecvet_mail_outbox
              WHERE mobility_id = 'mob-ingus' AND kind = 'signature-reminder'`,
          )
        ).rows,
      (r) => r.length === 1 && r[0].status === 'sent',
    );
    expect(rows[0]).toMatchObject({
      status: 'sent',
      signing_link: null,
      signing_link_hash: sha256(token),
    });
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(rows[0].text).toContain('[[ecvet:signing-link]]');
    const shown = await api.http.get(`/outbox/${encodeURIComponent(String(rows[0].id))}`);
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain(token);
    expect(shown.body).toMatchObject({ signingLinkSent: true, status: 'sent' });
  });

  it('binds a link to its signatory and version: another role or another hash does not open', async () => {
    const [header, payload, signature] = tokenOf(learnerLink).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const asGuardian = Buffer.from(JSON.stringify({ ...claims, role: 'guardian' })).toString(
      'base64url',
    );
    await api.http.get(`/sign/${header}.${asGuardian}.${signature}`).expect(400);
    const { token } = await api.app.get(SigningLinks).issue(
      {
        mid: 'mob-ingus',
        v: 1,
        role: 'guardian',
        h: `sha256:${'0'.repeat(64)}`,
        jti: 'x',
        lang: 'en',
      },
      { issuedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) },
    );
    const other = await api.http.get(`/sign/${token}`).expect(409);
    expect(other.text).toContain('A new version of the agreement awaits');
  });

  it('a coordinator sends a fresh link: the earlier one answers 410, the new one opens; recorded with the coordinator as actor', async () => {
    const coordinator = await api.as(demoAccount(COORDINATOR.email));
    const hostHead = await api.as(demoAccount(HEADS[HOSTS.tourism.institutionId].email));
    await hostHead.post(linksOf('learner')).expect(403);
    const signed = await coordinator.post(linksOf('sending-school')).expect(422);
    expect(signed.body.rule).toBe('signing-link.signatory-not-pending');
    await coordinator.post(linksOf('learner', 2)).expect(422);

    const old = learnerLink;
    const fresh = await linkFromMail(async () => {
      const res = await coordinator.post(linksOf('learner')).expect(200);
      expect(res.body).toMatchObject({ id: 'mob-ingus', events: ['SigningLinkReissued'] });
    });
    const mail = smtp.received[smtp.received.length - 1];
    expect(mail.envelopeTo).toEqual(['ingus.ozols@example.lv']);
    expect(mail.subject).toBe(
      'Jauna saite mācību līguma parakstīšanai — Ingus Ozols (mob-ingus, 1. versija)',
    );
    expect(fresh).not.toBe(old);

    const replaced = await api.http.get(old).expect(410);
    expect(replaced.headers['content-type']).toMatch(/^text\/html/);
    expect(replaced.text).toContain('Saite aizstāta ar jaunāku');
    const replacedEn = await api.http.get(`${old}?lang=en`).expect(410);
    expect(replacedEn.text).toContain('This link was replaced by a newer link');
    await api.http
      .post(`${old}/sign`)
      .type('form')
      .send(form({ fullName: 'Ingus Ozols', agree: 'yes' }))
      .expect(410);
    await api.http.get(fresh).expect(200);

    const history = await api.http.get('/mobilities/mob-ingus/history').expect(200);
    const reissued = history.body.filter((e: { type: string }) => e.type === 'SigningLinkReissued');
    expect(reissued).toHaveLength(1);
    expect(reissued[0].data).toMatchObject({
      mobilityId: 'mob-ingus',
      version: 1,
      role: 'learner',
    });
    expect(reissued[0].metadata.actor).toMatchObject({
      id: expect.stringMatching(/^account:/),
      role: 'coordinator',
      institutionId: 'rtrit',
    });

    // A reminder after the reissue carries a link of the same generation: it works too.
    const later = await linkFromReminder('learner', 1, 2);
    await api.http.get(later).expect(200);
    learnerLink = fresh;
  });

  it('records the learner’s signature with the typed name, the statement as intent, IP and user agent', async () => {
    const res = await api.http
      .post(`${learnerLink}/sign`)
      .set('User-Agent', 'jest-browser/2.0')
      .type('form')
      .send(form({ fullName: 'Ingus Ozols', agree: 'yes', lang: 'lv' }))
      .expect(200);
    expect(res.text).toContain('Paldies — līgums parakstīts');

    const mobility = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(mobility.body.agreement.pendingSignatories).toEqual(['guardian']);
    const signature = mobility.body.agreement.signatures.find(
      (s: { role: string }) => s.role === 'learner',
    );
    expect(signature).toMatchObject({
      authMethod: 'signing-link',
      signer: {
        id: 'signatory:learner:mob-ingus',
        name: 'Ingus Ozols',
        email: 'ingus.ozols@example.lv',
      },
    });
    const version = await api.http.get('/mobilities/mob-ingus/learning-agreement/versions/1');
    const recorded = version.body.signatures.find((s: { role: string }) => s.role === 'learner');
    expect(recorded).toMatchObject({ userAgent: 'jest-browser/2.0' });
    expect(recorded.ip).toBeTruthy();
    expect(recorded.intent).toMatch(
      /^Esmu izlasījis\(-usi\) šo mācību līgumu \(1\. versija, sha256:[0-9a-f]{64}\) un tam piekrītu\.$/,
    );
    const history = await api.http.get('/mobilities/mob-ingus/history').expect(200);
    const signed = history.body.find(
      (e: { type: string; data: { role: string } }) =>
        e.type === 'LearningAgreementSigned' && e.data.role === 'learner',
    );
    expect(signed.metadata.actor).toEqual({ id: 'signatory:learner:mob-ingus', role: 'signatory' });
  });

  it('answers 410 when the same link is used again, to open or to sign', async () => {
    const page = await api.http.get(learnerLink).expect(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Saite jau izmantota');
    await api.http
      .post(`${learnerLink}/sign`)
      .type('form')
      .send(form({ fullName: 'Ingus Ozols', agree: 'yes' }))
      .expect(410);
  });

  let secondGuardianLink: string;

  it('completes the collection when the last signatory signs: the mobility is ready to start', async () => {
    const guardianLink = await linkFromReminder('guardian', 1, 1);
    secondGuardianLink = await linkFromReminder('guardian', 1, 2);
    await api.http
      .post(`${guardianLink}/sign`)
      .type('form')
      .send(form({ fullName: 'Līga Ozola', agree: 'yes', lang: 'lv' }))
      .expect(200);
    const mobility = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(mobility.body.agreement).toMatchObject({ fullySigned: true, pendingSignatories: [] });
    expect(mobility.body.phase).toBe('ready-to-start');
  });

  it('answers 410 on another link of a signatory who has signed', async () => {
    const page = await api.http.get(secondGuardianLink).expect(410);
    expect(page.text).toContain('Līgums jau parakstīts');
  });

  it('answers 409 when a new version has replaced the one the link was issued for', async () => {
    const current = await api.http.get('/mobilities/mob-ingus').expect(200);
    await api.http
      .post('/mobilities/mob-ingus/learning-agreement/amendments')
      .set('If-Match', current.headers.etag)
      .send({ changes: { lifeSkills: ['foreign-languages'] }, reason: 'module moved' })
      .expect(200);
    const page = await api.http.get(secondGuardianLink).expect(409);
    expect(page.text).toContain('Ir jauna līguma versija');
    expect(page.text).toContain('Jūs saņemsiet jaunu saiti');
    await api.http
      .post(`${secondGuardianLink}/sign`)
      .type('form')
      .send(form({ fullName: 'Līga Ozola', agree: 'yes' }))
      .expect(409);
  });

  it('records a decline with its reason, and the version then awaits an amendment', async () => {
    const link = await linkFromReminder('guardian', 2, 1);
    const res = await api.http
      .post(`${link}/decline`)
      .type('form')
      .send(form({ fullName: 'Līga Ozola', reason: 'The insurance does not cover hiking.' }))
      .expect(200);
    expect(res.text).toContain('Līgums noraidīts');
    const mobility = await api.http.get('/mobilities/mob-ingus').expect(200);
    expect(mobility.body.agreement.declinedBy).toEqual({
      role: 'guardian',
      reason: 'The insurance does not cover hiking.',
    });
  });

  it('answers 400 for a link that is not ours and 410 for one that has expired', async () => {
    const tampered = learnerLink.replace(/\.([\w-]{4})/, '.AAAA');
    const bad = await api.http.get(tampered).expect(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.text).toContain('This link is not valid');
    await api.http.get('/sign/not-a-token').expect(400);

    const links = api.app.get(SigningLinks);
    const { token } = await links.issue(
      { mid: 'mob-ingus', v: 2, role: 'learner', h: 'sha256:x', jti: 'expired-link', lang: 'en' },
      { issuedAt: new Date(Date.now() - 40 * 86_400_000), expiresAt: new Date(Date.now() - 1_000) },
    );
    const expired = await api.http.get(`/sign/${token}`).expect(410);
    expect(expired.text).toContain('This link has expired');
  });
});
