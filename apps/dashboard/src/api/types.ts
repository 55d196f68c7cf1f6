/** The dashboard API's shapes (the contract the backend serves under /dashboard). */

// The domain's own lists (import-free files, shared with the API).
import {
  MOBILITY_PHASES,
  type MobilityPhase,
} from '../../../../libs/domain/src/mobility/mobility.phases';
import {
  SIGNATORY_ROLES,
  type SignatoryRole,
} from '../../../../libs/domain/src/mobility/mobility.signatories';

export const PHASES = MOBILITY_PHASES;
export type Phase = MobilityPhase;
export const isPhase = (value: unknown): value is Phase =>
  typeof value === 'string' && (PHASES as readonly string[]).includes(value);

export { SIGNATORY_ROLES, type SignatoryRole };
export const isSignatoryRole = (value: unknown): value is SignatoryRole =>
  typeof value === 'string' && (SIGNATORY_ROLES as readonly string[]).includes(value);

export type DeadlineKind = 'signature' | 'assessment' | 'recognition';

export interface DeadlineItem {
  mobilityId: string;
  learnerName: string | null;
  kind: DeadlineKind;
  due: string;
}

export interface Overview {
  total: number;
  phases: Record<Phase, number>;
  overdue: number;
  awaitingSignatures: Record<SignatoryRole, number>;
  deadlines: { total: number; items: DeadlineItem[] };
  perMonth: { month: string; count: number }[];
  perPartnership: { partnershipId: string; title: string | null; count: number }[];
  /** The partnerships left out of `perPartnership` (it names the 20 largest) and their mobilities. */
  otherPartnerships: { partnerships: number; count: number };
}

export interface MobilityRow {
  mobilityId: string;
  version: number;
  learnerName: string | null;
  phase: Phase;
  partnershipId: string;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  hostCountry: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  overdue: boolean;
  waitingFor: SignatoryRole[];
  nextDeadline: { kind: DeadlineKind; due: string } | null;
  updatedAt: string;
}

export interface MobilityPage {
  items: MobilityRow[];
  total: number;
  nextCursor: string | null;
}

export interface SavedFilter {
  id: string;
  name: string;
  view: 'mobilities';
  search: string;
  createdAt: string;
}

/** One `event: changed` of GET /dashboard/events. */
export interface ChangedEvent {
  kind: string;
  id: string;
  version: number;
}
