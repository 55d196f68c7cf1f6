import type { ApiClient } from '../api-client';
import { UsageError } from '../local-system';
import { fieldChanges, type FieldChange } from '@ecvet/domain';

/** `--as-of 3` is a version, `--as-of 2027-03-01T12:00:00Z` an instant. */
export function parseAsOf(value: string | undefined): { asOfVersion?: number; asOf?: string } {
  if (value === undefined) return {};
  if (/^\d+$/.test(value)) {
    const version = Number(value);
    if (version < 1) throw new UsageError('--as-of: versions start at 1');
    return { asOfVersion: version };
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(
      '--as-of must be an ISO 8601 instant (2027-03-01T12:00:00Z) or a version number',
    );
  return { asOf: value };
}

interface DiffSide {
  version: number;
  contentHash: string;
  [field: string]: unknown;
}

export interface VersionDiff {
  from: DiffSide;
  to: DiffSide;
  changes: FieldChange[];
}

/** Two Learning Agreement versions: what is signed (`content`), but its version number. */
export async function agreementDiff(
  api: ApiClient,
  id: string,
  a: number,
  b: number,
): Promise<VersionDiff> {
  type Doc = {
    version: number;
    contentHash: string;
    content: Record<string, unknown>;
    draftedAt?: string;
    amendmentReason?: string;
    voidedSignatures?: string[];
    signatures?: Array<{ type: string; role?: string }>;
  };
  const path = (v: number) =>
    `/mobilities/${encodeURIComponent(id)}/learning-agreement/versions/${v}`;
  const [before, after] = await Promise.all([api.get<Doc>(path(a)), api.get<Doc>(path(b))]);
  const side = (d: Doc): DiffSide => ({
    version: d.version,
    contentHash: d.contentHash,
    draftedAt: d.draftedAt,
    amendmentReason: d.amendmentReason,
    signedBy: (d.signatures ?? [])
      .filter((s) => s.type === 'LearningAgreementSigned')
      .map((s) => s.role),
  });
  const content = (d: Doc) => {
    const { version: _version, ...rest } = d.content;
    return rest;
  };
  return {
    from: side(before),
    to: side(after),
    changes: fieldChanges(content(before), content(after), 'content'),
  };
}

/** Two MoU versions: the document the parties sign (partnership, parties, content). */
export async function mouDiff(
  api: ApiClient,
  id: string,
  a: number,
  b: number,
): Promise<VersionDiff> {
  type Doc = { version: number; contentHash: string; status: string; document: object };
  const path = (v: number) => `/partnerships/${encodeURIComponent(id)}/mou/versions/${v}`;
  const [before, after] = await Promise.all([api.get<Doc>(path(a)), api.get<Doc>(path(b))]);
  const side = (d: Doc): DiffSide => ({
    version: d.version,
    contentHash: d.contentHash,
    status: d.status,
  });
  return {
    from: side(before),
    to: side(after),
    changes: fieldChanges(before.document, after.document, 'document'),
  };
}
