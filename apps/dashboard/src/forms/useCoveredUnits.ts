import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Localized, UnitSnapshot } from '../pages/mobility/types';

/** What an MoU version covers: the qualifications (pinned versions) and their units. */
export interface CoveredQualification {
  qualificationId: string;
  qualificationVersion: number;
  unitIds: string[];
}

interface PartnershipCoverage {
  mou?: { version: number; status: string; content: { qualifications: CoveredQualification[] } };
  signedMous: Array<{ version: number; qualifications: CoveredQualification[] }>;
  mouInForce?: number;
}

export interface QualificationSnapshot {
  qualificationId: string;
  version: number;
  title: Localized;
  eqfLevel: number;
  nqfLevel: number;
  programme: string;
  units: UnitSnapshot[];
}

export const qualificationVersionQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['qualifications', id, 'versions', version],
    queryFn: ({ signal }) =>
      api.get<QualificationSnapshot>(
        `/qualifications/${encodeURIComponent(id)}/versions/${version}`,
        undefined,
        signal,
      ),
    staleTime: Infinity,
  });

/**
 * The partnership's current coverage: the MoU in force, else the newest fully signed version,
 * else the version being signed — the qualifications and units a mobility under it may target.
 */
export function coverageOf(p: PartnershipCoverage): CoveredQualification[] {
  const signed =
    p.signedMous.find((m) => m.version === p.mouInForce) ?? p.signedMous[p.signedMous.length - 1];
  return signed?.qualifications ?? p.mou?.content.qualifications ?? [];
}

/** The units the partnership's MoU covers for one qualification, with their titles. */
export function useCoveredUnits(partnershipId: string, qualificationId: string | undefined) {
  const partnership = useQuery({
    queryKey: ['partnerships', partnershipId],
    queryFn: ({ signal }) =>
      api.get<PartnershipCoverage>(
        `/partnerships/${encodeURIComponent(partnershipId)}`,
        undefined,
        signal,
      ),
  });
  const coverage = partnership.data ? coverageOf(partnership.data) : [];
  const covered = coverage.find((q) => q.qualificationId === qualificationId);
  const qualification = useQuery({
    ...qualificationVersionQuery(
      covered?.qualificationId ?? '',
      covered?.qualificationVersion ?? 0,
    ),
    enabled: covered !== undefined,
  });
  const units = qualification.data?.units.filter((u) => covered?.unitIds.includes(u.unitId));
  return {
    coverage,
    covered,
    qualification: qualification.data,
    units,
    isPending: partnership.isPending || (covered !== undefined && qualification.isPending),
    error: partnership.error ?? qualification.error,
  };
}
