import { countEn, countLv } from './format';
import type {
  AwaitedStep,
  Language,
  MouEscalationLevel,
  RecipientRole,
  SignatoryRole,
} from './mail.types';

/** Everything a mail says, in each language the product speaks. */
export interface Wording {
  greeting(name: string): string;
  closing(institution: string): string[];
  role: Record<RecipientRole, string>;
  labels: {
    mobility: string;
    learner: string;
    host: string;
    period: string;
    qualification: string;
    units: string;
    version: string;
    youSignAs: string;
    signBy: string;
    awaited: string;
    deadline: string;
    notSigned: string;
    stillPending: string;
    reminders: string;
  };
  signatureReminder: {
    subject(n: number, learner: string, mobilityId: string, version: number): string;
    intro: string;
    action: string;
    linkNote(expires: string): string;
    nth(n: number): string;
  };
  signingLinkReissued: {
    subject(learner: string, mobilityId: string, version: number): string;
    intro: string;
    earlierLinks: string;
  };
  signatureEscalation: {
    subject(who: string, mobilityId: string, version: number): string;
    intro(level: 'coordinator' | 'head', reminders: number): string;
    ask: string;
  };
  signatureExpired: {
    subject(mobilityId: string, version: number): string;
    intro(deadline: string): string;
    ask: string;
  };
  step: Record<AwaitedStep, { todo: string; notDone: string; awaited: string }>;
  stepReminder: {
    subject(todo: string, learner: string, mobilityId: string): string;
    intro(n: number): string;
    ask(step: AwaitedStep): string;
  };
  stepEscalation: {
    subject(notDone: string, learner: string, mobilityId: string): string;
    intro(level: 'coordinator' | 'head', reminders: number): string;
    ask: string;
  };
  stepMissed: {
    subject(notDone: string, learner: string, mobilityId: string): string;
    intro(deadline: string): string;
    ask: string;
  };
  /** The partnership's Memorandum of Understanding (the partnership workflow's mails). */
  mou: MouWording;
}

export interface MouWording {
  labels: {
    partnership: string;
    coordinating: string;
    youSignFor: string;
    version: string;
    validity: string;
    validUntil: string;
  };
  /** The link to the MoU version (there is no signing link for an MoU). */
  open: string;
  signatureReminder: {
    subject(n: number, title: string, partnershipId: string, version: number): string;
    /** To the party's own contact person. */
    intro(institution: string): string;
    /** To the coordinator, because the party has no contact person. */
    introForPartner(institution: string): string;
    howToSign: string;
    nth(n: number): string;
  };
  signatureEscalation: {
    subject(institution: string, partnershipId: string, version: number): string;
    intro(level: MouEscalationLevel, reminders: number): string;
    note: string;
    ask: string;
  };
  signatureExpired: {
    subject(partnershipId: string, version: number): string;
    intro(deadline: string): string;
    note: string;
    ask: string;
  };
  renewalReminder: {
    subject(n: number, validUntil: string, title: string, partnershipId: string): string;
    intro(version: number, validUntil: string): string;
    howToRenew: string;
    nth(n: number): string;
  };
  renewalEscalation: {
    subject(partnershipId: string, validUntil: string): string;
    intro(level: MouEscalationLevel, reminders: number, validUntil: string): string;
    ask: string;
  };
}

