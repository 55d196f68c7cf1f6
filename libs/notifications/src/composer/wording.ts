import { countEn, countLv } from './format';
import type { AwaitedStep, Language, RecipientRole, SignatoryRole } from './mail.types';

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
};

export const WORDING: Record<Language, Wording> = { lv, en };

export const signatoryLabel = (role: SignatoryRole, language: Language): string =>
  WORDING[language].role[role];
