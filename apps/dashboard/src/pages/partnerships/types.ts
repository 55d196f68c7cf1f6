import type { CoveredQualification } from '../../forms/useCoveredUnits';

/** `GET /partnerships/{id}` (libs/application/src/views/partnership.view.ts) as the pages read it. */
export type PartyRole = 'sending' | 'host' | 'intermediary' | 'competent-body';
export type MouStatus = 'awaiting-signatures' | 'fully-signed' | 'superseded' | 'declined';

export interface MouContent {
  qualifications: CoveredQualification[];
  procedures: {
    assessment: string;
    documentation: string;
    validation: string;
    recognition: string;
  };
  mentoring: string;
  plannedDurations: { minWeeks: number; maxWeeks: number };
  validFrom: string;
  validUntil: string;
  reviewDate?: string;
  competentBodies?: Array<{ name: string; role: string; institutionId?: string }>;
}

export interface PartnershipView {
  partnershipId: string;
  title: string;
  coordinatorInstitutionId: string;
  proposedAt: string;
  version: number;
  parties: Array<{ institutionId: string; role: PartyRole }>;
  status: 'proposed' | 'active' | 'terminated';
  termination?: { reason: string; effectiveOn: string; terminatedAt: string };
  mou?: {
    version: number;
    status: MouStatus;
    contentHash: string;
    content: MouContent;
    renewalOf?: number;
    signatures: Array<{
      institutionId: string;
      signer: { name: unknown; role: string; email?: unknown };
      authMethod: string;
      signedAt: string;
    }>;
    pendingParties: string[];
    declined?: { institutionId: string; reason: string; declinedAt: string };
    signatureRequestExpired: boolean;
  };
  mouVersions: Array<{
    version: number;
    status: MouStatus;
    contentHash: string;
    validFrom: string;
    validUntil: string;
    draftedAt: string;
    fullySignedAt?: string;
  }>;
  signedMous: Array<{ version: number; qualifications: CoveredQualification[] }>;
  mouInForce?: number;
  reminders: Record<string, number>;
  escalations: string[];
  overdue: boolean;
}

/** `GET /partnerships/{id}/mou/versions/{v}`: what a signer sees and signs. */
export interface MouVersionDocument {
  version: number;
  contentHash: string;
  status: MouStatus;
  document: object;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface InstitutionSummary {
  institutionId: string;
  kind: string;
  legalName: string;
  country: string;
}
