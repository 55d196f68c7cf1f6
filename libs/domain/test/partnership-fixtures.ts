/**
 * Test data for the partnership specs (a Riga cooks' school sending learners to Bologna). Kept
 * beside the specs because it is shared by two of them; nothing in the domain imports it.
 */
import { fold } from '../src/shared/decider';
import type { PartnershipCommand } from '../src/partnership/partnership.commands';
import { partnershipDecider } from '../src/partnership/partnership.decider';
import type {
  MouContent,
  PartnershipParty,
  PartnershipEvent,
} from '../src/partnership/partnership.events';
import { mouContentHash } from '../src/partnership/partnership.mou';

export const P = 'p-1';
export const AT = '2026-12-01T09:00:00.000Z';
export const parties: PartnershipParty[] = [
  { institutionId: 'rvt', role: 'sending' },
  { institutionId: 'host-it', role: 'host' },
];
export const trattoria: PartnershipParty = { institutionId: 'host-trattoria', role: 'host' };

export const proposal = {
  partnershipId: P,
  title: 'Cooks to Bologna',
  parties,
  coordinatorInstitutionId: 'rvt',
};
export const proposed: PartnershipEvent = {
  type: 'PartnershipProposed',
  data: { ...proposal, proposedAt: AT },
};

export const content: MouContent = {
  qualifications: [
    { qualificationId: 'cook-3', qualificationVersion: 1, unitIds: ['u-vegan', 'u-legumes'] },
  ],
  procedures: {
    assessment: 'the host mentor assesses each unit against its criteria',
    documentation: 'assessment record signed by the host mentor',
    validation: 'the sending school validates the assessed outcomes',
    recognition: 'recognised as part of the module Vegetarian dishes',
  },
  mentoring: 'a mentor at each side; weekly check-in by video',
  plannedDurations: { minWeeks: 2, maxWeeks: 4 },
  validFrom: '2027-01-01',
  validUntil: '2027-12-31',
};
/** The same content with one more unit. */
export const amended: MouContent = {
  ...content,
  qualifications: [{ ...content.qualifications[0], unitIds: ['u-vegan', 'u-legumes', 'u-fish'] }],
};

export const hashOf = (c: MouContent = content, ps: PartnershipParty[] = parties) =>
  mouContentHash(P, ps, c);

export const drafted = (
  version: number,
  c: MouContent = content,
  extra: Record<string, unknown> = {},
): PartnershipEvent => ({
  type: 'MouVersionDrafted',
  data: {
    partnershipId: P,
    version,
    content: c,
    contentHash: hashOf(c),
    voidedSignatures: [],
    draftedAt: AT,
    ...extra,
  },
});

export const signature = (institutionId: string, version = 1, hash = hashOf()) => ({
  partnershipId: P,
  version,
  contentHash: hash,
  institutionId,
  signer: { name: 'Ilze Ozola', role: 'director' },
  authMethod: 'signing-link' as const,
  intent: 'I agree to this Memorandum of Understanding on behalf of my institution',
});
export const sign = (institutionId: string, version = 1, hash = hashOf()): PartnershipCommand => ({
  type: 'SignMou',
  data: signature(institutionId, version, hash),
  at: AT,
});
export const signed = (institutionId: string, version = 1, hash = hashOf()): PartnershipEvent => ({
  type: 'MouSigned',
  data: { ...signature(institutionId, version, hash), signedAt: AT },
});
export const fullySigned = (version = 1, c: MouContent = content): PartnershipEvent => ({
  type: 'MouFullySigned',
  data: {
    partnershipId: P,
    version,
    contentHash: hashOf(c),
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    fullySignedAt: AT,
  },
});
/** Version 1 drafted and signed by both parties. */
export const signedV1: PartnershipEvent[] = [
  proposed,
  drafted(1),
  signed('rvt'),
  signed('host-it'),
  fullySigned(1),
];

export const draft = (c: MouContent, type: 'DraftMou' | 'AmendMou' = 'DraftMou') =>
  ({ type, data: { partnershipId: P, content: c }, at: AT }) as PartnershipCommand;

/** Runs a decision when a test needs to look inside the events rather than compare them. */
export const decide = (events: PartnershipEvent[], command: PartnershipCommand) =>
  partnershipDecider.decide(command, fold(partnershipDecider, events));

export const stateAfter = (events: PartnershipEvent[]) => fold(partnershipDecider, events);