const lv: Wording = {
  greeting: (name) => `Labdien, ${name}!`,
  closing: (institution) => [
    'Ar cieņu',
    institution,
    '(automātisks paziņojums no ECVET mobilitāšu sistēmas)',
  ],
  role: {
    learner: 'izglītojamais',
    guardian: 'izglītojamā vecāks vai likumiskais pārstāvis',
    'sending-school': 'nosūtītāja izglītības iestāde',
    host: 'uzņēmēja organizācija',
    coordinator: 'mobilitātes koordinators',
    head: 'iestādes vadītājs',
    'host-mentor': 'uzņēmējas organizācijas mentors',
    'partner-contact': 'partnera kontaktpersona',
    'checkpoint-recipient': 'kontrolpunktu saņēmējs',
  },
  labels: {
    mobility: 'Mobilitāte',
    learner: 'Izglītojamais',
    host: 'Uzņēmēja organizācija',
    period: 'Periods',
    qualification: 'Kvalifikācija',
    units: 'Mācību rezultātu vienības',
    version: 'Mācību līguma versija',
    youSignAs: 'Jūs parakstāt kā',
    signBy: 'Parakstīt pirms',
    awaited: 'Gaidāmā darbība',
    deadline: 'Termiņš',
    notSigned: 'Nav parakstījis(-usi)',
    stillPending: 'Vēl gaida parakstu no',
    reminders: 'Nosūtītie atgādinājumi',
  },
  signatureReminder: {
    subject: (n, learner, mobilityId, version) =>
      `Atgādinājums Nr. ${n}: lūdzam parakstīt mācību līgumu — ${learner} (${mobilityId}, ${version}. versija)`,
    intro:
      'Mācību līgums zemāk norādītajai ECVET mobilitātei gaida Jūsu parakstu. Mobilitāte var sākties tikai tad, kad līgumu ir parakstījušas visas puses.',
    action: 'Atvērt un parakstīt mācību līgumu',
    linkNote: (expires) =>
      `Saitē varat izlasīt līgumu un to parakstīt vai noraidīt, norādot iemeslu. Saite ir personiska, izmantojama vienu reizi, attiecas tikai uz šo līguma versiju un ir derīga līdz ${expires}.`,
    nth: (n) =>
      n === 1 ? 'Šis ir pirmais atgādinājums.' : `Šis ir ${n}. atgādinājums par šo parakstu.`,
  },
  signingLinkReissued: {
    subject: (learner, mobilityId, version) =>
      `Jauna saite mācību līguma parakstīšanai — ${learner} (${mobilityId}, ${version}. versija)`,
    intro:
      'Nosūtošā izglītības iestāde Jums ir nosūtījusi jaunu saiti zemāk norādītās ECVET mobilitātes mācību līguma parakstīšanai.',
    earlierLinks:
      'Saites, kas šai līguma versijai nosūtītas iepriekš, vairs nedarbojas: lūdzam izmantot šo.',
  },
  signatureEscalation: {
    subject: (who, mobilityId, version) =>
      `Eskalācija: ${who} nav parakstījis(-usi) mācību līgumu — ${mobilityId}, ${version}. versija`,
    intro: (level, reminders) =>
      `Šis ir eskalācijas paziņojums ${level === 'head' ? 'iestādes vadītājam' : 'mobilitātes koordinatoram'}: pēc ${countLv(reminders, 'atgādinājuma', 'atgādinājumiem')} mācību līgums joprojām nav parakstīts.`,
    ask: 'Lūdzam sazināties ar parakstītāju. Ja līgums jāmaina, sagatavojiet jaunu versiju — parakstu vākšana tad sāksies no jauna.',
  },
  signatureExpired: {
    subject: (mobilityId, version) =>
      `Termiņš beidzies: mācību līgums nav pilnībā parakstīts — ${mobilityId}, ${version}. versija`,
    intro: (deadline) =>
      `Mācību līgums nebija pilnībā parakstīts līdz termiņam (${deadline}). Bez pilnībā parakstīta līguma mobilitāti nevar sākt.`,
    ask: 'Lūdzam sazināties ar parakstītājiem vai pārplānot mobilitāti, sagatavojot jaunu līguma versiju.',
  },
  step: {
    start: {
      todo: 'lūdzam reģistrēt mobilitātes sākumu',
      notDone: 'mobilitātes sākums nav reģistrēts',
      awaited: 'mobilitātes faktiskā sākuma reģistrēšana',
    },
    end: {
      todo: 'lūdzam reģistrēt mobilitātes beigas',
      notDone: 'mobilitātes beigas nav reģistrētas',
      awaited: 'mobilitātes faktisko beigu reģistrēšana',
    },
    assessment: {
      todo: 'lūdzam novērtēt mācību rezultātus',
      notDone: 'mācību rezultāti nav novērtēti',
      awaited: 'mācību rezultātu vienību noslēguma novērtējums un sekmju izraksts',
    },
    recognition: {
      todo: 'lūdzam validēt un atzīt mācību rezultātus',
      notDone: 'mācību rezultāti nav atzīti',
      awaited: 'novērtēto mācību rezultātu validēšana un atzīšana',
    },
  },
  stepReminder: {
    subject: (todo, learner, mobilityId) => `Atgādinājums: ${todo} — ${learner} (${mobilityId})`,
    intro: (n) =>
      n === 1
        ? 'Atgādinām par gaidāmo darbību zemāk norādītajā ECVET mobilitātē.'
        : `Atgādinām (${n}. reizi) par gaidāmo darbību zemāk norādītajā ECVET mobilitātē.`,
    ask: (step) =>
      step === 'assessment'
        ? 'Lūdzam novērtēt katru mācību rezultātu vienību pēc tās vērtēšanas kritērijiem un izsniegt sekmju izrakstu.'
        : 'Lūdzam to izdarīt mobilitāšu sistēmā.',
  },
  stepEscalation: {
    subject: (notDone, learner, mobilityId) =>
      `Eskalācija: ${notDone} — ${learner} (${mobilityId})`,
    intro: (level, reminders) =>
      `Šis ir eskalācijas paziņojums ${level === 'head' ? 'iestādes vadītājam' : 'mobilitātes koordinatoram'}: pēc ${countLv(reminders, 'atgādinājuma', 'atgādinājumiem')} gaidāmā darbība joprojām nav paveikta.`,
    ask: 'Lūdzam noskaidrot, kas aizkavē darbību, un vienoties par tās izpildi.',
  },
  stepMissed: {
    subject: (notDone, learner, mobilityId) =>
      `Termiņš nokavēts: ${notDone} — ${learner} (${mobilityId})`,
    intro: (deadline) => `Termiņš (${deadline}) ir pagājis, bet gaidāmā darbība nav paveikta.`,
    ask: 'Kamēr darbība nav paveikta, mobilitāte nevar virzīties tālāk. Lūdzam rīkoties.',
  },
  mou: {
    labels: {
      partnership: 'Partnerība',
      coordinating: 'Koordinējošā iestāde',
      youSignFor: 'Jūs parakstāt par',
      version: 'Saprašanās memoranda versija',
      validity: 'Derīguma periods',
      validUntil: 'Derīguma termiņš',
    },
    open: 'Atvērt saprašanās memoranda versiju',
    signatureReminder: {
      subject: (n, title, partnershipId, version) =>
        `Atgādinājums Nr. ${n}: lūdzam parakstīt saprašanās memorandu — ${title} (${partnershipId}, ${version}. versija)`,
      intro: (institution) =>
        `ECVET partnerības saprašanās memoranda (MoU) versija gaida parakstu no Jūsu iestādes — ${institution}. Mobilitātes šīs partnerības ietvaros var plānot tikai saskaņā ar memorandu, ko parakstījušas visas puses.`,
      introForPartner: (institution) =>
        `ECVET partnerības saprašanās memoranda (MoU) versija gaida parakstu no partnera ${institution}. Partnerim nav norādīta kontaktpersona, tāpēc rakstām Jums kā partnerības koordinatoram: lūdzam pārsūtīt šo atgādinājumu partnerim vai sazināties ar to.`,
      howToSign:
        'Memorandu paraksta ECVET mobilitāšu sistēmā (API vai lietotāja saskarnē) iestādes pārstāvis ar paraksta tiesībām: atveriet šo versiju, pārbaudiet tās saturu un parakstiet to. Memorandam parakstīšanas saites nav.',
      nth: (n) =>
        n === 1 ? 'Šis ir pirmais atgādinājums.' : `Šis ir ${n}. atgādinājums par šo parakstu.`,
    },
    signatureEscalation: {
      subject: (institution, partnershipId, version) =>
        `Eskalācija: ${institution} nav parakstījis(-usi) saprašanās memorandu — ${partnershipId}, ${version}. versija`,
      intro: (level, reminders) =>
        `Šis ir eskalācijas paziņojums ${level === 'head' ? 'partnerības koordinatoram un iestādes vadītājam' : 'partnerības koordinatoram'}: pēc ${countLv(reminders, 'atgādinājuma', 'atgādinājumiem')} saprašanās memorands joprojām nav parakstīts.`,
      note: 'Memoranda versija, tās paraksti un gaidītie parakstītāji ir redzami ECVET mobilitāšu sistēmā (API vai lietotāja saskarnē).',
      ask: 'Lūdzam sazināties ar partneri. Ja memorands jāmaina, sagatavojiet jaunu versiju — parakstu vākšana tad sāksies no jauna.',
    },
    signatureExpired: {
      subject: (partnershipId, version) =>
        `Termiņš beidzies: saprašanās memorands nav pilnībā parakstīts — ${partnershipId}, ${version}. versija`,
      intro: (deadline) =>
        `Saprašanās memoranda versija nebija pilnībā parakstīta līdz termiņam (${deadline}), un parakstu vākšana šai versijai ir beigusies.`,
      note: 'Versija un tās paraksti ir redzami ECVET mobilitāšu sistēmā (API vai lietotāja saskarnē).',
      ask: 'Lūdzam sazināties ar partneriem un sagatavot jaunu memoranda versiju, lai parakstus vāktu no jauna. Mobilitātes šīs partnerības ietvaros var plānot tikai saskaņā ar memorandu, ko parakstījušas visas puses.',
    },
    renewalReminder: {
      subject: (n, validUntil, title, partnershipId) =>
        `Atgādinājums Nr. ${n}: lūdzam atjaunot saprašanās memorandu, kura derīguma termiņš ir ${validUntil} — ${title} (${partnershipId})`,
      intro: (version, validUntil) =>
        `Spēkā esošā saprašanās memoranda (${version}. versija) derīguma termiņš ir ${validUntil}, un tā atjaunošana vēl nav sākta. Bez spēkā esoša memoranda jaunas mobilitātes šīs partnerības ietvaros nevar plānot.`,
      howToRenew:
        'Atjaunojiet memorandu ECVET mobilitāšu sistēmā (API vai lietotāja saskarnē): sagatavojiet jaunu versiju ar jaunu derīguma termiņu, ko pēc tam paraksta visas puses.',
      nth: (n) =>
        n === 1
          ? 'Šis ir pirmais atgādinājums.'
          : `Šis ir ${n}. atgādinājums par memoranda atjaunošanu.`,
    },
    renewalEscalation: {
      subject: (partnershipId, validUntil) =>
        `Eskalācija: saprašanās memorands nav atjaunots — ${partnershipId}, derīguma termiņš ${validUntil}`,
      intro: (level, reminders, validUntil) =>
        `Šis ir eskalācijas paziņojums ${level === 'head' ? 'partnerības koordinatoram un iestādes vadītājam' : 'partnerības koordinatoram'}: pēc ${countLv(reminders, 'atgādinājuma', 'atgādinājumiem')} saprašanās memoranda atjaunošana joprojām nav sākta, lai gan tā derīguma termiņš ir ${validUntil}.`,
      ask: 'Lūdzam vienoties ar partneriem par memoranda atjaunošanu un sagatavot jaunu versiju, pirms beidzas pašreizējās versijas derīgums.',
    },
  },
};

