import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import canonicalize from 'canonicalize';
import { contentHash, type InstitutionSnapshot } from '@ecvet/domain';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import { StreamNotFound } from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import { MobilityAggregate, PartnershipAggregate } from '../aggregates';
import { GetMobilityDocumentQuery } from '../mobility/mobility.queries';
import { mouVersionDocument } from '../partnership/mou-version-document';
import { personalAccess, redactFields, type PersonalAccess } from '../queries/personal-fields';
import { Visibility } from '../queries/visibility';
import { SnapshotLoader } from '../snapshot-loader';
import { DocumentHashes } from './document-hashes';
import {
  agreementVersionVerification,
  issuedDocumentVerification,
  mouVersionVerification,
  type DocumentType,
  type DocumentVerification,
} from './document-verification';

export type { PersonalAccess };

/** Which document: a Learning Agreement or MoU version, or a mobility's transcript/certificate. */
export type PrintableDocumentRef =
  | { type: 'learning-agreement'; mobilityId: string; version: number }
  | { type: 'mou'; partnershipId: string; version: number }
  | { type: 'transcript' | 'certificate'; mobilityId: string };

/** A document ready to be rendered for one principal (a PDF, a bundle). */
export interface PrintableDocument {
  type: DocumentType;
  /** The mobility's or the partnership's id. */
  id: string;
  version?: number;
  /** The hash the document is verified by (printed on it, encoded in its QR code). */
  contentHash: string;
  /**
   * What the document says, as the principal may read it: the personal fields they may not read
   * (docs/access.md) read `{ "$redacted": true }`, an erased learner's `{ "$erased": true }`.
   */
  content: Record<string, unknown>;
  /**
   * The RFC 8785 text whose SHA-256 is `contentHash` — present only when the principal may read
   * all of it and it still hashes to `contentHash` (an erased learner's name no longer does).
   */
  canonical?: string;
  access: PersonalAccess;
  /** When the version was drafted (Learning Agreement, MoU). */
  recordedAt?: string;
  /** MoU: the partnership's title and its parties' institutions (legal name, address). */
  partnership?: { title: string; institutions: InstitutionSnapshot[] };
  /** Where it stands now and who signed it when (signers' names null for who may not read them). */
  verification: DocumentVerification;
}

/**
 * One document for rendering, read from the stream (immediately consistent), with the same
 * authorisation as its JSON read: the principal must be able to read the mobility or the
 * partnership (404 — StreamNotFound — otherwise); undefined when there is no such version or the
 * document has not been issued. Internal readers (no principal) read everything.
 *
 * Transcripts and certificates carry no hash in their events: theirs is `contentHash` of the
 * document as `GET /mobilities/{id}/transcript` (or `/certificate`) answers it to the sending
 * school, and it is recorded in `ecvet_document_hashes` as the document is prepared here, so that
 * `/verify/{hash}` finds it.
 */
export class GetPrintableDocumentQuery extends Query<PrintableDocument | undefined> {
  constructor(
    readonly ref: PrintableDocumentRef,
    readonly principal?: Principal,
  ) {
    super();
  }
}

/** The personal fields of a Learning Agreement version's content (as a mobility's view has them). */
const AGREEMENT_PERSONAL = [
  'learner.name',
  'learner.dateOfBirth',
  'learner.email',
  'learner.phone',
  'learner.guardian',
  'insurance',
];

