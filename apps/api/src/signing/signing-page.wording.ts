import type { Language, SignatoryRole } from '@ecvet/notifications';

/** What the signing pages say, in the token's language (or the one the reader switched to). */
export interface PageWording {
  other: { language: Language; label: string };
  title: (mobilityId: string, version: number) => string;
  heading: string;
  lead: (mobilityId: string, version: number, role: string) => string;
  role: Record<SignatoryRole, string>;
  sections: {
    parties: string;
    qualification: string;
    mobility: string;
    units: string;
    mentors: string;
    responsibilities: string;
    insurance: string;
    version: string;
    sign: string;
    decline: string;
  };
  labels: {
    sendingInstitution: string;
    host: string;
    learner: string;
    guardian: string;
    address: string;
    qualification: string;
    eqf: string;
    nqf: string;
    programme: string;
    type: string;
    period: string;
    lifeSkills: string;
    knowledge: string;
    skills: string;
    competence: string;
    criteria: string;
    ecvetPoints: string;
    sendingMentor: string;
    hostMentor: string;
    insurer: string;
    coverage: string;
    version: string;
    hash: string;
    fullName: string;
    reason: string;
  };
  mobilityType: Record<string, string>;
  lifeSkill: Record<string, string>;
  /** The statement the signatory ticks; it is recorded as the signature's intent. */
  statement: (version: number, hash: string) => string;
  signButton: string;
  declineIntro: string;
  declineButton: string;
  errors: { fullName: string; agree: string; reason: string };
  signed: { title: string; text: (version: number) => string };
  declined: { title: string; text: (version: number) => string };
  invalid: { title: string; text: string };
  expired: { title: string; text: string };
  used: { title: string; text: (outcome: 'signed' | 'declined', at: string) => string };
  alreadySigned: { title: string; text: (version: number) => string };
  superseded: { title: string; text: (version: number) => string };
  replaced: { title: string; text: (version: number) => string };
  declinedVersion: { title: string; text: (version: number, by: string) => string };
  notFound: { title: string; text: string };
  refused: { title: string; text: (detail: string) => string };
  failed: { title: string; text: string };
  footer: string;
}