const en: Wording = {
  greeting: (name) => `Dear ${name},`,
  closing: (institution) => [
    'Kind regards,',
    institution,
    '(an automatic message from the ECVET Mobility Engine)',
  ],
  role: {
    learner: 'the learner',
    guardian: 'the learner’s parent or guardian',
    'sending-school': 'the sending institution',
    host: 'the host organisation',
    coordinator: 'the mobility coordinator',
    head: 'the head of the institution',
    'host-mentor': 'the host organisation’s mentor',
    'partner-contact': 'the partner’s contact person',
    'checkpoint-recipient': 'checkpoint recipient',
  },
  labels: {
    mobility: 'Mobility',
    learner: 'Learner',
    host: 'Host organisation',
    period: 'Period',
    qualification: 'Qualification',
    units: 'Units of learning outcomes',
    version: 'Learning Agreement version',
    youSignAs: 'You sign as',
    signBy: 'Sign before',
    awaited: 'Awaited',
    deadline: 'Deadline',
    notSigned: 'Not signed by',
    stillPending: 'Signatures still awaited from',
    reminders: 'Reminders sent',
  },
  signatureReminder: {
    subject: (n, learner, mobilityId, version) =>
      `Reminder ${n}: please sign the Learning Agreement — ${learner} (${mobilityId}, version ${version})`,
    intro:
      'The Learning Agreement of the ECVET mobility below is waiting for your signature. The mobility can only start once every party has signed it.',
    action: 'Open and sign the Learning Agreement',
    linkNote: (expires) =>
      `The link opens the agreement, where you can sign it or decline it with a reason. It is personal, works once, is valid for this version of the agreement only, and expires on ${expires}.`,
    nth: (n) =>
      n === 1 ? 'This is the first reminder.' : `This is reminder ${n} about this signature.`,
  },
  signingLinkReissued: {
    subject: (learner, mobilityId, version) =>
      `A new link to sign the Learning Agreement — ${learner} (${mobilityId}, version ${version})`,
    intro:
      'The sending school has sent you a new link to sign the Learning Agreement of the ECVET mobility below.',
    earlierLinks:
      'The links sent to you earlier for this version of the agreement no longer work: please use this one.',
  },
  signatureEscalation: {
    subject: (who, mobilityId, version) =>
      `Escalation: ${who} has not signed the Learning Agreement — ${mobilityId}, version ${version}`,
    intro: (level, reminders) =>
      `This is an escalation to ${level === 'head' ? 'the head of the institution' : 'the mobility coordinator'}: after ${countEn(reminders, 'reminder', 'reminders')}, the Learning Agreement is still not signed.`,
    ask: 'Please contact the signatory. If the agreement needs changes, draft a new version — collecting signatures then starts afresh.',
  },
  signatureExpired: {
    subject: (mobilityId, version) =>
      `Deadline passed: the Learning Agreement is not fully signed — ${mobilityId}, version ${version}`,
    intro: (deadline) =>
      `The Learning Agreement was not fully signed by its deadline (${deadline}). Without a fully signed agreement the mobility cannot start.`,
    ask: 'Please contact the signatories, or re-plan the mobility with a new version of the agreement.',
  },
  step: {
    start: {
      todo: 'please record the start of the mobility',
      notDone: 'the start of the mobility has not been recorded',
      awaited: 'recording the actual start of the mobility',
    },
    end: {
      todo: 'please record the end of the mobility',
      notDone: 'the end of the mobility has not been recorded',
      awaited: 'recording the actual end of the mobility',
    },
    assessment: {
      todo: 'please assess the learning outcomes',
      notDone: 'the learning outcomes have not been assessed',
      awaited:
        'the final assessment of each unit of learning outcomes and the transcript of records',
    },
    recognition: {
      todo: 'please validate and recognise the learning outcomes',
      notDone: 'the learning outcomes have not been recognised',
      awaited: 'validation and recognition of the assessed learning outcomes',
    },
  },
  stepReminder: {
    subject: (todo, learner, mobilityId) => `Reminder: ${todo} — ${learner} (${mobilityId})`,
    intro: (n) =>
      n === 1
        ? 'A reminder about a step awaited in the ECVET mobility below.'
        : `Reminder ${n} about a step awaited in the ECVET mobility below.`,
    ask: (step) =>
      step === 'assessment'
        ? 'Please assess each unit of learning outcomes against its assessment criteria and issue the transcript of records.'
        : 'Please record it in the mobility engine.',
  },
  stepEscalation: {
    subject: (notDone, learner, mobilityId) =>
      `Escalation: ${notDone} — ${learner} (${mobilityId})`,
    intro: (level, reminders) =>
      `This is an escalation to ${level === 'head' ? 'the head of the institution' : 'the mobility coordinator'}: after ${countEn(reminders, 'reminder', 'reminders')}, the awaited step is still not done.`,
    ask: 'Please find out what holds it up and agree how it gets done.',
  },
  stepMissed: {
    subject: (notDone, learner, mobilityId) =>
      `Deadline missed: ${notDone} — ${learner} (${mobilityId})`,
    intro: (deadline) => `The deadline (${deadline}) has passed and the awaited step is not done.`,
    ask: 'The mobility cannot move on until it is done. Please act.',
  },
  mou: {
    labels: {
      partnership: 'Partnership',
      coordinating: 'Coordinating institution',
      youSignFor: 'You sign for',
      version: 'MoU version',
      validity: 'Validity',
      validUntil: 'Valid until',
    },
    open: 'Open the version of the Memorandum of Understanding',
    signatureReminder: {
      subject: (n, title, partnershipId, version) =>
        `Reminder ${n}: please sign the Memorandum of Understanding — ${title} (${partnershipId}, version ${version})`,
      intro: (institution) =>
        `A version of the Memorandum of Understanding (MoU) of the ECVET partnership below is waiting for the signature of your institution, ${institution}. Mobilities under this partnership can only be planned under an MoU that every party has signed.`,
      introForPartner: (institution) =>
        `A version of the Memorandum of Understanding (MoU) of the ECVET partnership below is waiting for the signature of the partner ${institution}. The partner has no contact person on record, so we are writing to you as the partnership’s coordinator: please forward this reminder to the partner or get in touch with them.`,
      howToSign:
        'The MoU is signed in the ECVET Mobility Engine (the API or the user interface) by a person entitled to sign for the institution: open this version, check its content and sign it. There is no signing link for an MoU.',
      nth: (n) =>
        n === 1 ? 'This is the first reminder.' : `This is reminder ${n} about this signature.`,
    },
    signatureEscalation: {
      subject: (institution, partnershipId, version) =>
        `Escalation: ${institution} has not signed the Memorandum of Understanding — ${partnershipId}, version ${version}`,
      intro: (level, reminders) =>
        `This is an escalation to ${level === 'head' ? 'the partnership’s coordinator and the head of the institution' : 'the partnership’s coordinator'}: after ${countEn(reminders, 'reminder', 'reminders')}, the Memorandum of Understanding is still not signed.`,
      note: 'The version, its signatures and the signatures still awaited are in the ECVET Mobility Engine (the API or the user interface).',
      ask: 'Please contact the partner. If the MoU needs changes, draft a new version — collecting signatures then starts afresh.',
    },
    signatureExpired: {
      subject: (partnershipId, version) =>
        `Deadline passed: the Memorandum of Understanding is not fully signed — ${partnershipId}, version ${version}`,
      intro: (deadline) =>
        `The version of the Memorandum of Understanding was not fully signed by its deadline (${deadline}); collecting signatures for it has ended.`,
      note: 'The version and its signatures are in the ECVET Mobility Engine (the API or the user interface).',
      ask: 'Please contact the partners and draft a new version of the MoU to collect the signatures again. Mobilities under this partnership can only be planned under an MoU that every party has signed.',
    },
    renewalReminder: {
      subject: (n, validUntil, title, partnershipId) =>
        `Reminder ${n}: please renew the Memorandum of Understanding, valid until ${validUntil} — ${title} (${partnershipId})`,
      intro: (version, validUntil) =>
        `The Memorandum of Understanding in force (version ${version}) is valid until ${validUntil}, and no renewal has been drafted yet. Without an MoU in force, no new mobilities can be planned under this partnership.`,
      howToRenew:
        'Renew it in the ECVET Mobility Engine (the API or the user interface): draft a new version with a new validity, which every party then signs.',
      nth: (n) =>
        n === 1 ? 'This is the first reminder.' : `This is reminder ${n} about renewing the MoU.`,
    },
    renewalEscalation: {
      subject: (partnershipId, validUntil) =>
        `Escalation: the Memorandum of Understanding has not been renewed — ${partnershipId}, valid until ${validUntil}`,
      intro: (level, reminders, validUntil) =>
        `This is an escalation to ${level === 'head' ? 'the partnership’s coordinator and the head of the institution' : 'the partnership’s coordinator'}: after ${countEn(reminders, 'reminder', 'reminders')}, no renewal of the Memorandum of Understanding has been drafted, and it expires on ${validUntil}.`,
      ask: 'Please agree the renewal with the partners and draft the new version before the current one expires.',
    },
  },
};

export const WORDING: Record<Language, Wording> = { lv, en };

export const signatoryLabel = (role: SignatoryRole, language: Language): string =>
  WORDING[language].role[role];
