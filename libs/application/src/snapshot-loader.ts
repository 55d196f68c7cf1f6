import { Injectable } from '@nestjs/common';
import {
  callDecider,
  DomainError,
  institutionDecider,
  mobilityDecider,
  type MobilityState,
  partnershipDecider,
  qualificationAtVersion,
  qualificationDecider,
  toPartnershipSnapshot,
  toSelectionSnapshot,
  type InstitutionSnapshot,
  type PartnershipSnapshot,
  type QualificationEvent,
  type QualificationSnapshot,
  type SelectionSnapshot,
} from '@ecvet/domain';
import { AggregateReader } from './aggregate-reader';
import { Streams } from './streams';

/** A command names something that does not exist: 422 naming the reference. */
export class UnknownReference extends DomainError {
  constructor(kind: string, id: string) {
    super(`reference.unknown-${kind}`, `there is no ${kind} ${id}`, { [`${kind}Id`]: id });
  }
}

/**
 * Looks up what a decision needs from other aggregates, as snapshots (libs/domain/src/shared/
 * snapshots.ts). Each is read from its stream at the time of the command.
 */
@Injectable()
export class SnapshotLoader {
  constructor(private readonly reader: AggregateReader) {}

  async partnership(partnershipId: string): Promise<PartnershipSnapshot> {
    const loaded = await this.reader.tryLoad(
      partnershipDecider,
      Streams.partnership(partnershipId),
    );
    if (!loaded) throw new UnknownReference('partnership', partnershipId);
    return toPartnershipSnapshot(loaded.state);
  }

  async institution(institutionId: string): Promise<InstitutionSnapshot> {
    const loaded = await this.reader.tryLoad(
      institutionDecider,
      Streams.institution(institutionId),
    );
    if (!loaded || loaded.state.status !== 'registered')
      throw new UnknownReference('institution', institutionId);
    const d = loaded.state.details;
    return {
      institutionId: d.institutionId,
      kind: d.kind,
      legalName: d.legalName,
      legalAddress: d.legalAddress,
      country: d.country,
    };
  }

  async qualification(qualificationId: string, version: number): Promise<QualificationSnapshot> {
    const events = await this.reader.events(Streams.qualification(qualificationId));
    if (events.length === 0) throw new UnknownReference('qualification', qualificationId);
    const snapshot = qualificationAtVersion(
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as QualificationEvent),
      version,
    );
    if (!snapshot)
      throw new DomainError(
        'reference.unknown-qualification-version',
        `qualification ${qualificationId} has no published version ${version}`,
        { qualificationId, version },
      );
    return snapshot;
  }

  /** The modules a qualification defines now (any version). */
  async qualificationModules(qualificationId: string): Promise<string[]> {
    const loaded = await this.reader.tryLoad(
      qualificationDecider,
      Streams.qualification(qualificationId),
    );
    if (!loaded?.state.definition) throw new UnknownReference('qualification', qualificationId);
    return [...loaded.state.modules.keys()];
  }

  /** The plan of a mobility (its current agreement terms). */
  async mobilityPlan(mobilityId: string): Promise<NonNullable<MobilityState['plan']>> {
    const loaded = await this.reader.tryLoad(mobilityDecider, Streams.mobility(mobilityId));
    if (!loaded?.state.plan) throw new UnknownReference('mobility', mobilityId);
    return loaded.state.plan;
  }

  async selection(callId: string, applicationId: string): Promise<SelectionSnapshot> {
    const loaded = await this.reader.tryLoad(callDecider, Streams.call(callId));
    if (!loaded) throw new UnknownReference('call', callId);
    const snapshot = toSelectionSnapshot(loaded.state, applicationId);
    if (!snapshot) throw new UnknownReference('application', applicationId);
    return snapshot;
  }
}