const lv: PageWording = {
  other: { language: 'en', label: 'English' },
  title: (mobilityId, version) => `Mācību līgums — ${mobilityId}, ${version}. versija`,
  heading: 'Mācību līgums',
  lead: (mobilityId, version, role) =>
    `ECVET mobilitāte ${mobilityId} · ${version}. versija · Jūs parakstāt kā: ${role}`,
  role: {
    learner: 'izglītojamais',
    guardian: 'izglītojamā vecāks vai likumiskais pārstāvis',
    'sending-school': 'nosūtītāja izglītības iestāde',
    host: 'uzņēmēja organizācija',
  },
  sections: {
    parties: 'Puses',
    qualification: 'Kvalifikācija',
    mobility: 'Mobilitāte',
    units: 'Mācību rezultātu vienības',
    mentors: 'Mentori un kontaktpersonas',
    responsibilities: 'Pušu pienākumi',
    insurance: 'Apdrošināšana',
    version: 'Līguma versija',
    sign: 'Parakstīt',
    decline: 'Noraidīt',
  },
  labels: {
    sendingInstitution: 'Nosūtītāja izglītības iestāde',
    host: 'Uzņēmēja organizācija',
    learner: 'Izglītojamais',
    guardian: 'Vecāks vai likumiskais pārstāvis',
    address: 'Juridiskā adrese',
    qualification: 'Kvalifikācija',
    eqf: 'EKI līmenis',
    nqf: 'LKI līmenis',
    programme: 'Izglītības programma',
    type: 'Mobilitātes veids',
    period: 'Periods',
    lifeSkills: 'Dzīves prasmes',
    knowledge: 'Zināšanas',
    skills: 'Prasmes',
    competence: 'Kompetence',
    criteria: 'Vērtēšanas kritēriji',
    ecvetPoints: 'ECVET punkti',
    sendingMentor: 'Nosūtītājas iestādes mentors',
    hostMentor: 'Uzņēmējas organizācijas mentors',
    insurer: 'Apdrošinātājs',
    coverage: 'Segums',
    version: 'Versija',
    hash: 'Satura kontrolsumma (SHA-256)',
    fullName: 'Jūsu vārds un uzvārds',
    reason: 'Iemesls',
  },
  mobilityType: {
    'programme-module': 'profesionālās izglītības programmas modulis vai tā daļa',
    'specialised-course': 'specializēts individuāls kurss',
    'innovation-pilot': 'inovācijas apguve un aprobācija savā skolā',
    'long-term-foundation': 'pamats ilgtermiņa mobilitātei vai savam uzņēmumam',
  },
  lifeSkill: {
    'entrepreneurship-and-initiative': 'uzņēmējdarbība un iniciatīva',
    'foreign-languages': 'svešvalodu prasmes',
    'cultural-awareness': 'kultūras izpratne',
  },
  statement: (version, hash) =>
    `Esmu izlasījis(-usi) šo mācību līgumu (${version}. versija, ${hash}) un tam piekrītu.`,
  signButton: 'Parakstīt mācību līgumu',
  declineIntro:
    'Ja nepiekrītat līgumam, noraidiet to un norādiet iemeslu: koordinators sagatavos jaunu versiju.',
  declineButton: 'Noraidīt mācību līgumu',
  errors: {
    fullName: 'Ierakstiet savu vārdu un uzvārdu.',
    agree: 'Atzīmējiet, ka esat izlasījis(-usi) līgumu un tam piekrītat.',
    reason: 'Norādiet noraidīšanas iemeslu.',
  },
  signed: {
    title: 'Paldies — līgums parakstīts',
    text: (version) =>
      `Jūsu paraksts mācību līguma ${version}. versijai ir reģistrēts. Šo saiti vairs nevar izmantot.`,
  },
  declined: {
    title: 'Līgums noraidīts',
    text: (version) =>
      `Jūsu atteikums parakstīt mācību līguma ${version}. versiju un tā iemesls ir reģistrēti. Koordinators sazināsies ar Jums.`,
  },
  invalid: {
    title: 'Saite nav derīga',
    text: 'Šī parakstīšanas saite nav derīga. Pārbaudiet, vai nokopējāt visu saiti no e-pasta.',
  },
  expired: {
    title: 'Saitei beidzies derīguma termiņš',
    text: 'Šīs parakstīšanas saites derīguma termiņš ir beidzies. Lūdzu, sazinieties ar mobilitātes koordinatoru.',
  },
  used: {
    title: 'Saite jau izmantota',
    text: (outcome, at) =>
      `Šī saite jau ir izmantota (${outcome === 'signed' ? 'līgums parakstīts' : 'līgums noraidīts'}, ${at}). Katru saiti var izmantot tikai vienu reizi.`,
  },
  alreadySigned: {
    title: 'Līgums jau parakstīts',
    text: (version) => `Jūs jau esat parakstījis(-usi) mācību līguma ${version}. versiju.`,
  },
  superseded: {
    title: 'Ir jauna līguma versija',
    text: (version) =>
      `Mācību līguma ${version}. versija vairs nav spēkā: ir sagatavota jauna versija, kas gaida Jūsu parakstu. Jūs saņemsiet jaunu saiti e-pastā.`,
  },
  replaced: {
    title: 'Saite aizstāta ar jaunāku',
    text: (version) =>
      `Šī saite vairs nedarbojas: mācību līguma ${version}. versijas parakstīšanai Jums ir nosūtīta jaunāka saite. Lūdzam izmantot jaunāko e-pastā saņemto saiti.`,
  },
  declinedVersion: {
    title: 'Šī līguma versija ir noraidīta',
    text: (version, by) =>
      `Mācību līguma ${version}. versiju ir noraidījis(-usi) ${by}. Koordinators sagatavos jaunu versiju, un Jūs saņemsiet jaunu saiti.`,
  },
  notFound: {
    title: 'Līgums nav atrasts',
    text: 'Mobilitāte vai tās līguma versija nav atrasta.',
  },
  refused: {
    title: 'Darbību nevar reģistrēt',
    text: (detail) => `Parakstu vai atteikumu šobrīd nevar reģistrēt: ${detail}`,
  },
  failed: {
    title: 'Kaut kas nogāja greizi',
    text: 'Radās kļūda mūsu pusē. Lūdzu, mēģiniet vēlreiz vēlāk.',
  },
  footer: 'ECVET mobilitāšu sistēma',
};

