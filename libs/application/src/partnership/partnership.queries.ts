import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamNotFound } from '@ecvet/event-store';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import type { Principal } from '@ecvet/identity';
import { Visibility } from '../queries/visibility';
import { PartnershipAggregate } from '../aggregates';
import { mouVersionDocument, type MouVersionDocument } from './mou-version-document';

/** One MoU version as a signer sees it; undefined `document` when there is no such version. */
export class GetMouVersionQuery extends Query<{
  streamVersion: number;
  document?: MouVersionDocument;
}> {
  constructor(
    readonly partnershipId: string,
    readonly version: number,
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetMouVersionQuery)
export class GetMouVersionHandler implements IQueryHandler<GetMouVersionQuery> {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly visibility: Visibility,
  ) {}

  async execute(query: GetMouVersionQuery) {
    const partnership = await this.streams.load(PartnershipAggregate, query.partnershipId);
    if (!partnership.exists) throw new StreamNotFound(partnership.name);
    await this.visibility.ensureVisible(
      query.principal,
      'Partnership',
      query.partnershipId,
      partnership.state,
    );
    return {
      streamVersion: partnership.version,
      document: mouVersionDocument(partnership.events, query.version),
    };
  }
}
