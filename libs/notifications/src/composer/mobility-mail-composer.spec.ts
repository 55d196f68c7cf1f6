import { composeMobilityMails } from './mobility-mail-composer';
import type { MobilityMailContext, MailInstitution, MobilityNotifiableEvent } from './mail.types';

const SENDING: MailInstitution = {
  legalName: 'Rīgas Tūrisma un radošās industrijas tehnikums',
  preferredLanguage: 'lv',
  contacts: [
    { id: 'ilze', name: 'Ilze Ozola', role: 'mobility coordinator', email: 'ilze@school.lv' },
  ],
};
const HOST: MailInstitution = {
  legalName: 'Savo Vocational College',
  preferredLanguage: 'en',
  contacts: [],
};

function context(overrides: Partial<MobilityMailContext> = {}): MobilityMailContext {
  return {
    mobility: {
      mobilityId: 'mob-ingus',
      learner: {
        name: 'Ingus Ozols',
        email: 'ingus@example.lv',
        guardian: { name: 'Līga Ozola', email: 'liga@example.lv' },
      },
      mentors: {
        sending: { name: 'Zane Liepa', email: 'zane@school.lv' },
        host: { name: 'Aino Virtanen', email: 'aino@savo.fi' },
      },
      sendingInstitution: { institutionId: 'rtrit', legalName: SENDING.legalName },
      host: { institutionId: 'savo', legalName: HOST.legalName, country: 'FI' },
      plannedPeriod: { start: '2027-03-01', end: '2027-05-28' },
      qualification: { title: { lv: 'Tūrisma pakalpojumi', en: 'Tourism services' } },
      targetedUnits: [
        { title: { lv: 'Ekotakas izveide', en: 'Eco-trail creation' } },
        { title: { lv: 'Gida sagatavošana', en: 'Preparing a guidebook' } },
      ],
      agreement: { version: 1, pendingSignatories: ['learner', 'guardian'] },
    },
    sending: SENDING,
    host: HOST,
    signatureDeadline: '2027-03-01T00:00:00.000Z',
    signingLink: (role, language) => ({
      url: `https://ecvet.example/sign/token-${role}-${language}`,
      expiresAt: '2027-03-01T00:00:00.000Z',
    }),
    ...overrides,
  };
}

const reminder = (
  role: 'learner' | 'guardian' | 'sending-school' | 'host',
): MobilityNotifiableEvent => ({
  type: 'SignatureReminderSent',
  data: {
    mobilityId: 'mob-ingus',
    version: 1,
    role,
    reminderNumber: 2,
    sentAt: '2027-01-10T09:00:00Z',
  },
});
const escalation = (
  level: 'coordinator' | 'head',
  role = 'learner' as const,
): MobilityNotifiableEvent => ({
  type: 'SignatureRequestEscalated',
  data: {
    mobilityId: 'mob-ingus',
    version: 1,
    role,
    level,
    afterReminders: 3,
    escalatedAt: '2027-01-20T09:00:00Z',
  },
});