const en: PageWording = {
  other: { language: 'lv', label: 'Latviešu' },
  title: (mobilityId, version) => `Learning Agreement — ${mobilityId}, version ${version}`,
  heading: 'Learning Agreement',
  lead: (mobilityId, version, role) =>
    `ECVET mobility ${mobilityId} · version ${version} · You sign as: ${role}`,
  role: {
    learner: 'the learner',
    guardian: 'the learner’s parent or guardian',
    'sending-school': 'the sending institution',
    host: 'the host organisation',
  },
  sections: {
    parties: 'Parties',
    qualification: 'Qualification',
    mobility: 'Mobility',
    units: 'Units of learning outcomes',
    mentors: 'Mentors and contact persons',
    responsibilities: 'Responsibilities',
    insurance: 'Insurance',
    version: 'Agreement version',
    sign: 'Sign',
    decline: 'Decline',
  },
  labels: {
    sendingInstitution: 'Sending institution',
    host: 'Host organisation',
    learner: 'Learner',
    guardian: 'Parent or guardian',
    address: 'Legal address',
    qualification: 'Qualification',
    eqf: 'EQF level',
    nqf: 'NQF level',
    programme: 'Education programme',
    type: 'Kind of mobility',
    period: 'Period',
    lifeSkills: 'Life skills',
    knowledge: 'Knowledge',
    skills: 'Skills',
    competence: 'Competence',
    criteria: 'Assessment criteria',
    ecvetPoints: 'ECVET points',
    sendingMentor: 'Mentor at the sending institution',
    hostMentor: 'Mentor at the host organisation',
    insurer: 'Insurer',
    coverage: 'Coverage',
    version: 'Version',
    hash: 'Content hash (SHA-256)',
    fullName: 'Your full name',
    reason: 'Reason',
  },
  mobilityType: {
    'programme-module': 'a module (or part of one) of the VET programme',
    'specialised-course': 'a specialised individual course',
    'innovation-pilot': 'learning an innovation and piloting it at the home school',
    'long-term-foundation': 'a foundation for long-term mobility or one’s own business',
  },
  lifeSkill: {
    'entrepreneurship-and-initiative': 'entrepreneurship and initiative',
    'foreign-languages': 'foreign languages',
    'cultural-awareness': 'cultural awareness',
  },
  statement: (version, hash) =>
    `I have read this Learning Agreement (version ${version}, ${hash}) and agree to it.`,
  signButton: 'Sign the Learning Agreement',
  declineIntro:
    'If you do not agree, decline the agreement and say why: the coordinator will draft a new version.',
  declineButton: 'Decline the Learning Agreement',
  errors: {
    fullName: 'Type your full name.',
    agree: 'Tick the box to confirm that you have read the agreement and agree to it.',
    reason: 'Give the reason for declining.',
  },
  signed: {
    title: 'Thank you — the agreement is signed',
    text: (version) =>
      `Your signature of version ${version} of the Learning Agreement is recorded. This link cannot be used again.`,
  },
  declined: {
    title: 'The agreement is declined',
    text: (version) =>
      `Your refusal to sign version ${version} of the Learning Agreement and its reason are recorded. The coordinator will be in touch.`,
  },
  invalid: {
    title: 'This link is not valid',
    text: 'This signing link is not valid. Check that you copied the whole link from the e-mail.',
  },
  expired: {
    title: 'This link has expired',
    text: 'This signing link has expired. Please contact the mobility coordinator.',
  },
  used: {
    title: 'This link was already used',
    text: (outcome, at) =>
      `This link was already used (the agreement was ${outcome}, ${at}). Each link works once.`,
  },
  alreadySigned: {
    title: 'Already signed',
    text: (version) => `You have already signed version ${version} of the Learning Agreement.`,
  },
  superseded: {
    title: 'A new version of the agreement awaits',
    text: (version) =>
      `Version ${version} of the Learning Agreement has been replaced by a new version, which awaits your signature. A new link will come by e-mail.`,
  },
  replaced: {
    title: 'This link was replaced by a newer link',
    text: (version) =>
      `This link no longer works: a newer link to sign version ${version} of the Learning Agreement has been sent to you. Please use the newest link you received by e-mail.`,
  },
  declinedVersion: {
    title: 'This version was declined',
    text: (version, by) =>
      `Version ${version} of the Learning Agreement was declined by ${by}. The coordinator will draft a new version, and a new link will come.`,
  },
  notFound: {
    title: 'Agreement not found',
    text: 'The mobility or this version of its agreement cannot be found.',
  },
  refused: {
    title: 'This cannot be recorded',
    text: (detail) => `The signature or refusal cannot be recorded now: ${detail}`,
  },
  failed: {
    title: 'Something went wrong',
    text: 'Something went wrong on our side. Please try again later.',
  },
  footer: 'ECVET Mobility Engine',
};

export const PAGE_WORDING: Record<Language, PageWording> = { lv, en };
