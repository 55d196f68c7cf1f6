import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake';
import QRCode from 'qrcode';

/**
 * The font of every document: Roboto, as pdfmake ships it (`pdfmake/fonts/Roboto`), embedded
 * (subset) in each PDF. It has every Latvian letter (ā č ē ģ ī ķ ļ ņ š ū ž and their capitals),
 * which pdfmake's standard PDF fonts (Helvetica …, WinAnsi) do not, and PDF/A needs embedded fonts.
 */
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// Server-side pdfmake fetches URLs and reads local paths named in a definition: ours only names
// the fonts above; images and attachments are data URLs. Nothing else may be fetched or read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

/** A file embedded in the PDF (PDF/A-3 "associated file"): pdfkit's options beyond pdfmake's type. */
export interface EmbeddedFile {
  name: string;
  mimeType: string;
  content: string;
  description: string;
  /** PDF/A-3 `AFRelationship`: `Source` — the data the document was rendered from. */
  relationship: 'Source' | 'Data' | 'Supplement' | 'Unspecified';
  at: Date;
}

/**
 * Renders a definition as PDF/A-3b (PDF 1.7): what pdfkit does for it — the `pdfaid` XMP
 * metadata, the sRGB output intent, embedded fonts, embedded files as associated files with their
 * relationship. Not checked by a PDF/A validator here (see the README).
 */
export async function renderPdf(
  definition: TDocumentDefinitions,
  files: EmbeddedFile[] = [],
): Promise<Buffer> {
  const pdf = pdfmake.createPdf({
    ...definition,
    version: '1.7',
    subset: 'PDF/A-3b',
    files: Object.fromEntries(
      files.map((f) => [
        f.name,
        {
          src: `data:${f.mimeType};base64,${Buffer.from(f.content, 'utf8').toString('base64')}`,
          name: f.name,
          description: f.description,
          // pdfkit's own options (pdfmake hands them through): MIME subtype, dates, relationship.
          type: f.mimeType,
          relationship: f.relationship,
          creationDate: f.at,
          modifiedDate: f.at,
        },
      ]),
    ),
  });
  return pdf.getBuffer();
}

/** The QR code of a URL as a PNG data URL (what pdfmake embeds as an image). */
export function qrCodeDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
}
