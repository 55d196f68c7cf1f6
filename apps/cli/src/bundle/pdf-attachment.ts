/**
 * The file a bundle's PDF has attached (docs/audit-bundle.md, "Documents"): the one embedded file
 * stream of the PDF — an indirect object `N G obj << … /Type /EmbeddedFile … >> stream` — whose
 * direct `/Length` counts the bytes after the end of line that follows `stream`, zlib-compressed
 * (RFC 1950) with `/Filter /FlateDecode`. Enough for the PDFs the API renders (pdfkit writes no
 * object streams); not a general PDF reader. Offline: node:zlib only.
 */
import { inflateSync } from 'node:zlib';

/** The attached file's bytes; or why there are none to be had. */
export type Attachment = { bytes: Buffer } | { problem: string };

const MARKER = /\/Type\s*\/EmbeddedFile(?![A-Za-z0-9])/g;

export function pdfAttachment(pdf: Buffer): Attachment {
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-')))
    return { problem: 'it is not a PDF (no %PDF- header)' };
  // latin1 maps each byte to one character: offsets in the text are offsets in the bytes.
  const text = pdf.toString('latin1');
  const found = [...text.matchAll(MARKER)];
  if (found.length !== 1) return { problem: `it has ${found.length} embedded file streams, not 1` };
  const at = found[0].index;
  const objectStart = text.lastIndexOf(' obj', at);
  const streamAt = text.indexOf('stream', at);
  if (objectStart < 0 || streamAt < 0) return { problem: 'its embedded file is not a stream' };
  const dictionary = text.slice(objectStart, streamAt);
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  if (!length) return { problem: 'its embedded file has no direct /Length' };
  const eol = text.startsWith('\r\n', streamAt + 6) ? 2 : text[streamAt + 6] === '\n' ? 1 : 0;
  if (eol === 0) return { problem: 'its embedded file stream does not start with an end of line' };
  const start = streamAt + 6 + eol;
  const raw = pdf.subarray(start, start + Number(length[1]));
  if (raw.length !== Number(length[1])) return { problem: 'its embedded file stream is cut short' };
  const filter = /\/Filter\s*\/([A-Za-z0-9]+)/.exec(dictionary)?.[1];
  if (filter === undefined) return { bytes: raw };
  if (filter !== 'FlateDecode') return { problem: `its embedded file has filter ${filter}` };
  try {
    return { bytes: inflateSync(raw) };
  } catch {
    return { problem: 'its embedded file does not inflate (zlib)' };
  }
}
