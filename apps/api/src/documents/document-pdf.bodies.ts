import type { Content } from 'pdfmake';
import type { PrintableDocument } from '@ecvet/application';
import type {
  CertificateIssued,
  InstitutionSnapshot,
  LearningAgreementContent,
  MouContent,
  TranscriptIssued,
} from '@ecvet/domain';
import type { Language } from '@ecvet/notifications';
import type { DocumentWording } from './document.wording';
import type { PAGE_WORDING } from '../signing/signing-page.wording';

/** What the bodies need to write a document: its wording and a few ways of putting things. */
export interface Pen {
  language: Language;
  w: DocumentWording;
  /** The signing pages' wording: the Learning Agreement's labels, kinds and life skills. */
  page: (typeof PAGE_WORDING)[Language];
  /** A value as the reader may read it: `{ $redacted }` and `{ $erased }` say so. */
  value: (v: unknown) => string;
  when: (at: string) => string;
  heading: (text: string) => Content;
  rows: (pairs: Array<[string, unknown]>) => Content;
  list: (items: readonly string[] | undefined) => Content;
  table: (header: string[], body: unknown[][], widths?: Array<string | number>) => Content;
}

/** A field the reader may not read (`{ $redacted }`) or that was erased (`{ $erased }`). */
const withheld = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && ('$redacted' in v || '$erased' in v);

const institutionRows = (
  p: Pen,
  label: string,
  i: InstitutionSnapshot,
): Array<[string, unknown]> => [
  [label, i.legalName],
  [p.w.labels.address, [i.legalAddress, i.country].filter(Boolean).join(', ')],
];

/** The Learning Agreement version: what the signatories signed (the signing page's sections). */
export function agreementBody(p: Pen, doc: PrintableDocument): Content[] {
  const c = doc.content as Partial<LearningAgreementContent> as LearningAgreementContent;
  const { w, page } = p;
  const learner = c.learner;
  const guardian: unknown = learner.guardian;
  const guardianText = withheld(guardian)
    ? guardian
    : guardian && typeof guardian === 'object'
      ? [(guardian as { name: string }).name, (guardian as { email?: string }).email]
          .filter(Boolean)
          .join(', ')
      : undefined;
  const units: Content[] = c.targetedUnits.flatMap((u): Content[] => [
    { text: u.title[p.language], style: 'h3' },
    { text: page.labels.knowledge, bold: true },
    p.list(u.knowledge),
    { text: page.labels.skills, bold: true },
    p.list(u.skills),
    { text: page.labels.competence, bold: true },
    p.list(u.competence),
    { text: page.labels.criteria, bold: true },
    p.list(u.assessmentCriteria),
    ...(u.ecvetPoints !== undefined ? [p.rows([[page.labels.ecvetPoints, u.ecvetPoints]])] : []),
  ]);
  const person = (m: { name: string; email?: string }) =>
    [m.name, m.email].filter(Boolean).join(', ');
  const insurance: unknown = c.insurance;
  return [
    p.rows([
      [w.labels.version, c.version],
      ...(doc.recordedAt
        ? [[w.labels.draftedAt, p.when(doc.recordedAt)] as [string, unknown]]
        : []),
    ]),
    p.heading(w.sections.parties),
    p.rows([
      ...institutionRows(p, page.labels.sendingInstitution, c.sendingInstitution),
      ...institutionRows(p, page.labels.host, c.host),
    ]),
    p.heading(w.sections.learner),
    p.rows([
      [w.labels.name, learner.name],
      [
        w.labels.dateOfBirth,
        typeof learner.dateOfBirth === 'string' ? p.when(learner.dateOfBirth) : learner.dateOfBirth,
      ],
      [w.labels.email, learner.email],
      ...(learner.phone !== undefined
        ? [[w.labels.phone, learner.phone] as [string, unknown]]
        : []),
      ...(guardianText !== undefined
        ? [[w.labels.guardian, guardianText] as [string, unknown]]
        : []),
    ]),
    p.heading(w.sections.qualification),
    p.rows([
      [page.labels.qualification, c.qualification.title[p.language]],
      [page.labels.eqf, c.qualification.eqfLevel],
      [page.labels.nqf, c.qualification.nqfLevel],
      [page.labels.programme, c.qualification.programme],
    ]),
    p.heading(w.sections.mobility),
    p.rows([
      [page.labels.type, page.mobilityType[c.type] ?? c.type],
      [w.labels.period, `${p.when(c.plannedPeriod.start)} – ${p.when(c.plannedPeriod.end)}`],
      [page.labels.lifeSkills, c.lifeSkills.map((s) => page.lifeSkill[s] ?? s).join('; ') || '—'],
    ]),
    p.heading(w.sections.units),
    ...units,
    p.heading(w.sections.mentors),
    p.rows([
      [page.labels.sendingMentor, person(c.mentors.sending)],
      [page.labels.hostMentor, person(c.mentors.host)],
    ]),
    p.heading(w.sections.responsibilities),
    { text: page.labels.sendingInstitution, style: 'h3' },
    p.list(c.responsibilities.sendingSchool),
    { text: page.labels.host, style: 'h3' },
    p.list(c.responsibilities.host),
    { text: page.labels.learner, style: 'h3' },
    p.list(c.responsibilities.learner),
    p.heading(w.sections.insurance),
    withheld(insurance)
      ? p.rows([[page.labels.insurer, insurance]])
      : p.rows([
          [page.labels.insurer, c.insurance.provider],
          [page.labels.coverage, c.insurance.coverage],
        ]),
  ];
}

