import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake';
import type { PrintableDocument, VerifiedSignature } from '@ecvet/application';
import { formatWhen, type Language } from '@ecvet/notifications';
import { DOCUMENT_WORDING } from './document.wording';
import { PAGE_WORDING } from '../signing/signing-page.wording';
import { agreementBody, issuedBody, mouBody, type Pen } from './document-pdf.bodies';
import { qrCodeDataUrl, renderPdf, type EmbeddedFile } from './pdf-renderer';

function pen(language: Language): Pen {
  const w = DOCUMENT_WORDING[language];
  const value = (v: unknown): string => {
    if (v === undefined || v === null || v === '') return '—';
    if (typeof v === 'object') {
      if ('$erased' in v) return w.erased;
      if ('$redacted' in v) return w.notDisclosed;
    }
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  return {
    language,
    w,
    page: PAGE_WORDING[language],
    value,
    when: (at) => formatWhen(at, language),
    heading: (text) => ({ text, style: 'h2' }),
    rows: (pairs) => ({
      layout: 'noBorders',
      table: {
        widths: [150, '*'],
        body: pairs
          .filter(([, v]) => v !== undefined)
          .map(([k, v]): TableCell[] => [{ text: k, bold: true }, value(v)]),
      },
      margin: [0, 0, 0, 4],
    }),
    list: (items) => (items && items.length > 0 ? { ul: [...items], margin: [0, 0, 0, 4] } : '—'),
    table: (header, body, widths) => ({
      layout: 'lightHorizontalLines',
      table: {
        headerRows: 1,
        widths: widths ?? header.map(() => '*'),
        body: [
          header.map((h): TableCell => ({ text: h, bold: true })),
          ...body.map((row) => row.map((cell): TableCell => value(cell))),
        ],
      },
      margin: [0, 0, 0, 6],
    }),
  };
}

/** The signatures of a document: who (role, name, institution), how and when. */
function signatures(p: Pen, doc: PrintableDocument): Content[] {
  const { w } = p;
  const v = doc.verification;
  const rowOf = (s: VerifiedSignature) => [
    [w.role[s.role] ?? s.role, s.title].filter(Boolean).join(' — '),
    s.name === undefined ? '—' : (s.name ?? (doc.access === 'none' ? w.notDisclosed : w.erased)),
    s.institution ?? s.institutionId,
    w.method[s.method] ?? s.method,
    p.when(s.at),
  ];
  const header = [
    w.labels.role,
    w.labels.name,
    w.labels.institution,
    w.labels.method,
    w.labels.when,
  ];
  const widths = ['auto', '*', '*', 'auto', 'auto'];
  const signed = new Set(v.signatures.map((s) => s.role));
  const awaiting = (v.requiredSignatories ?? []).filter((r) => !signed.has(r));
  return [
    p.heading(w.sections.signatures),
    v.signatures.length
      ? p.table(header, v.signatures.map(rowOf), widths)
      : { text: p.w.verify.noSignatures, margin: [0, 0, 0, 4] },
    ...(v.fullySigned === undefined
      ? []
      : [
          p.rows([
            [w.labels.fullySigned, v.fullySigned ? w.yes : w.no],
            ...(awaiting.length && v.status !== 'revoked'
              ? [
                  [w.labels.awaiting, awaiting.map((r) => w.role[r] ?? r).join(', ')] as [
                    string,
                    string,
                  ],
                ]
              : []),
          ]),
        ]),
    ...(v.declines.length
      ? [p.heading(w.sections.declines), p.table(header, v.declines.map(rowOf), widths)]
      : []),
  ];
}

/** The hash, the QR code to the verification page and what is attached, kept on one page. */
async function verificationBlock(
  p: Pen,
  doc: PrintableDocument,
  verifyUrl: string,
  printedAt: Date,
): Promise<Content> {
  const { w } = p;
  const v = doc.verification;
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      p.heading(w.sections.verification),
      {
        columns: [
          { image: await qrCodeDataUrl(verifyUrl), width: 110 },
          {
            width: '*',
            stack: [
              { text: w.labels.hash, bold: true },
              { text: doc.contentHash, fontSize: 8.5, margin: [0, 0, 0, 6] },
              { text: w.labels.verifyAt, bold: true },
              { text: verifyUrl, link: verifyUrl, color: '#1f5f99', fontSize: 8.5 },
              {
                text: `${w.labels.statusWhenPrinted(p.when(printedAt.toISOString()))}: ${w.status[v.status]}. ${w.standing(v, p.when)}`,
                margin: [0, 6, 0, 0],
              },
              {
                text: doc.canonical ? w.labels.attachment : w.labels.attachmentRedacted,
                italics: true,
                fontSize: 8,
                margin: [0, 6, 0, 0],
              },
            ],
            margin: [12, 4, 0, 0],
          },
        ],
        columnGap: 8,
      },
    ],
  };
}