describe('composing mail for a signature reminder', () => {
  it('writes to the learner in Latvian (the sending institution’s language), with the signing link', () => {
    const [mail] = composeMobilityMails(reminder('learner'), context());
    expect(mail).toMatchObject({
      kind: 'signature-reminder',
      to: { name: 'Ingus Ozols', email: 'ingus@example.lv' },
      recipientRole: 'learner',
      language: 'lv',
      signingLink: 'https://ecvet.example/sign/token-learner-lv',
    });
    expect(mail.subject).toBe(
      'Atgādinājums Nr. 2: lūdzam parakstīt mācību līgumu — Ingus Ozols (mob-ingus, 1. versija)',
    );
    expect(mail.text).toContain('Labdien, Ingus Ozols!');
    expect(mail.text).toContain('https://ecvet.example/sign/token-learner-lv');
    expect(mail.text).toContain('Mācību līguma versija:');
    expect(mail.text).toContain('Ekotakas izveide; Gida sagatavošana');
    expect(mail.text).toMatch(/Parakstīt pirms: +2027\. gada 1\. marts\n/);
    expect(mail.html).toContain('<html lang="lv">');
    expect(mail.html).toContain('href="https://ecvet.example/sign/token-learner-lv"');
  });

  it('writes to the guardian at the guardian’s address, in Latvian', () => {
    const [mail] = composeMobilityMails(reminder('guardian'), context());
    expect(mail.to).toEqual({ name: 'Līga Ozola', email: 'liga@example.lv' });
    expect(mail.language).toBe('lv');
    expect(mail.text).toContain('izglītojamā vecāks vai likumiskais pārstāvis');
  });

  it('writes to the sending school through its mentor, in the school’s language', () => {
    const [mail] = composeMobilityMails(reminder('sending-school'), context());
    expect(mail.to.email).toBe('zane@school.lv');
    expect(mail.language).toBe('lv');
  });

  it('writes to the host’s mentor in the host’s own language (English)', () => {
    const [mail] = composeMobilityMails(reminder('host'), context());
    expect(mail).toMatchObject({ to: { email: 'aino@savo.fi' }, language: 'en' });
    expect(mail.subject).toBe(
      'Reminder 2: please sign the Learning Agreement — Ingus Ozols (mob-ingus, version 1)',
    );
    expect(mail.text).toContain('Dear Aino Virtanen,');
    expect(mail.text).toContain('You sign as:');
    expect(mail.text).toContain('the host organisation');
    expect(mail.text).toContain('Eco-trail creation; Preparing a guidebook');
    expect(mail.text).toContain('https://ecvet.example/sign/token-host-en');
    expect(mail.text).toContain('1 March 2027');
  });

  it('sends nothing to a signatory whose address was erased with the learner’s key', () => {
    const erased = context();
    (erased.mobility.learner as { email: unknown }).email = { $erased: true };
    expect(composeMobilityMails(reminder('learner'), erased)).toEqual([]);
  });

  it('escapes what people typed in the HTML part', () => {
    const ctx = context();
    ctx.mobility.learner.name = 'Ingus <script>alert(1)</script> & Co';
    const [mail] = composeMobilityMails(reminder('learner'), ctx);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Ingus &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain('Ingus <script>alert(1)</script> & Co');
  });
});

describe('composing mail for a reissued signing link', () => {
  const reissued = (role: 'learner' | 'host'): MobilityNotifiableEvent => ({
    type: 'SigningLinkReissued',
    data: { mobilityId: 'mob-ingus', version: 1, role, reissuedAt: '2027-01-12T09:00:00Z' },
  });

  it('brings the signatory the fresh link and says the earlier ones no longer work', () => {
    const [mail] = composeMobilityMails(reissued('learner'), context());
    expect(mail).toMatchObject({
      kind: 'signing-link-reissued',
      to: { name: 'Ingus Ozols', email: 'ingus@example.lv' },
      recipientRole: 'learner',
      language: 'lv',
      signingLink: 'https://ecvet.example/sign/token-learner-lv',
    });
    expect(mail.subject).toBe(
      'Jauna saite mācību līguma parakstīšanai — Ingus Ozols (mob-ingus, 1. versija)',
    );
    expect(mail.text).toContain('https://ecvet.example/sign/token-learner-lv');
    expect(mail.text).toContain('vairs nedarbojas');
    expect(mail.html).toContain('href="https://ecvet.example/sign/token-learner-lv"');
  });

  it('writes to the host’s mentor in English', () => {
    const [mail] = composeMobilityMails(reissued('host'), context());
    expect(mail).toMatchObject({ to: { email: 'aino@savo.fi' }, language: 'en' });
    expect(mail.subject).toBe(
      'A new link to sign the Learning Agreement — Ingus Ozols (mob-ingus, version 1)',
    );
    expect(mail.text).toContain('no longer work: please use this one.');
  });
});

