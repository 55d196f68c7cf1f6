import { createHash } from 'node:crypto';
import type { JsonObject, SealSigner, StoredSeal } from '@ecvet/event-store';
import type {
  BundleInput,
  DocumentPart,
  StoredEvent,
} from '../../apps/api/src/audit/bundle-writer';

/**
 * The document vectors of docs/audit-bundle-vectors.json: a small log of its own (so the other
 * vectors stay as they are) — a mobility with a Learning Agreement version and a transcript — and
 * its bundle with their PDFs; then documents that the server got wrong (the manifest still signed):
 * an event that is not in the bundle, a content hash its event did not record, an attachment that
 * does not hash to the content hash.
 */

type Log = { events: StoredEvent[]; seals: StoredSeal[] };
type Plan = Array<{ stream: string; type: string; data: JsonObject; at: string }>;
interface Helpers {
  makeLog(plan: Plan, signer: SealSigner, perSeal: number[]): Log;
  bundleOf(
    log: Log,
    choose: { streams: string[] },
    subject: BundleInput['subject'],
    signer: SealSigner,
    extra?: Partial<BundleInput>,
  ): string;
  linesOf(bundle: string): string[];
  textOf(lines: string[]): string;
  edit(lines: string[], index: number, from: string, to: string): string[];
  flip(c: string): string;
}
type Case = {
  name: string;
  description: string;
  bundle: string;
  expect: { ok: true } | { ok: false; problem: string };
};

const sha256hex = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** zlib (RFC 1950) of one stored deflate block: FlateDecode without a compressor's choices. */
function zlibStored(data: Buffer): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const len = Buffer.alloc(4);
  len.writeUInt16LE(data.length, 0);
  len.writeUInt16LE(~data.length & 0xffff, 2);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0, 0);
  return Buffer.concat([Buffer.from([0x78, 0x01, 0x01]), len, data, adler]);
}

/**
 * A minimal PDF 1.7 with one empty page and one attached file (an associated file, as the API's
 * PDF/A-3 documents have theirs): catalog, pages, the file specification, the embedded file
 * stream (FlateDecode), a cross-reference table.
 */
export function minimalPdf(title: string, attachmentName: string, attachment: string): Buffer {
  const data = Buffer.from(attachment, 'utf8');
  const stream = zlibStored(data);
  const objects: Array<string | Buffer> = [
    `<<\n/Type /Catalog\n/Pages 2 0 R\n/Names << /EmbeddedFiles << /Names [(${attachmentName}) 4 0 R] >> >>\n/AF [4 0 R]\n>>`,
    '<<\n/Type /Pages\n/Count 1\n/Kids [3 0 R]\n>>',
    '<<\n/Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 595.28 841.89]\n>>',
    `<<\n/Type /Filespec\n/AFRelationship /Source\n/F (${attachmentName})\n/UF (${attachmentName})\n/EF << /F 5 0 R >>\n>>`,
    Buffer.concat([
      Buffer.from(
        `<<\n/Type /EmbeddedFile\n/Subtype /application#2Fjson\n/Params << /Size ${data.length} >>\n/Length ${stream.length}\n/Filter /FlateDecode\n>>\nstream\n`,
        'latin1',
      ),
      stream,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    `<<\n/Title (${title})\n>>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1')];
  let at = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(chunk);
    at += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<<\n/Size ${objects.length + 1}\n/Root 1 0 R\n/Info ${objects.length} 0 R\n>>`,
    'startxref',
    String(at),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

export function documentCases(h: Helpers, signer: SealSigner): Case[] {
  const M = 'Mobility-m9';
  const canonical = '{"learner":{"name":"Annija Bērziņa"},"units":["vegan"],"version":1}';
  const contentHash = `sha256:${sha256hex(canonical)}`;
  const plan: Plan = [
    {
      stream: M,
      type: 'MobilityPlanned',
      data: { sendingInstitutionId: 'rtrit', hostInstitutionId: 'cocina' },
      at: '2027-02-01T08:00:00.000Z',
    },
    {
      stream: M,
      type: 'LearningAgreementVersionDrafted',
      data: { version: 1, contentHash },
      at: '2027-02-02T08:00:00.000Z',
    },
    {
      stream: M,
      type: 'TranscriptIssued',
      data: { transcriptId: 'tr-1', issuedOn: '2027-04-01' },
      at: '2027-04-01T08:00:00.000Z',
    },
  ];
  const log = h.makeLog(plan, signer, [2, 1]);
  const agreement: DocumentPart = {
    name: 'learning-agreement-m9-v1-en.pdf',
    mediaType: 'application/pdf',
    content: minimalPdf('Learning Agreement', 'learning-agreement-m9-1.json', canonical),
    type: 'learning-agreement',
    version: 1,
    language: 'en',
    contentHash,
    attached: 'canonical',
    event: { stream: M, version: 2 },
  };
  const transcriptText = '{\n  "learner": { "name": { "$redacted": true } }\n}';
  const transcript: DocumentPart = {
    name: 'transcript-m9-en.pdf',
    mediaType: 'application/pdf',
    content: minimalPdf('Transcript', 'transcript-m9-redacted.json', transcriptText),
    type: 'transcript',
    version: null,
    language: 'en',
    contentHash: `sha256:${sha256hex('the transcript as issued')}`,
    attached: 'redacted',
    event: { stream: M, version: 3 },
  };
  const bundle = (documents: DocumentPart[]) =>
    h.bundleOf(log, { streams: [M] }, { type: 'mobility', id: 'm9' }, signer, { documents });
  const valid = bundle([agreement, transcript]);
  const lines = h.linesOf(valid);
  const documentLine = lines.findIndex((l) => l.includes('"kind":"document"'));
  const content = (JSON.parse(lines[documentLine]) as { content: string }).content;
  const at = 200; // a character inside the PDF's bytes
  return [
    {
      name: 'valid-with-documents',
      description:
        'a mobility with a Learning Agreement version (canonical JSON attached) and a transcript (redacted JSON attached), as PDF',
      bundle: valid,
      expect: { ok: true },
    },
    {
      name: 'document-altered',
      description: "a character of a document's bytes (base64) changed",
      bundle: h.textOf(
        h.edit(
          lines,
          documentLine,
          content,
          content.slice(0, at) + h.flip(content[at]) + content.slice(at + 1),
        ),
      ),
      expect: { ok: false, problem: 'document-digest-mismatch' },
    },
    {
      name: 'document-event-missing',
      description: 'a document rendered from an event the bundle does not hold (signed manifest)',
      bundle: bundle([{ ...agreement, event: { stream: M, version: 7 } }, transcript]),
      expect: { ok: false, problem: 'document-event-missing' },
    },
    {
      name: 'document-hash-not-recorded',
      description: 'a Learning Agreement whose content hash is not the one its event recorded',
      bundle: bundle([
        {
          ...agreement,
          contentHash: `sha256:${sha256hex('another content')}`,
          attached: 'redacted',
        },
        transcript,
      ]),
      expect: { ok: false, problem: 'document-mismatch' },
    },
    {
      name: 'document-attachment-not-canonical',
      description: 'a PDF whose attached "canonical" JSON does not hash to its content hash',
      bundle: bundle([
        {
          ...agreement,
          content: minimalPdf(
            'Learning Agreement',
            'learning-agreement-m9-1.json',
            `${canonical} `,
          ),
        },
        transcript,
      ]),
      expect: { ok: false, problem: 'document-mismatch' },
    },
  ];
}
