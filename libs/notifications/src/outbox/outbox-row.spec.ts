import {
  SIGNING_LINK_PLACEHOLDER,
  SIGNING_LINK_SHOWN,
  toMail,
  toSummary,
  withoutSigningLink,
  withSigningLink,
  type OutboxRow,
} from './outbox-row';

const LINK = 'https://ecvet.example/sign/eyJhbGciOiJIUzI1NiJ9.eyJtaWQiOiJtIn0.c2lnbmF0dXJl';

const row = (overrides: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 'e-1:0',
  event_id: 'e-1',
  event_type: 'SignatureReminderSent',
  mobility_id: 'mob-ingus',
  partnership_id: null,
  kind: 'signature-reminder',
  recipient: 'ingus@example.lv',
  recipient_name: 'Ingus Ozols',
  recipient_role: 'learner',
  language: 'lv',
  subject: 'Atgādinājums',
  text: `Atvērt:\n${SIGNING_LINK_PLACEHOLDER}\n`,
  html: `<a href="${SIGNING_LINK_PLACEHOLDER}">Atvērt</a>`,
  signing_link: null,
  signing_link_hash: 'ab'.repeat(32),
  signing_link_claims: null,
  created_at: new Date('2027-01-10T09:00:00Z'),
  status: 'sent',
  attempts: 1,
  next_attempt_at: new Date('2027-01-10T09:00:00Z'),
  last_error: null,
  sent_at: new Date('2027-01-10T09:00:01Z'),
  message_id: '<e-1.0@ecvet>',
  ...overrides,
});

describe('an outbox mail as the API shows it', () => {
  it('says a signing link was sent, and shows none', () => {
    const mail = toMail(row());
    expect(mail.signingLinkSent).toBe(true);
    expect(mail).not.toHaveProperty('signingLink');
    expect(mail.text).toBe(`Atvērt:\n${SIGNING_LINK_SHOWN}\n`);
    expect(mail.html).toBe(`<a href="${SIGNING_LINK_SHOWN}">Atvērt</a>`);
    expect(toSummary(row({ signing_link_hash: null })).signingLinkSent).toBe(false);
  });

  it('shows no link even where a row still holds one (composed before links were hashed)', () => {
    const mail = toMail(
      row({
        status: 'pending',
        signing_link: LINK,
        text: `Atvērt:\n${LINK}\n`,
        html: `<a href="${LINK}">${LINK}</a>`,
      }),
    );
    expect(JSON.stringify(mail)).not.toMatch(/[\w-]+\.[\w-]+\.[\w-]{8,}/);
    expect(mail.text).toBe(`Atvērt:\n${SIGNING_LINK_SHOWN}\n`);
  });

  it('the sender puts the link where the placeholder is', () =>
    expect(withSigningLink(row().text, LINK)).toBe(`Atvērt:\n${LINK}\n`));

  it('leaves a text without a link as it is', () =>
    expect(withoutSigningLink('Labdien! /sign/ here')).toBe('Labdien! /sign/ here'));
});
