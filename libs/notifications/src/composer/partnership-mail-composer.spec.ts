import type {
  MailInstitution,
  PartnershipMailContext,
  PartnershipNotifiableEvent,
} from './mail.types';
import { composePartnershipMails } from './partnership-mail-composer';

const RTRIT: MailInstitution = {
  legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
  preferredLanguage: 'lv',
  contacts: [
    { id: 'ilze', name: 'Ilze Ozola', role: 'mobility coordinator', email: 'ilze@school.lv' },
  ],
};
const SAVO: MailInstitution = {
  legalName: 'Savo Vocational College',
  preferredLanguage: 'en',
  contacts: [
    { name: 'Matti Korhonen', role: 'teacher', email: 'matti@savo.fi' },
    { name: 'Aino Virtanen', role: 'Head of international affairs', email: 'aino@savo.fi' },
  ],
};
const KFZ: MailInstitution = {
  legalName: 'KFZ-Innung Leipzig',
  preferredLanguage: 'en',
  contacts: [],
};
const WITH_HEAD: MailInstitution = {
  ...RTRIT,
  contacts: [
    ...RTRIT.contacts,
    { name: 'Pēteris Kalns', role: 'Direktors', email: 'direktors@school.lv' },
  ],
};

function context(
  institutions: Partial<Record<'rtrit' | 'savo' | 'kfz', MailInstitution>> = {},
): PartnershipMailContext {
  return {
    partnership: {
      partnershipId: 'p-tourism',
      title: 'Tourism placements in Finland',
      coordinatorInstitutionId: 'rtrit',
      parties: [
        { institutionId: 'rtrit', role: 'sending' },
        { institutionId: 'savo', role: 'host' },
        { institutionId: 'kfz', role: 'host' },
      ],
      mouVersions: [
        {
          version: 1,
          validFrom: '2025-01-01',
          validUntil: '2026-12-31',
          draftedAt: '2024-11-01T09:00:00Z',
        },
        {
          version: 2,
          validFrom: '2026-01-01',
          validUntil: '2028-12-31',
          draftedAt: '2025-11-03T09:00:00Z',
        },
      ],
      mou: { version: 2, pendingParties: ['savo', 'kfz'] },
    },
    institutions: { rtrit: RTRIT, savo: SAVO, kfz: KFZ, ...institutions },
    publicUrl: 'https://ecvet.example/',
    signatureDeadline: '2026-01-02T09:00:00.000Z',
  };
}

const reminder = (institutionId: string, reminderNumber = 2): PartnershipNotifiableEvent => ({
  type: 'MouSignatureReminderSent',
  data: {
    partnershipId: 'p-tourism',
    version: 2,
    institutionId,
    reminderNumber,
    sentAt: '2025-11-10T09:00:00Z',
  },
});
const escalation = (
  level: 'coordinator' | 'head',
  institutionId = 'savo',
): PartnershipNotifiableEvent => ({
  type: 'MouSignatureRequestEscalated',
  data: {
    partnershipId: 'p-tourism',
    version: 2,
    institutionId,
    level,
    afterReminders: 3,
    escalatedAt: '2025-11-20T09:00:00Z',
  },
});
const renewalEscalation = (level: 'coordinator' | 'head'): PartnershipNotifiableEvent => ({
  type: 'MouRenewalEscalated',
  data: {
    partnershipId: 'p-tourism',
    version: 1,
    validUntil: '2026-12-31',
    level,
    afterReminders: 2,
    escalatedAt: '2026-11-20T09:00:00Z',
  },
});

const VERSION_URL = 'https://ecvet.example/partnerships/p-tourism/mou/versions/2';

