import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetPrintableDocumentQuery, type PrintableDocumentRef } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import type { Principal } from '@ecvet/identity';
import { publicUrlOf, type Language } from '@ecvet/notifications';
import { documentPdf } from '../documents/document-pdf';
import type { BundleInput, DocumentPart, StoredEvent } from './bundle-writer';

/** The languages a bundle's documents are rendered in unless the request names some. */
export const BUNDLE_LANGUAGES: readonly Language[] = ['lv', 'en'];

/** The event each document is rendered from (docs/audit-bundle.md, "document" lines). */
export const SOURCE_EVENT = {
  'learning-agreement': 'LearningAgreementVersionDrafted',
  mou: 'MouVersionDrafted',
  transcript: 'TranscriptIssued',
  certificate: 'CertificateIssued',
} as const;
type DocumentType = keyof typeof SOURCE_EVENT;

/** The subject's stream as the bundle's snapshot holds it: every event, and those exported. */
export interface SubjectStream {
  all: StoredEvent[];
  exported: StoredEvent[];
}

/**
 * The documents of a bundle, rendered as the API serves them (`…/versions/{v}.pdf`,
 * `…/transcript.pdf`, `…/certificate.pdf`) for the exporting principal — the same personal
 * fields withheld — from events the bundle holds: a mobility's Learning Agreement versions, its
 * transcript and certificate when issued; a partnership's MoU versions; none for an institution.
 * A version whose event is not exported (out of the range, not sealed yet) is not rendered.
 *
 * Deterministic: every PDF is printed "as of" the recordedAt of the stream's last event (its
 * status — current, superseded, revoked — is the one that event leaves), which fixes its
 * creation date, XMP dates, the attachment's dates and the file id.
 */
@Injectable()
export class BundleDocuments {
  private readonly publicUrl: string;

  constructor(
    private readonly queries: QueryBus,
    config: AppConfig,
  ) {
    this.publicUrl = publicUrlOf(config);
  }

  async render(
    principal: Principal | undefined,
    subject: BundleInput['subject'],
    stream: SubjectStream,
    languages: readonly Language[],
  ): Promise<DocumentPart[]> {
    const last = stream.all[stream.all.length - 1];
    if (!last || subject.type === 'institution') return [];
    const printedAt = new Date(last.recordedAt);
    const exported = new Set(stream.exported.map((e) => e.version));
    const sources: Array<{ ref: PrintableDocumentRef; event: StoredEvent }> = [];
    const versionOf = (e: StoredEvent) => (JSON.parse(e.dataJson) as { version: number }).version;
    for (const e of stream.exported) {
      if (subject.type === 'mobility' && e.type === SOURCE_EVENT['learning-agreement'])
        sources.push({
          ref: { type: 'learning-agreement', mobilityId: subject.id, version: versionOf(e) },
          event: e,
        });
      if (subject.type === 'partnership' && e.type === SOURCE_EVENT.mou)
        sources.push({
          ref: { type: 'mou', partnershipId: subject.id, version: versionOf(e) },
          event: e,
        });
    }
    if (subject.type === 'mobility')
      for (const type of ['transcript', 'certificate'] as const) {
        // The document as issued last; only if that event is in the bundle.
        const issued = stream.all.filter((e) => e.type === SOURCE_EVENT[type]).at(-1);
        if (issued && exported.has(issued.version))
          sources.push({ ref: { type, mobilityId: subject.id }, event: issued });
      }

    const parts: DocumentPart[] = [];
    for (const { ref, event } of sources) {
      const doc = await this.queries.execute(new GetPrintableDocumentQuery(ref, principal));
      if (!doc) continue;
      for (const language of languages) {
        const content = await documentPdf(
          doc,
          language,
          `${this.publicUrl}/verify/${doc.contentHash}`,
          printedAt,
        );
        parts.push({
          name: documentName(ref.type, doc.id, doc.version, language),
          mediaType: 'application/pdf',
          content,
          type: ref.type,
          version: doc.version ?? null,
          language,
          contentHash: doc.contentHash,
          attached: doc.canonical ? 'canonical' : 'redacted',
          event: { stream: event.stream, version: event.version },
        });
      }
    }
    return parts;
  }
}

/** `learning-agreement-m1-v2-lv.pdf`, `transcript-m1-en.pdf`: unique within a bundle. */
function documentName(
  type: DocumentType,
  id: string,
  version: number | undefined,
  language: Language,
): string {
  const name = [type, id, version === undefined ? undefined : `v${version}`, language]
    .filter((x) => x !== undefined)
    .join('-');
  return `${name.replace(/[^\w.-]+/g, '_')}.pdf`;
}

/** `lang=lv`, `lang=en`, `lang=lv,en` (the default: both). */
export function languagesOf(value: string | undefined): Language[] {
  if (value === undefined) return [...BUNDLE_LANGUAGES];
  return BUNDLE_LANGUAGES.filter((l) => value.split(',').includes(l));
}