/** An MoU version: the partnership, its parties, what it covers, its procedures and validity. */
export function mouBody(p: Pen, doc: PrintableDocument): Content[] {
  const { w } = p;
  const { content } = doc.content as {
    partnershipId: string;
    content: MouContent;
  };
  const parties = (doc.content as { parties: Array<{ institutionId: string; role: string }> })
    .parties;
  const institutions = new Map(
    (doc.partnership?.institutions ?? []).map((i) => [i.institutionId, i]),
  );
  return [
    p.rows([
      [w.labels.partnership, doc.partnership?.title],
      [w.labels.version, doc.version],
      ...(doc.recordedAt
        ? [[w.labels.draftedAt, p.when(doc.recordedAt)] as [string, unknown]]
        : []),
    ]),
    p.heading(w.sections.parties),
    p.table(
      [w.labels.institution, w.labels.role, w.labels.address],
      parties.map((party) => {
        const i = institutions.get(party.institutionId);
        return [
          i?.legalName ?? party.institutionId,
          w.role[party.role] ?? party.role,
          i ? [i.legalAddress, i.country].filter(Boolean).join(', ') : undefined,
        ];
      }),
      ['*', 'auto', '*'],
    ),
    p.heading(w.sections.validity),
    p.rows([
      [w.labels.validFrom, p.when(content.validFrom)],
      [w.labels.validUntil, p.when(content.validUntil)],
      ...(content.reviewDate
        ? [[w.labels.reviewDate, p.when(content.reviewDate)] as [string, unknown]]
        : []),
      [
        w.labels.duration,
        w.labels.durations(content.plannedDurations.minWeeks, content.plannedDurations.maxWeeks),
      ],
    ]),
    p.heading(w.sections.coverage),
    p.table(
      [p.page.labels.qualification, w.labels.version, w.labels.units],
      content.qualifications.map((q) => [
        q.qualificationId,
        q.qualificationVersion,
        q.unitIds.join(', '),
      ]),
      ['*', 'auto', '*'],
    ),
    p.heading(w.sections.procedures),
    p.rows([
      [w.labels.assessment, content.procedures.assessment],
      [w.labels.documentation, content.procedures.documentation],
      [w.labels.validation, content.procedures.validation],
      [w.labels.recognition, content.procedures.recognition],
      [w.labels.mentoring, content.mentoring],
    ]),
    ...(content.competentBodies?.length
      ? [
          p.heading(w.sections.competentBodies),
          p.table(
            [w.labels.institution, w.labels.role],
            content.competentBodies.map((b) => [b.name, b.role]),
          ),
        ]
      : []),
  ];
}

type IssuedContent = (TranscriptIssued['data'] | CertificateIssued['data']) & {
  learner: { learnerId: string; name: unknown };
  qualification: LearningAgreementContent['qualification'];
  sendingInstitution: InstitutionSnapshot;
  host: InstitutionSnapshot;
  period: { start?: string; end?: string };
};

/** A transcript (the host's results) or a certificate (the units the school recognised). */
export function issuedBody(p: Pen, doc: PrintableDocument): Content[] {
  const { w, page } = p;
  const c = doc.content as IssuedContent;
  const units =
    doc.type === 'transcript'
      ? p.table(
          [w.labels.unit, w.labels.result, w.labels.grade],
          (c as TranscriptIssued['data']).units.map((u) => [
            u.title[p.language],
            w.result[u.result] ?? u.result,
            u.grade,
          ]),
          ['*', 'auto', 'auto'],
        )
      : p.table(
          [w.labels.unit, w.labels.recognisedAs, w.labels.module, w.labels.ecvetPoints],
          (c as CertificateIssued['data']).units.map((u) => [
            u.title[p.language],
            w.recognition[u.kind] ?? u.kind,
            u.moduleId,
            u.ecvetPoints,
          ]),
          ['*', 'auto', 'auto', 'auto'],
        );
  const { start, end } = c.period;
  return [
    p.heading(w.sections.learner),
    p.rows([[w.labels.name, c.learner.name]]),
    p.heading(w.sections.parties),
    p.rows([
      ...institutionRows(p, page.labels.sendingInstitution, c.sendingInstitution),
      ...institutionRows(p, page.labels.host, c.host),
    ]),
    p.heading(w.sections.qualification),
    p.rows([
      [page.labels.qualification, c.qualification.title[p.language]],
      [page.labels.eqf, c.qualification.eqfLevel],
      [page.labels.programme, c.qualification.programme],
    ]),
    p.heading(w.sections.mobility),
    p.rows([
      [
        w.labels.actualPeriod,
        start && end ? `${p.when(start)} – ${p.when(end)}` : start && p.when(start),
      ],
    ]),
    p.heading(w.sections.units),
    units,
    p.heading(w.sections.issued),
    p.rows([
      [
        w.labels.documentId,
        'transcriptId' in c ? c.transcriptId : (c as CertificateIssued['data']).certificateId,
      ],
      [w.labels.issuedBy, c.issuedBy],
      [w.labels.issuedOn, p.when(c.issuedOn)],
    ]),
  ];
}
