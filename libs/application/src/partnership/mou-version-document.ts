import {
  mouDocument,
  partnershipDecider,
  type MouVersionStatus,
  type PartnershipEvent,
  type PartnershipParty,
} from '@ecvet/domain';

export interface MouVersionDocument {
  version: number;
  contentHash: string;
  status: MouVersionStatus;
  /** What the parties sign: its `contentHash` is the hash to send with a signature. */
  document: ReturnType<typeof mouDocument>;
}

/**
 * The document a signer sees for one MoU version: its content with the partnership and the
 * parties as they were when the version was drafted (a later change of parties supersedes a
 * version still awaiting signatures, but a fully signed version keeps its own parties), so that
 * `contentHash` is always the hash of `document`. Undefined when there is no such version.
 */
export function mouVersionDocument(
  events: PartnershipEvent[],
  version: number,
): MouVersionDocument | undefined {
  let state = partnershipDecider.initialState;
  let parties: PartnershipParty[] | undefined;
  for (const event of events) {
    if (event.type === 'MouVersionDrafted' && event.data.version === version)
      parties = state.parties;
    state = partnershipDecider.evolve(state, event);
  }
  const mou = state.versions.find((v) => v.version === version);
  if (!state.proposal || !mou || !parties) return undefined;
  return {
    version,
    contentHash: mou.contentHash,
    status: mou.status,
    document: mouDocument(state.proposal.partnershipId, parties, mou.content),
  };
}
