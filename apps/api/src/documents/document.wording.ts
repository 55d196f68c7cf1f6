import type {
  DocumentStatus,
  DocumentType,
  DocumentVerification,
  RevocationReason,
} from '@ecvet/application';
import type { Language } from '@ecvet/notifications';

/** What the rendered documents (PDF) and the verification page say, in Latvian and English. */
export interface DocumentWording {
  other: { language: Language; label: string };
  title: Record<DocumentType, string>;
  /** "Mobility m-1 · version 2" and the like, under the title. */
  lead: (document: DocumentVerification['document']) => string;
  status: Record<DocumentStatus, string>;
  /** The sentence that says where the document stands now. */
  standing: (v: DocumentVerification, when: (at: string) => string) => string;
  revocation: Record<RevocationReason, string>;
  method: Record<string, string>;
  /** Signatory roles of the Learning Agreement, parties' roles of the MoU, issuers. */
  role: Record<string, string>;
  result: Record<string, string>;
  recognition: Record<string, string>;
  notDisclosed: string;
  erased: string;
  yes: string;
  no: string;
  sections: {
    parties: string;
    learner: string;
    qualification: string;
    mobility: string;
    units: string;
    mentors: string;
    responsibilities: string;
    insurance: string;
    signatures: string;
    declines: string;
    verification: string;
    validity: string;
    coverage: string;
    procedures: string;
    competentBodies: string;
    issued: string;
  };
  labels: {
    name: string;
    dateOfBirth: string;
    email: string;
    phone: string;
    guardian: string;
    address: string;
    country: string;
    mobility: string;
    partnership: string;
    title: string;
    version: string;
    latestVersion: string;
    documentId: string;
    draftedAt: string;
    period: string;
    actualPeriod: string;
    role: string;
    institution: string;
    method: string;
    when: string;
    signerTitle: string;
    awaiting: string;
    fullySigned: string;
    hash: string;
    verifyAt: string;
    status: string;
    statusWhenPrinted: (at: string) => string;
    attachment: string;
    attachmentRedacted: string;
    unit: string;
    result: string;
    grade: string;
    recognisedAs: string;
    module: string;
    ecvetPoints: string;
    issuedBy: string;
    issuedOn: string;
    validFrom: string;
    validUntil: string;
    reviewDate: string;
    duration: string;
    durations: (min: number, max: number) => string;
    units: string;
    assessment: string;
    documentation: string;
    validation: string;
    recognition: string;
    mentoring: string;
    page: (page: number, pages: number) => string;
  };
  verify: {
    heading: string;
    notFound: { title: string; text: string };
    explanation: string;
    noSignatures: string;
  };
  footer: string;
}