describe('composing mail for an escalation', () => {
  it('tells the coordinator in the subject that it is an escalation and who has not signed', () => {
    const [mail] = composeMobilityMails(escalation('coordinator'), context());
    expect(mail).toMatchObject({
      kind: 'signature-escalation',
      recipientRole: 'coordinator',
      to: { name: 'Ilze Ozola', email: 'ilze@school.lv' },
      language: 'lv',
    });
    expect(mail.subject).toBe(
      'Eskalācija: Ingus Ozols (izglītojamais) nav parakstījis(-usi) mācību līgumu — mob-ingus, 1. versija',
    );
    expect(mail.text).toContain('pēc 3 atgādinājumiem');
    expect(mail.text).toContain('Ingus Ozols (izglītojamais), ingus@example.lv');
    expect(mail.text).toContain(
      'Ingus Ozols (izglītojamais); Līga Ozola (izglītojamā vecāks vai likumiskais pārstāvis)',
    );
    expect(mail.signingLink).toBeUndefined();
  });

  it('says "Escalation" in English when the sending institution speaks English', () => {
    const [mail] = composeMobilityMails(
      escalation('coordinator', 'guardian' as never),
      context({ sending: { ...SENDING, preferredLanguage: 'en' } }),
    );
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(
      'Escalation: Līga Ozola (the learner’s parent or guardian) has not signed the Learning Agreement — mob-ingus, version 1',
    );
    expect(mail.text).toContain('after 3 reminders');
  });

  it('goes to the head of the institution at level head', () => {
    const sending: MailInstitution = {
      ...SENDING,
      contacts: [
        ...SENDING.contacts,
        { name: 'Pēteris Kalns', role: 'Direktors', email: 'direktors@school.lv' },
      ],
    };
    const [mail] = composeMobilityMails(escalation('head'), context({ sending }));
    expect(mail).toMatchObject({
      recipientRole: 'head',
      to: { name: 'Pēteris Kalns', email: 'direktors@school.lv' },
    });
    expect(mail.text).toContain('iestādes vadītājam');
  });

  it('goes to the coordinator at level head when the institution names no head', () => {
    const [mail] = composeMobilityMails(escalation('head'), context());
    expect(mail).toMatchObject({ recipientRole: 'coordinator', to: { email: 'ilze@school.lv' } });
  });

  it('goes to the sending mentor when the institution names no coordinator', () => {
    const [mail] = composeMobilityMails(
      escalation('coordinator'),
      context({ sending: { ...SENDING, contacts: [] } }),
    );
    expect(mail.to).toEqual({ name: 'Zane Liepa', email: 'zane@school.lv' });
  });

  it('still reaches the coordinator once the learner’s personal data was erased, without it', () => {
    const erased = context();
    const learner = erased.mobility.learner as unknown as Record<string, unknown>;
    learner.name = { $erased: true };
    learner.email = { $erased: true };
    const [mail] = composeMobilityMails(escalation('coordinator'), erased);
    expect(mail.to.email).toBe('ilze@school.lv');
    expect(mail.subject).not.toContain('[object Object]');
    expect(mail.text).not.toContain('[object Object]');
  });

  it('recognises a Latvian coordinator role', () => {
    const sending = {
      ...SENDING,
      contacts: [
        { name: 'Anna Bērziņa', role: 'Mobilitāšu koordinatore', email: 'anna@school.lv' },
      ],
    };
    const [mail] = composeMobilityMails(escalation('coordinator'), context({ sending }));
    expect(mail.to.email).toBe('anna@school.lv');
  });
});