describe('composing mail for an MoU signature reminder', () => {
  it('writes to the unsigned partner’s head in English, its own language, pointing to the version', () => {
    const mails = composePartnershipMails(reminder('savo'), context());
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({
      kind: 'mou-signature-reminder',
      to: { name: 'Aino Virtanen', email: 'aino@savo.fi' },
      recipientRole: 'partner-contact',
      language: 'en',
    });
    expect(mail.signingLink).toBeUndefined();
    expect(mail.subject).toBe(
      'Reminder 2: please sign the Memorandum of Understanding — Tourism placements in Finland (p-tourism, version 2)',
    );
    expect(mail.text).toContain('Dear Aino Virtanen,');
    expect(mail.text).toContain(
      'waiting for the signature of your institution, Savo Vocational College',
    );
    expect(mail.text).toMatch(/MoU version: +2\n/);
    expect(mail.text).toMatch(/Validity: +1 January 2026 – 31 December 2028\n/);
    expect(mail.text).toMatch(/You sign for: +Savo Vocational College\n/);
    expect(mail.text).toContain(
      'Signatures still awaited from: Savo Vocational College; KFZ-Innung Leipzig',
    );
    expect(mail.text).toContain('Sign before:');
    expect(mail.text).toContain('2 January 2026');
    expect(mail.text).toContain(VERSION_URL);
    expect(mail.text).toContain('the API or the user interface');
    expect(mail.text).toContain('There is no signing link for an MoU.');
    expect(mail.text).toContain('This is reminder 2 about this signature.');
    expect(mail.text).toContain('Rīgas Tūrisma un radošās industrijas tehnikums');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain(`href="${VERSION_URL}"`);
    expect(mail.html).not.toContain('/sign/');
  });

  it('writes in Latvian to a Latvian partner’s coordinator', () => {
    const [mail] = composePartnershipMails(reminder('rtrit', 1), context());
    expect(mail).toMatchObject({
      to: { name: 'Ilze Ozola', email: 'ilze@school.lv' },
      recipientRole: 'partner-contact',
      language: 'lv',
    });
    expect(mail.subject).toBe(
      'Atgādinājums Nr. 1: lūdzam parakstīt saprašanās memorandu — Tourism placements in Finland (p-tourism, 2. versija)',
    );
    expect(mail.text).toContain('Labdien, Ilze Ozola!');
    expect(mail.text).toContain(
      'gaida parakstu no Jūsu iestādes — Rīgas Tūrisma un radošās industrijas tehnikums',
    );
    expect(mail.text).toMatch(/Saprašanās memoranda versija: +2\n/);
    expect(mail.text).toMatch(
      /Derīguma periods: +2026\. gada 1\. janvāris – 2028\. gada 31\. decembris\n/,
    );
    expect(mail.text).toContain('Atvērt saprašanās memoranda versiju:\n' + VERSION_URL);
    expect(mail.text).toContain('Memorandam parakstīšanas saites nav.');
    expect(mail.text).toContain('Šis ir pirmais atgādinājums.');
    expect(mail.html).toContain('<html lang="lv">');
  });

  it('takes a director, head or coordinator first, else the partner’s first contact', () => {
    const director = {
      ...SAVO,
      contacts: [
        ...SAVO.contacts.slice(0, 1),
        { name: 'Jussi', role: 'Rehtori / Director', email: 'j@savo.fi' },
      ],
    };
    expect(composePartnershipMails(reminder('savo'), context({ savo: director }))[0].to.email).toBe(
      'j@savo.fi',
    );
    const latvianHead = {
      ...RTRIT,
      contacts: [
        { name: 'Anna', role: 'skolotāja', email: 'anna@school.lv' },
        { name: 'Dace', role: 'Direktore', email: 'dace@school.lv' },
      ],
    };
    expect(
      composePartnershipMails(reminder('rtrit'), context({ rtrit: latvianHead }))[0].to.email,
    ).toBe('dace@school.lv');
    const teacherOnly = { ...SAVO, contacts: SAVO.contacts.slice(0, 1) };
    const [mail] = composePartnershipMails(reminder('savo'), context({ savo: teacherOnly }));
    expect(mail).toMatchObject({
      to: { email: 'matti@savo.fi' },
      recipientRole: 'partner-contact',
      language: 'en',
    });
  });

  it('goes to the coordinating institution’s coordinator, in its language, when the partner has no contact', () => {
    const [mail] = composePartnershipMails(reminder('kfz'), context());
    expect(mail).toMatchObject({
      kind: 'mou-signature-reminder',
      to: { name: 'Ilze Ozola', email: 'ilze@school.lv' },
      recipientRole: 'coordinator',
      language: 'lv',
    });
    expect(mail.text).toContain('gaida parakstu no partnera KFZ-Innung Leipzig');
    expect(mail.text).toContain('Partnerim nav norādīta kontaktpersona');
    expect(mail.text).toMatch(/Jūs parakstāt par: +KFZ-Innung Leipzig\n/);
  });

  it('sends nothing when neither the partner nor the coordinating institution has a contact', () => {
    expect(
      composePartnershipMails(reminder('kfz'), context({ rtrit: { ...RTRIT, contacts: [] } })),
    ).toEqual([]);
  });

  it('escapes what people typed in the HTML part', () => {
    const ctx = context();
    ctx.partnership.title = 'Tourism <script>alert(1)</script> & more';
    const [mail] = composePartnershipMails(reminder('savo'), ctx);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Tourism &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });
});

