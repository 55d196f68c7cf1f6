import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamNotFound } from '@ecvet/event-store';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import type { LearningAgreementVersionDrafted } from '@ecvet/domain';
import type { Principal } from '@ecvet/identity';
import { Visibility } from '../queries/visibility';
import { MobilityAggregate } from '../aggregates';
import { personalAccess, redactFields } from '../queries/personal-fields';
import { mobilityView } from '../views/mobility.view';

/** One version of the Learning Agreement: the content signatories sign, its hash, its answers. */
export type AgreementVersionDocument = LearningAgreementVersionDrafted['data'] & {
  recordedAt: Date;
  signatures: Array<{ type: 'LearningAgreementSigned' | 'LearningAgreementDeclined' } & object>;
};

export class GetAgreementVersionQuery extends Query<AgreementVersionDocument | undefined> {
  constructor(
    readonly mobilityId: string,
    readonly version: number,
    readonly principal?: Principal,
  ) {
    super();
  }
}

/** Read from the stream (immediately consistent); undefined when there is no such version. */
@QueryHandler(GetAgreementVersionQuery)
export class GetAgreementVersionHandler implements IQueryHandler<GetAgreementVersionQuery> {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly visibility: Visibility,
  ) {}

  async execute(query: GetAgreementVersionQuery): Promise<AgreementVersionDocument | undefined> {
    const mobility = await this.streams.load(MobilityAggregate, query.mobilityId);
    if (!mobility.exists) throw new StreamNotFound(mobility.name);
    const relations = await this.visibility.ensureVisible(
      query.principal,
      'Mobility',
      query.mobilityId,
      mobility.state,
    );
    const access = personalAccess(query.principal, relations);
    const index = mobility.events.findIndex(
      (e) => e.type === 'LearningAgreementVersionDrafted' && e.data.version === query.version,
    );
    const drafted = mobility.events[index];
    if (drafted?.type !== 'LearningAgreementVersionDrafted') return undefined;
    // What the principal may read of the personal fields (docs/access.md): the same for the
    // version's content, its signatures and every other read.
    const personal = (i: number) => mobility.recorded[i].personal?.fields ?? [];
    const signatures = mobility.events.flatMap((e, i) =>
      (e.type === 'LearningAgreementSigned' || e.type === 'LearningAgreementDeclined') &&
      e.data.version === query.version
        ? [redactFields({ type: e.type, ...e.data }, personal(i), access)]
        : [],
    );
    return {
      ...redactFields(drafted.data, personal(index), access),
      recordedAt: mobility.recorded[index].recordedAt,
      signatures,
    };
  }
}

/** A document the mobility issued (transcript, certificate) with whom and what it is about. */
export class GetMobilityDocumentQuery extends Query<object | undefined> {
  constructor(
    readonly mobilityId: string,
    readonly document: 'transcript' | 'certificate',
    readonly principal?: Principal,
  ) {
    super();
  }
}

const DOCUMENT_EVENTS = {
  transcript: 'TranscriptIssued',
  certificate: 'CertificateIssued',
} as const;

/** Undefined while the document has not been issued. */
@QueryHandler(GetMobilityDocumentQuery)
export class GetMobilityDocumentHandler implements IQueryHandler<GetMobilityDocumentQuery> {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly visibility: Visibility,
  ) {}

  async execute(query: GetMobilityDocumentQuery): Promise<object | undefined> {
    const mobility = await this.streams.load(MobilityAggregate, query.mobilityId);
    if (!mobility.exists) throw new StreamNotFound(mobility.name);
    const relations = await this.visibility.ensureVisible(
      query.principal,
      'Mobility',
      query.mobilityId,
      mobility.state,
    );
    const type = DOCUMENT_EVENTS[query.document];
    const issued = mobility.events.find((e) => e.type === type);
    if (!issued) return undefined;
    const view = mobilityView(mobility.state, mobility.version);
    const learner = redactFields(
      { learnerId: view.learner.learnerId, name: view.learner.name },
      ['name'],
      personalAccess(query.principal, relations),
    );
    return {
      ...issued.data,
      learner,
      qualification: view.qualification,
      sendingInstitution: view.sendingInstitution,
      host: view.host,
      period: { start: view.actualStart, end: view.actualEnd },
    };
  }
}