/**
 * One document as PDF/A-3b, in Latvian or English: its title and version, its body (what it
 * says, with the personal fields the reader may not read marked "not disclosed"), its
 * signatures, and the verification block — the content hash, a QR code of `verifyUrl`
 * (`${PUBLIC_URL}/verify/{hash}`) and the status when printed. The hash is in every page's footer
 * too. The JSON of the content is attached: the canonical one (whose SHA-256 is the hash) when the
 * reader may read all of it, else the redacted one, named so.
 */
export async function documentPdf(
  doc: PrintableDocument,
  language: Language,
  verifyUrl: string,
  printedAt: Date = new Date(),
): Promise<Buffer> {
  const p = pen(language);
  const { w } = p;
  const title = w.title[doc.type];
  const body =
    doc.type === 'learning-agreement'
      ? agreementBody(p, doc)
      : doc.type === 'mou'
        ? mouBody(p, doc)
        : issuedBody(p, doc);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    language: language === 'lv' ? 'lv-LV' : 'en-GB',
    info: {
      title: `${title} — ${w.lead(doc.verification.document)}`,
      author: w.footer,
      subject: doc.contentHash,
      keywords: `ECVET; ${doc.type}; ${doc.contentHash}`,
      creator: w.footer,
      // The instant of printing, also in the XMP metadata and the file id: the same document
      // printed at the same instant is the same bytes (a bundle stays deterministic).
      creationDate: printedAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 2] },
      lead: { fontSize: 10, color: '#4a5563', margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4], color: '#1a1a1a' },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
    },
    footer: (page: number, pages: number): Content => ({
      margin: [48, 16, 48, 0],
      fontSize: 7,
      color: '#6b7280',
      columns: [
        { text: `${w.footer} · ${title} · ${doc.contentHash}`, width: '*' },
        { text: w.labels.page(page, pages), width: 'auto', alignment: 'right' },
      ],
    }),
    content: [
      { text: title, style: 'title' },
      { text: w.lead(doc.verification.document), style: 'lead' },
      ...body,
      ...signatures(p, doc),
      await verificationBlock(p, doc, verifyUrl, printedAt),
    ],
  };
  const id = [doc.type, doc.id, doc.version].filter((x) => x !== undefined).join('-');
  const file: EmbeddedFile = doc.canonical
    ? {
        name: `${id}.json`,
        mimeType: 'application/json',
        content: doc.canonical,
        description: `RFC 8785 canonical JSON; SHA-256 = ${doc.contentHash}`,
        relationship: 'Source',
        at: printedAt,
      }
    : {
        name: `${id}-redacted.json`,
        mimeType: 'application/json',
        content: JSON.stringify(doc.content, null, 2),
        description:
          'The content as the reader may read it (personal fields withheld): not the hashed text',
        relationship: 'Data',
        at: printedAt,
      };
  return renderPdf(definition, [file]);
}
