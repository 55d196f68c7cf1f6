import { contentHash } from '../shared/content-hash';
import { isIsoDate } from '../shared/dates';
import { ensure } from '../shared/domain-error';
import type { MouContent, PartnershipParty } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import { filled } from './partnership.guards';

/**
 * The document that parties sign for an MoU version: its content together with the partnership
 * and its parties, so that a change of parties is a change of the signed document. Parties are
 * sorted by institution id so that the order in which they joined does not change the hash.
 */
export function mouDocument(
  partnershipId: string,
  parties: PartnershipParty[],
  content: MouContent,
) {
  const sorted = parties
    .map(({ institutionId, role }) => ({ institutionId, role }))
    .sort((a, b) =>
      a.institutionId < b.institutionId ? -1 : a.institutionId > b.institutionId ? 1 : 0,
    );
  return { partnershipId, parties: sorted, content };
}

/** The hash a party signs: `contentHash` of `mouDocument` (never taken from a caller). */
export function mouContentHash(
  partnershipId: string,
  parties: PartnershipParty[],
  content: MouContent,
): string {
  return contentHash(mouDocument(partnershipId, parties, content));
}

/** The rules every MoU version's content obeys, whether drafted, amended or renewed. */
export function checkMouContent(content: MouContent): void {
  ensure(
    Array.isArray(content.qualifications) && content.qualifications.length > 0,
    R.MouNeedsQualifications,
    'an MoU covers at least one qualification',
  );
  const withoutUnits = content.qualifications
    .filter((q) => !Array.isArray(q.unitIds) || q.unitIds.length === 0)
    .map((q) => q.qualificationId);
  ensure(
    withoutUnits.length === 0,
    R.MouQualificationNeedsUnits,
    `every covered qualification names at least one unit: ${withoutUnits.join(', ')}`,
    { qualificationIds: withoutUnits },
  );
  const { assessment, documentation, validation, recognition } = content.procedures ?? {};
  ensure(
    [assessment, documentation, validation, recognition].every(filled),
    R.MouProceduresRequired,
    'the MoU states the assessment, documentation, validation and recognition procedures',
  );
  ensure(filled(content.mentoring), R.MouMentoringRequired, 'the MoU states the mentoring');
  const { minWeeks, maxWeeks } = content.plannedDurations ?? {};
  ensure(
    Number.isInteger(minWeeks) &&
      Number.isInteger(maxWeeks) &&
      1 <= minWeeks &&
      minWeeks <= maxWeeks &&
      maxWeeks <= 52,
    R.MouDurationRange,
    'planned durations are whole weeks with 1 ≤ minimum ≤ maximum ≤ 52',
  );
  ensure(
    isIsoDate(content.validFrom) &&
      isIsoDate(content.validUntil) &&
      content.validFrom < content.validUntil,
    R.MouValidityDates,
    'validFrom and validUntil are ISO dates (YYYY-MM-DD), validFrom before validUntil',
  );
  ensure(
    content.reviewDate === undefined ||
      (isIsoDate(content.reviewDate) &&
        content.validFrom <= content.reviewDate &&
        content.reviewDate <= content.validUntil),
    R.MouReviewDateWithinValidity,
    'the review date lies within the validity of the MoU',
  );
}
