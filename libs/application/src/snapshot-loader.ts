import { Injectable } from '@nestjs/common';
import {
  DomainError,
  qualificationAtVersion,
  toPartnershipSnapshot,
  toSelectionSnapshot,
  type InstitutionSnapshot,
  type MobilityState,
  type PartnershipSnapshot,
  type QualificationSnapshot,
  type SelectionSnapshot,
} from '@ecvet/domain';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import {
  CallAggregate,
  InstitutionAggregate,
  MobilityAggregate,
  PartnershipAggregate,
  QualificationAggregate,
} from './aggregates';

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
  constructor(private readonly streams: EventSourcedStreams) {}

  async partnership(partnershipId: string): Promise<PartnershipSnapshot> {
    const stream = await this.streams.load(PartnershipAggregate, partnershipId);
    if (!stream.exists) throw new UnknownReference('partnership', partnershipId);
    return toPartnershipSnapshot(stream.state);
  }

  async institution(institutionId: string): Promise<InstitutionSnapshot> {
    const { state } = await this.streams.load(InstitutionAggregate, institutionId);
    if (state.status !== 'registered') throw new UnknownReference('institution', institutionId);
    const d = state.details;
    return {
      institutionId: d.institutionId,
      kind: d.kind,
      legalName: d.legalName,
      legalAddress: d.legalAddress,
      country: d.country,
    };
  }

  async qualification(qualificationId: string, version: number): Promise<QualificationSnapshot> {
    const stream = await this.streams.load(QualificationAggregate, qualificationId);
    if (!stream.exists) throw new UnknownReference('qualification', qualificationId);
    const snapshot = qualificationAtVersion(stream.events, version);
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
    const { state } = await this.streams.load(QualificationAggregate, qualificationId);
    if (!state.definition) throw new UnknownReference('qualification', qualificationId);
    return [...state.modules.keys()];
  }

  /** The plan of a mobility (its current agreement terms). */
  async mobilityPlan(mobilityId: string): Promise<NonNullable<MobilityState['plan']>> {
    const { state } = await this.streams.load(MobilityAggregate, mobilityId);
    if (!state.plan) throw new UnknownReference('mobility', mobilityId);
    return state.plan;
  }

  async selection(callId: string, applicationId: string): Promise<SelectionSnapshot> {
    const stream = await this.streams.load(CallAggregate, callId);
    if (!stream.exists) throw new UnknownReference('call', callId);
    const snapshot = toSelectionSnapshot(stream.state, applicationId);
    if (!snapshot) throw new UnknownReference('application', applicationId);
    return snapshot;
  }
}
