import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import { MobilityAggregate, PartnershipAggregate } from '../aggregates';
import { SnapshotLoader } from '../snapshot-loader';
import { DocumentHashes, type DocumentHashHit } from './document-hashes';
import {
  agreementVersionVerification,
  issuedDocumentVerification,
  mouVersionVerification,
  type DocumentVerification,
} from './document-verification';
import { withInstitutionNames } from './printable-document.query';

/**
 * The document a content hash is of, and where it stands now (`GET /verify/{hash}`, public):
 * which document and version, current, superseded or revoked, who signed it when. Undefined for a
 * hash of no document (or not a hash). Found by `DocumentHashes` (indexed), then read from the
 * stream itself (immediately consistent). What it answers is public: no e-mail, no date of
 * birth, no address — the signatories' names, roles and times, as on the document.
 */
export class FindDocumentByHashQuery extends Query<DocumentVerification | undefined> {
  constructor(readonly hash: string) {
    super();
  }
}

@QueryHandler(FindDocumentByHashQuery)
export class FindDocumentByHashHandler implements IQueryHandler<FindDocumentByHashQuery> {
  constructor(
    private readonly hashes: DocumentHashes,
    private readonly streams: EventSourcedStreams,
    private readonly snapshots: SnapshotLoader,
  ) {}

  async execute(query: FindDocumentByHashQuery): Promise<DocumentVerification | undefined> {
    for (const hit of await this.hashes.find(query.hash)) {
      const found = await this.verify(hit, query.hash);
      if (found) return withInstitutionNames(this.snapshots, found);
    }
    return undefined;
  }

  private async verify(
    hit: DocumentHashHit,
    hash: string,
  ): Promise<DocumentVerification | undefined> {
    if (hit.type === 'mou') {
      const { state, events } = await this.streams.load(PartnershipAggregate, hit.id);
      // The same parties and content drafted again hash the same: the newest such version.
      const mou = state.versions.filter((v) => v.contentHash === hash).at(-1);
      return mou && mouVersionVerification(events, mou.version);
    }
    const { events } = await this.streams.load(MobilityAggregate, hit.id);
    if (hit.type === 'learning-agreement') {
      const drafted = events.find(
        (e) => e.type === 'LearningAgreementVersionDrafted' && e.data.contentHash === hash,
      );
      return drafted?.type === 'LearningAgreementVersionDrafted'
        ? agreementVersionVerification(events, drafted.data.version)
        : undefined;
    }
    return issuedDocumentVerification(events, hit.type, hash);
  }
}