describe('composing mail for expiry, steps and missed deadlines', () => {
  it('tells the coordinator that the agreement expired, naming who has not signed', () => {
    const [mail] = composeMobilityMails(
      {
        type: 'SignatureRequestExpired',
        data: {
          mobilityId: 'mob-ingus',
          version: 1,
          pendingRoles: ['guardian'],
          deadline: '2027-02-28T22:00:00.000Z',
          expiredAt: '2027-03-01T00:00:01Z',
        },
      },
      context(),
    );
    expect(mail).toMatchObject({ kind: 'signature-expired', to: { email: 'ilze@school.lv' } });
    expect(mail.subject).toBe(
      'Termiņš beidzies: mācību līgums nav pilnībā parakstīts — mob-ingus, 1. versija',
    );
    expect(mail.text).toContain('Līga Ozola (izglītojamā vecāks vai likumiskais pārstāvis)');
    expect(mail.text).toContain('2027. gada 1. marts 00:00 (Rīgas laiks)');
  });

  it('reminds the host’s mentor of the assessment, in English, with the deadline', () => {
    const [mail] = composeMobilityMails(
      {
        type: 'StepReminderSent',
        data: {
          mobilityId: 'mob-ingus',
          step: 'assessment',
          reminderNumber: 1,
          deadline: '2027-06-11',
          sentAt: '2027-06-01T08:00:00Z',
        },
      },
      context(),
    );
    expect(mail).toMatchObject({
      kind: 'step-reminder',
      recipientRole: 'host-mentor',
      to: { email: 'aino@savo.fi' },
      language: 'en',
    });
    expect(mail.subject).toBe(
      'Reminder: please assess the learning outcomes — Ingus Ozols (mob-ingus)',
    );
    expect(mail.text).toContain('Deadline:');
    expect(mail.text).toContain('11 June 2027');
  });

  it('reminds the coordinator of the start, recognition and end steps', () => {
    for (const step of ['start', 'end', 'recognition'] as const) {
      const [mail] = composeMobilityMails(
        {
          type: 'StepReminderSent',
          data: {
            mobilityId: 'mob-ingus',
            step,
            reminderNumber: 1,
            sentAt: '2027-03-02T08:00:00Z',
          },
        },
        context(),
      );
      expect(mail).toMatchObject({ recipientRole: 'coordinator', language: 'lv' });
      expect(mail.subject.startsWith('Atgādinājums: ')).toBe(true);
    }
  });

  it('escalates an overdue step with "Eskalācija" / "Escalation" in the subject', () => {
    const event: MobilityNotifiableEvent = {
      type: 'StepEscalated',
      data: {
        mobilityId: 'mob-ingus',
        step: 'assessment',
        level: 'coordinator',
        afterReminders: 2,
        escalatedAt: '2027-06-10T08:00:00Z',
      },
    };
    const [lv] = composeMobilityMails(event, context());
    expect(lv.subject).toBe('Eskalācija: mācību rezultāti nav novērtēti — Ingus Ozols (mob-ingus)');
    expect(lv.to.email).toBe('ilze@school.lv');
    const [en] = composeMobilityMails(
      event,
      context({ sending: { ...SENDING, preferredLanguage: 'en' } }),
    );
    expect(en.subject).toBe(
      'Escalation: the learning outcomes have not been assessed — Ingus Ozols (mob-ingus)',
    );
  });

  it('tells the coordinator a step’s deadline was missed', () => {
    const [mail] = composeMobilityMails(
      {
        type: 'StepDeadlineMissed',
        data: {
          mobilityId: 'mob-ingus',
          step: 'recognition',
          deadline: '2027-07-23',
          recordedAt: '2027-07-23T00:00:00Z',
        },
      },
      context(),
    );
    expect(mail).toMatchObject({ kind: 'step-deadline-missed', to: { email: 'ilze@school.lv' } });
    expect(mail.subject).toBe(
      'Termiņš nokavēts: mācību rezultāti nav atzīti — Ingus Ozols (mob-ingus)',
    );
    expect(mail.text).toContain('2027. gada 23. jūlijs');
  });
});