const lv: DocumentWording = {
  other: { language: 'en', label: 'English' },
  title: {
    'learning-agreement': 'Mācību līgums',
    mou: 'Saprašanās memorands',
    transcript: 'Mācību rezultātu izraksts',
    certificate: 'Apliecinājums par sasniegtajiem mācību rezultātiem',
  },
  lead: (d) =>
    [
      d.mobilityId !== undefined && `ECVET mobilitāte ${d.mobilityId}`,
      d.partnershipId !== undefined && `Partnerība ${d.partnershipId}`,
      d.version !== undefined && `${d.version}. versija`,
      d.documentId !== undefined && `Nr. ${d.documentId}`,
    ]
      .filter(Boolean)
      .join(' · '),
  // Without a noun to agree with (a version, a transcript …): "in force", "replaced", "revoked".
  status: { current: 'spēkā', superseded: 'aizstāts', revoked: 'atsaukts' },
  standing: (v, when) => {
    if (v.status === 'revoked' && v.revoked)
      return `Šis dokuments ir atsaukts: ${lv.revocation[v.revoked.reason]} (${when(v.revoked.on)}).`;
    if (v.status === 'superseded')
      return `Šo versiju ir aizstājusi jaunāka: ${v.supersededBy}. versija.`;
    return v.document.version !== undefined
      ? 'Šī ir aktuālā dokumenta versija.'
      : 'Dokuments ir spēkā.';
  },
  revocation: {
    declined: 'to noraidīja paraksttiesīgā persona',
    'mobility-cancelled': 'mobilitāte ir atcelta',
    'partnership-terminated': 'partnerība ir izbeigta',
  },
  method: {
    account: 'ar lietotāja kontu',
    'signing-link': 'ar parakstīšanas saiti',
    'qualified-e-signature': 'ar kvalificētu elektronisko parakstu',
    handwritten: 'ar roku (reģistrējis koordinators)',
    issued: 'izsniedza',
    declined: 'noraidīja',
  },
  role: {
    'sending-school': 'nosūtītāja izglītības iestāde',
    host: 'uzņēmēja organizācija',
    learner: 'izglītojamais',
    guardian: 'vecāks vai likumiskais pārstāvis',
    sending: 'nosūtītāja iestāde',
    intermediary: 'starpniekorganizācija',
    'competent-body': 'kompetentā iestāde',
    party: 'puse',
  },
  result: {
    achieved: 'sasniegts',
    'partly-achieved': 'daļēji sasniegts',
    'not-achieved': 'nav sasniegts',
  },
  recognition: { module: 'modulis', 'part-of-module': 'moduļa daļa' },
  notDisclosed: '— netiek izpausts —',
  erased: '— dzēsts —',
  yes: 'jā',
  no: 'nē',
  sections: {
    parties: 'Puses',
    learner: 'Izglītojamais',
    qualification: 'Kvalifikācija',
    mobility: 'Mobilitāte',
    units: 'Mācību rezultātu vienības',
    mentors: 'Mentori un kontaktpersonas',
    responsibilities: 'Pušu pienākumi',
    insurance: 'Apdrošināšana',
    signatures: 'Paraksti',
    declines: 'Noraidījumi',
    verification: 'Pārbaude',
    validity: 'Derīgums',
    coverage: 'Ietvertās kvalifikācijas un vienības',
    procedures: 'Procedūras',
    competentBodies: 'Kompetentās iestādes',
    issued: 'Izsniegšana',
  },
  labels: {
    name: 'Vārds, uzvārds',
    dateOfBirth: 'Dzimšanas datums',
    email: 'E-pasts',
    phone: 'Tālrunis',
    guardian: 'Vecāks vai likumiskais pārstāvis',
    address: 'Juridiskā adrese',
    country: 'Valsts',
    mobility: 'Mobilitāte',
    partnership: 'Partnerība',
    title: 'Nosaukums',
    version: 'Versija',
    latestVersion: 'Jaunākā versija',
    documentId: 'Dokumenta numurs',
    draftedAt: 'Sagatavota',
    period: 'Plānotais periods',
    actualPeriod: 'Periods',
    role: 'Loma',
    institution: 'Iestāde',
    method: 'Veids',
    when: 'Laiks',
    signerTitle: 'Amats',
    awaiting: 'Vēl jāparaksta',
    fullySigned: 'Parakstījušas visas puses',
    hash: 'Satura kontrolsumma (SHA-256)',
    verifyAt: 'Pārbaudīt',
    status: 'Statuss',
    statusWhenPrinted: (at) => `Statuss ${at}`,
    attachment:
      'Pielikumā: šī dokumenta kanoniskais JSON (RFC 8785); tā SHA-256 ir iepriekš norādītā kontrolsumma.',
    attachmentRedacted:
      'Pielikumā: dokumenta saturs JSON formā, kādu to drīkst redzēt lejupielādētājs (bez neizpaužamajiem personas datiem), tāpēc tā kontrolsumma atšķiras.',
    unit: 'Vienība',
    result: 'Rezultāts',
    grade: 'Vērtējums',
    recognisedAs: 'Atzīta kā',
    module: 'Modulis',
    ecvetPoints: 'ECVET punkti',
    issuedBy: 'Izsniedza',
    issuedOn: 'Izsniegts',
    validFrom: 'Derīgs no',
    validUntil: 'Derīgs līdz',
    reviewDate: 'Pārskatīšanas datums',
    duration: 'Plānotais ilgums',
    durations: (min, max) => `no ${min} līdz ${max} nedēļām`,
    units: 'Vienības',
    assessment: 'Vērtēšana',
    documentation: 'Dokumentēšana',
    validation: 'Validēšana',
    recognition: 'Atzīšana',
    mentoring: 'Mentorings',
    page: (page, pages) => `${page}. lpp. no ${pages}`,
  },
  verify: {
    heading: 'Dokumenta pārbaude',
    notFound: {
      title: 'Dokuments nav atrasts',
      text: 'Nevienam mūsu sistēmas dokumentam nav šādas kontrolsummas. Pārbaudiet, vai adrese ir nokopēta pilnībā.',
    },
    explanation:
      'Kontrolsumma ir dokumenta kanoniskā JSON (RFC 8785) SHA-256. PDF dokumentam šis JSON ir pievienots kā pielikums: ja to aprēķina no jauna, jāiegūst tā pati kontrolsumma.',
    noSignatures: 'Parakstu vēl nav.',
  },
  footer: 'ECVET mobilitāšu sistēma',
};

