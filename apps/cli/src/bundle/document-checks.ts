/** Documents: each is of an event the bundle holds, and carries its content (docs/audit-bundle.md, step 9). */
import type { BundleLine } from './bundle-lines';
import { DOCUMENT_SOURCE, isObject, type DocumentLine, type EventLine } from './line-shapes';
import { pdfAttachment } from './pdf-attachment';
import { fail, type BundleReport } from './problems';
import { sha256 } from './primitives';

/**
 * Step 9. Each document names an event of the bundle, of the type its document type is rendered
 * from; a Learning Agreement or MoU version's event records that version and the document's
 * content hash; a PDF's attachment is there, and a canonical one hashes to the content hash.
 * (The manifest's digest of each document's bytes was checked in step 8.)
 */
export function checkDocuments(
  documentLines: BundleLine[],
  eventLines: BundleLine[],
  report: BundleReport,
): void {
  const events = new Map<string, Omit<EventLine, 'line'>>();
  for (const l of eventLines) {
    const e = l.value as Omit<EventLine, 'line'>;
    events.set(`${e.event.stream}@${e.event.version}`, e);
  }
  for (const l of documentLines) {
    const d = { ...(l.value as Omit<DocumentLine, 'line'>), line: l.line };
    const where = { line: d.line, part: 'documents' as const, document: d.name };
    const bad = (why: string) =>
      fail({ kind: 'document-mismatch', ...where, message: `document ${d.name}: ${why}` });
    const at = `${d.event.stream}@${d.event.version}`;
    const event = events.get(at)?.event;
    if (!event)
      fail({
        kind: 'document-event-missing',
        ...where,
        stream: d.event.stream,
        version: d.event.version,
        message: `document ${d.name}: the event it was rendered from, ${at}, is not in the bundle`,
      });
    const source = DOCUMENT_SOURCE[d.type];
    if (event!.type !== source)
      bad(`it is a ${d.type}, rendered from a ${source} event, but ${at} is a ${event!.type}`);
    if (d.type === 'learning-agreement' || d.type === 'mou') {
      const data = isObject(event!.data) ? event!.data : {};
      if (data.version !== d.version)
        bad(
          `it says version ${d.version}, its event ${at} drafted version ${String(data.version)}`,
        );
      if (data.contentHash !== d.contentHash)
        bad(`its content hash is not the one its event ${at} recorded`);
    } else if (d.version !== null) bad(`a ${d.type} has no version`);
    if (d.mediaType !== 'application/pdf') continue;
    const attachment = pdfAttachment(Buffer.from(d.content, 'base64'));
    if ('problem' in attachment) bad(`no attached JSON: ${attachment.problem}`);
    else if (
      d.attached === 'canonical' &&
      `sha256:${sha256(attachment.bytes).toString('hex')}` !== d.contentHash
    )
      bad('its attached canonical JSON does not hash to its content hash');
  }
  report.documents = documentLines.length;
}
