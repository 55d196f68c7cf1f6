import { upsertSearchAttributes } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The search attributes both workflows publish, under the same keys so that administrators
 * filter mobilities and partnerships with one query in the Temporal Web UI (the server must know
 * them: `TEMPORAL_SEARCH_ATTRIBUTES=on`).
 */
export const PHASE = defineSearchAttributeKey('EcvetPhase', SearchAttributeType.KEYWORD);
export const INSTITUTION = defineSearchAttributeKey(
  'EcvetInstitution',
  SearchAttributeType.KEYWORD,
);
export const OVERDUE = defineSearchAttributeKey('EcvetOverdue', SearchAttributeType.BOOL);

/** Upserts the phase, the institution (when known) and whether a deadline was missed. */
export function publishSearchAttributes(
  phase: string,
  institutionId: string | undefined,
  overdue: boolean,
): void {
  upsertSearchAttributes([
    { key: PHASE, value: phase },
    ...(institutionId ? [{ key: INSTITUTION, value: institutionId }] : []),
    { key: OVERDUE, value: overdue },
  ]);
}
