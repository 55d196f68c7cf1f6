import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import type { SignatoryRole } from '../composer/mail.types';

/**
 * How many times a link was sent afresh for this version and role (`SigningLinkReissued`) in
 * these events of a mobility's stream: the generation of the next link issued after them.
 */
export function linkGeneration(
  events: readonly RecordedEvent[],
  version: number,
  role: SignatoryRole,
): number {
  return events.filter(
    (e) => e.type === 'SigningLinkReissued' && e.data.version === version && e.data.role === role,
  ).length;
}

/**
 * The generation of signing links, counted in the mobility's stream — the log itself, not a
 * projection that may lag: the moment a reissue is recorded, every older link is replaced. The
 * outbox projection counts up to the event that carries a link (a replay issues the same link);
 * the signing pages count up to now.
 */
@Injectable()
export class SigningLinkGenerations {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** As of a version of the stream (inclusive), or now. */
  async of(
    mobilityId: string,
    version: number,
    role: SignatoryRole,
    asOf?: number,
  ): Promise<number> {
    const events = await this.store.readStream(
      `Mobility-${mobilityId}`,
      asOf === undefined ? {} : { toVersion: asOf },
    );
    return linkGeneration(events, version, role);
  }
}