@QueryHandler(GetPrintableDocumentQuery)
export class GetPrintableDocumentHandler implements IQueryHandler<GetPrintableDocumentQuery> {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly visibility: Visibility,
    private readonly snapshots: SnapshotLoader,
    private readonly hashes: DocumentHashes,
    private readonly queries: QueryBus,
  ) {}

  async execute(query: GetPrintableDocumentQuery): Promise<PrintableDocument | undefined> {
    const { ref } = query;
    if (ref.type === 'mou') return this.mou(ref, query.principal);
    const mobility = await this.streams.load(MobilityAggregate, ref.mobilityId);
    if (!mobility.exists) throw new StreamNotFound(mobility.name);
    const relations = await this.visibility.ensureVisible(
      query.principal,
      'Mobility',
      ref.mobilityId,
      mobility.state,
    );
    const access = personalAccess(query.principal, relations);
    if (ref.type === 'learning-agreement') {
      const index = mobility.events.findIndex(
        (e) => e.type === 'LearningAgreementVersionDrafted' && e.data.version === ref.version,
      );
      const drafted = mobility.events[index];
      const verification = agreementVersionVerification(mobility.events, ref.version);
      if (drafted?.type !== 'LearningAgreementVersionDrafted' || !verification) return undefined;
      const { content } = drafted.data;
      return {
        type: ref.type,
        id: ref.mobilityId,
        version: ref.version,
        contentHash: drafted.data.contentHash,
        content: redactFields(content, AGREEMENT_PERSONAL, access) as never,
        ...canonicalOf(content, drafted.data.contentHash, access),
        access,
        recordedAt: mobility.recorded[index].recordedAt.toISOString(),
        verification: withNames(verification, access),
      };
    }
    const document = await this.queries.execute(
      new GetMobilityDocumentQuery(ref.mobilityId, ref.type),
    );
    if (!document) return undefined;
    const hash = contentHash(document);
    const verification = issuedDocumentVerification(mobility.events, ref.type, hash);
    if (!verification?.document.documentId) return undefined;
    await this.hashes.record({
      hash,
      type: ref.type,
      mobilityId: ref.mobilityId,
      documentId: verification.document.documentId,
    });
    return {
      type: ref.type,
      id: ref.mobilityId,
      contentHash: hash,
      content: redactFields(document, ['learner.name'], access) as never,
      ...canonicalOf(document, hash, access),
      access,
      verification,
    };
  }

  private async mou(
    ref: Extract<PrintableDocumentRef, { type: 'mou' }>,
    principal: Principal | undefined,
  ): Promise<PrintableDocument | undefined> {
    const partnership = await this.streams.load(PartnershipAggregate, ref.partnershipId);
    if (!partnership.exists) throw new StreamNotFound(partnership.name);
    const relations = await this.visibility.ensureVisible(
      principal,
      'Partnership',
      ref.partnershipId,
      partnership.state,
    );
    const access = personalAccess(principal, relations);
    const mou = mouVersionDocument(partnership.events, ref.version);
    const verification = mouVersionVerification(partnership.events, ref.version);
    const title = partnership.state.proposal?.title;
    if (!mou || !verification || title === undefined) return undefined;
    const drafted = partnership.events.findIndex(
      (e) => e.type === 'MouVersionDrafted' && e.data.version === ref.version,
    );
    const institutions = await Promise.all(
      mou.document.parties.map((p) => this.institution(p.institutionId)),
    );
    return {
      type: 'mou',
      id: ref.partnershipId,
      version: ref.version,
      contentHash: mou.contentHash,
      // An MoU holds no personal data: its signers are the institutions' staff, whose names the
      // partnership's readers see (GET /partnerships/{id}).
      content: mou.document,
      ...canonicalOf(mou.document, mou.contentHash, 'full'),
      access,
      recordedAt: partnership.recorded[drafted].recordedAt.toISOString(),
      partnership: { title, institutions },
      verification: await withInstitutionNames(this.snapshots, verification),
    };
  }

  private institution(institutionId: string): Promise<InstitutionSnapshot> {
    return institutionOrId(this.snapshots, institutionId);
  }
}

/** An institution as registered; its id alone (as its name) when it cannot be read. */
export async function institutionOrId(
  snapshots: SnapshotLoader,
  institutionId: string,
): Promise<InstitutionSnapshot> {
  try {
    return await snapshots.institution(institutionId);
  } catch {
    return { institutionId, kind: '', legalName: institutionId, legalAddress: '', country: '' };
  }
}

/** MoU signatures name their institutions by id: adds each one's legal name. */
export async function withInstitutionNames(
  snapshots: SnapshotLoader,
  verification: DocumentVerification,
): Promise<DocumentVerification> {
  const named = async <S extends { institutionId?: string; institution?: string }>(s: S) =>
    s.institutionId === undefined || s.institution !== undefined
      ? s
      : { ...s, institution: (await institutionOrId(snapshots, s.institutionId)).legalName };
  return {
    ...verification,
    signatures: await Promise.all(verification.signatures.map(named)),
    declines: await Promise.all(verification.declines.map(named)),
  };
}

/** The canonical text, when the principal may read all of it and it is still what was hashed. */
function canonicalOf(
  content: unknown,
  hash: string,
  access: PersonalAccess,
): { canonical?: string } {
  if (access !== 'full') return {};
  const text = canonicalize(content);
  return text !== undefined && contentHash(content) === hash ? { canonical: text } : {};
}

/** Signers' names are personal: only who may read them (every reader but `none`) sees them. */
function withNames(verification: DocumentVerification, access: PersonalAccess) {
  if (access !== 'none') return verification;
  const anonymous = <S extends { name?: string | null }>(s: S): S =>
    s.name === undefined ? s : { ...s, name: null };
  return {
    ...verification,
    signatures: verification.signatures.map(anonymous),
    declines: verification.declines.map(anonymous),
  };
}