describe('composing mail for an MoU escalation', () => {
  it('tells the coordinator, with "Eskalācija:" in the subject and whom to call', () => {
    const mails = composePartnershipMails(escalation('coordinator'), context());
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({
      kind: 'mou-signature-escalation',
      recipientRole: 'coordinator',
      to: { email: 'ilze@school.lv' },
      language: 'lv',
    });
    expect(mail.subject).toBe(
      'Eskalācija: Savo Vocational College nav parakstījis(-usi) saprašanās memorandu — p-tourism, 2. versija',
    );
    expect(mail.text).toContain(
      'Šis ir eskalācijas paziņojums partnerības koordinatoram: pēc 3 atgādinājumiem',
    );
    expect(mail.text).toContain('Savo Vocational College (Aino Virtanen, aino@savo.fi)');
    expect(mail.text).toMatch(/Nosūtītie atgādinājumi: +3\n/);
    expect(mail.text).toContain(VERSION_URL);
    expect(mail.signingLink).toBeUndefined();
  });

  it('says "Escalation:" in English when the coordinating institution speaks English', () => {
    const [mail] = composePartnershipMails(
      escalation('coordinator', 'kfz'),
      context({ rtrit: { ...RTRIT, preferredLanguage: 'en' } }),
    );
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(
      'Escalation: KFZ-Innung Leipzig has not signed the Memorandum of Understanding — p-tourism, version 2',
    );
    expect(mail.text).toContain(
      'after 3 reminders, the Memorandum of Understanding is still not signed',
    );
    expect(mail.text).toMatch(/Not signed by: +KFZ-Innung Leipzig\n/);
  });

  it('tells the coordinator and the head at level head', () => {
    const mails = composePartnershipMails(escalation('head'), context({ rtrit: WITH_HEAD }));
    expect(mails.map((m) => [m.recipientRole, m.to.email])).toEqual([
      ['coordinator', 'ilze@school.lv'],
      ['head', 'direktors@school.lv'],
    ]);
    for (const mail of mails) {
      expect(mail.subject.startsWith('Eskalācija: ')).toBe(true);
      expect(mail.text).toContain('partnerības koordinatoram un iestādes vadītājam');
    }
  });

  it('tells the coordinator once at level head when the institution names no head', () => {
    const mails = composePartnershipMails(escalation('head'), context());
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      recipientRole: 'coordinator',
      to: { email: 'ilze@school.lv' },
    });
  });

  it('escalates an MoU that is not renewed, "Eskalācija" / "Escalation" in the subject', () => {
    const [lv] = composePartnershipMails(renewalEscalation('coordinator'), context());
    expect(lv).toMatchObject({ kind: 'mou-renewal-escalation', to: { email: 'ilze@school.lv' } });
    expect(lv.subject).toBe(
      'Eskalācija: saprašanās memorands nav atjaunots — p-tourism, derīguma termiņš 2026. gada 31. decembris',
    );
    const english = context({ rtrit: { ...WITH_HEAD, preferredLanguage: 'en' } });
    const en = composePartnershipMails(renewalEscalation('head'), english);
    expect(en.map((m) => m.to.email)).toEqual(['ilze@school.lv', 'direktors@school.lv']);
    expect(en[0].subject).toBe(
      'Escalation: the Memorandum of Understanding has not been renewed — p-tourism, valid until 31 December 2026',
    );
    expect(en[0].text).toContain('after 2 reminders');
  });
});

describe('composing mail for an MoU’s expiry and renewal', () => {
  it('tells the coordinator that the request for signatures expired, naming who has not signed', () => {
    const [mail] = composePartnershipMails(
      {
        type: 'MouSignatureRequestExpired',
        data: {
          partnershipId: 'p-tourism',
          version: 2,
          pendingInstitutionIds: ['savo', 'kfz'],
          deadline: '2026-01-02T09:00:00.000Z',
          expiredAt: '2026-01-02T09:00:01Z',
        },
      },
      context(),
    );
    expect(mail).toMatchObject({
      kind: 'mou-signature-expired',
      recipientRole: 'coordinator',
      to: { email: 'ilze@school.lv' },
      language: 'lv',
    });
    expect(mail.subject).toBe(
      'Termiņš beidzies: saprašanās memorands nav pilnībā parakstīts — p-tourism, 2. versija',
    );
    expect(mail.text).toContain(
      'Savo Vocational College (Aino Virtanen, aino@savo.fi); KFZ-Innung Leipzig',
    );
    expect(mail.text).toContain('2026. gada 2. janvāris 11:00 (Rīgas laiks)');
  });

  it('reminds the coordinator to renew, mentioning until when the MoU is valid', () => {
    const event: PartnershipNotifiableEvent = {
      type: 'MouRenewalReminderSent',
      data: {
        partnershipId: 'p-tourism',
        version: 1,
        validUntil: '2026-12-31',
        reminderNumber: 1,
        sentAt: '2026-11-01T08:00:00Z',
      },
    };
    const [lv] = composePartnershipMails(event, context());
    expect(lv).toMatchObject({
      kind: 'mou-renewal-reminder',
      recipientRole: 'coordinator',
      to: { email: 'ilze@school.lv' },
    });
    expect(lv.subject).toBe(
      'Atgādinājums Nr. 1: lūdzam atjaunot saprašanās memorandu, kura derīguma termiņš ir 2026. gada 31. decembris — Tourism placements in Finland (p-tourism)',
    );
    expect(lv.text).toMatch(/Derīguma termiņš: +2026\. gada 31\. decembris\n/);
    expect(lv.text).toContain(
      'Spēkā esošā saprašanās memoranda (1. versija) derīguma termiņš ir 2026. gada 31. decembris',
    );
    expect(lv.text).toContain('https://ecvet.example/partnerships/p-tourism/mou/versions/1');
    const [en] = composePartnershipMails(
      event,
      context({ rtrit: { ...RTRIT, preferredLanguage: 'en' } }),
    );
    expect(en.subject).toBe(
      'Reminder 1: please renew the Memorandum of Understanding, valid until 31 December 2026 — Tourism placements in Finland (p-tourism)',
    );
    expect(en.text).toContain('(version 1) is valid until 31 December 2026');
    expect(en.text).toContain('draft a new version with a new validity');
  });
});