const en: DocumentWording = {
  other: { language: 'lv', label: 'Latviešu' },
  title: {
    'learning-agreement': 'Learning Agreement',
    mou: 'Memorandum of Understanding',
    transcript: 'Transcript of records',
    certificate: 'Certificate of achieved learning outcomes',
  },
  lead: (d) =>
    [
      d.mobilityId !== undefined && `ECVET mobility ${d.mobilityId}`,
      d.partnershipId !== undefined && `Partnership ${d.partnershipId}`,
      d.version !== undefined && `version ${d.version}`,
      d.documentId !== undefined && `no. ${d.documentId}`,
    ]
      .filter(Boolean)
      .join(' · '),
  status: { current: 'current', superseded: 'superseded', revoked: 'revoked' },
  standing: (v, when) => {
    if (v.status === 'revoked' && v.revoked)
      return `This document is revoked: ${en.revocation[v.revoked.reason]} (${when(v.revoked.on)}).`;
    if (v.status === 'superseded')
      return `This version is superseded by a newer one: version ${v.supersededBy}.`;
    return v.document.version !== undefined
      ? 'This is the current version of the document.'
      : 'This document is in force.';
  },
  revocation: {
    declined: 'a signatory declined it',
    'mobility-cancelled': 'the mobility was cancelled',
    'partnership-terminated': 'the partnership was terminated',
  },
  method: {
    account: 'with an account',
    'signing-link': 'through a signing link',
    'qualified-e-signature': 'with a qualified electronic signature',
    handwritten: 'by hand (recorded by the coordinator)',
    issued: 'issued',
    declined: 'declined',
  },
  role: {
    'sending-school': 'the sending institution',
    host: 'the host organisation',
    learner: 'the learner',
    guardian: 'the learner’s parent or guardian',
    sending: 'sending institution',
    intermediary: 'intermediary organisation',
    'competent-body': 'competent body',
    party: 'party',
  },
  result: {
    achieved: 'achieved',
    'partly-achieved': 'partly achieved',
    'not-achieved': 'not achieved',
  },
  recognition: { module: 'a module', 'part-of-module': 'part of a module' },
  notDisclosed: '— not disclosed —',
  erased: '— erased —',
  yes: 'yes',
  no: 'no',
  sections: {
    parties: 'Parties',
    learner: 'Learner',
    qualification: 'Qualification',
    mobility: 'Mobility',
    units: 'Units of learning outcomes',
    mentors: 'Mentors and contact persons',
    responsibilities: 'Responsibilities',
    insurance: 'Insurance',
    signatures: 'Signatures',
    declines: 'Declined by',
    verification: 'Verification',
    validity: 'Validity',
    coverage: 'Qualifications and units covered',
    procedures: 'Procedures',
    competentBodies: 'Competent bodies',
    issued: 'Issue',
  },
  labels: {
    name: 'Name',
    dateOfBirth: 'Date of birth',
    email: 'E-mail',
    phone: 'Phone',
    guardian: 'Parent or guardian',
    address: 'Legal address',
    country: 'Country',
    mobility: 'Mobility',
    partnership: 'Partnership',
    title: 'Title',
    version: 'Version',
    latestVersion: 'Newest version',
    documentId: 'Document number',
    draftedAt: 'Drafted',
    period: 'Planned period',
    actualPeriod: 'Period',
    role: 'Role',
    institution: 'Institution',
    method: 'How',
    when: 'When',
    signerTitle: 'Position',
    awaiting: 'Still to sign',
    fullySigned: 'Signed by every party',
    hash: 'Content hash (SHA-256)',
    verifyAt: 'Verify at',
    status: 'Status',
    statusWhenPrinted: (at) => `Status on ${at}`,
    attachment:
      'Attached: the canonical JSON (RFC 8785) of this document; its SHA-256 is the content hash above.',
    attachmentRedacted:
      'Attached: the document’s content as JSON, as the person who downloaded it may read it (without the personal data not disclosed to them), so its hash differs.',
    unit: 'Unit',
    result: 'Result',
    grade: 'Grade',
    recognisedAs: 'Recognised as',
    module: 'Module',
    ecvetPoints: 'ECVET points',
    issuedBy: 'Issued by',
    issuedOn: 'Issued on',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    reviewDate: 'Review date',
    duration: 'Planned duration',
    durations: (min, max) => `${min} to ${max} weeks`,
    units: 'Units',
    assessment: 'Assessment',
    documentation: 'Documentation',
    validation: 'Validation',
    recognition: 'Recognition',
    mentoring: 'Mentoring',
    page: (page, pages) => `page ${page} of ${pages}`,
  },
  verify: {
    heading: 'Document verification',
    notFound: {
      title: 'No document found',
      text: 'No document of this system has this content hash. Check that the whole address was copied.',
    },
    explanation:
      'The content hash is the SHA-256 of the document’s canonical JSON (RFC 8785). A PDF of the document carries that JSON as an attachment: hashing it again gives the same content hash.',
    noSignatures: 'No signatures yet.',
  },
  footer: 'ECVET Mobility Engine',
};

export const DOCUMENT_WORDING: Record<Language, DocumentWording> = { lv, en };
