/**
 * The audit screens' pure parts: which streams there are and where the API serves them, the
 * export form's query, the bundle's file name, a job's outcome, an item as a key/value tree.
 * No React here (tested by audit.spec.ts).
 */

/** The stream categories an auditor searches, as the API's collection names. */
export const STREAM_CATEGORIES = [
  'mobilities',
  'partnerships',
  'calls',
  'institutions',
  'learners',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];
export const isStreamCategory = (value: unknown): value is StreamCategory =>
  typeof value === 'string' && (STREAM_CATEGORIES as readonly string[]).includes(value);

const enc = encodeURIComponent;

/** The item (its `?asOf=`/`?asOfVersion=` state): a learner's is their credit record. */
export const itemPath = (category: StreamCategory, id: string): string =>
  category === 'learners' ? `/learners/${enc(id)}/credits` : `/${category}/${enc(id)}`;

/** Every event of the stream with its actor (`GET …/history`). */
export const historyPath = (category: StreamCategory, id: string): string =>
  `/${category}/${enc(id)}/history`;

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

// The export form.

export const BUNDLE_SUBJECTS = ['mobility', 'partnership', 'institution'] as const;
export type BundleSubject = (typeof BUNDLE_SUBJECTS)[number];
export const isBundleSubject = (value: unknown): value is BundleSubject =>
  typeof value === 'string' && (BUNDLE_SUBJECTS as readonly string[]).includes(value);

export interface ExportForm {
  subject: BundleSubject;
  id: string;
  /** `YYYY-MM-DD` or '' (from that day's 00:00 UTC). */
  from: string;
  /** `YYYY-MM-DD` or '' (up to and including that day, UTC). */
  to: string;
  languages: string[];
}

/** The API's parameter naming the subject: `mobilityId`, `partnershipId`, `institutionId`. */
export const subjectParam = (subject: BundleSubject): string => `${subject}Id`;

/** The day after a `YYYY-MM-DD` day (the API's `to` is exclusive; the form's is inclusive). */
export function dayAfter(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return undefined;
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** `GET /audit/bundles`'s query for the form (languages in the API's order: lv, en). */
export function bundleQuery(form: ExportForm): Record<string, string> {
  const query: Record<string, string> = { [subjectParam(form.subject)]: form.id.trim() };
  if (form.from) query.from = form.from;
  if (form.to) query.to = dayAfter(form.to) ?? form.to;
  const lang = ['lv', 'en'].filter((l) => form.languages.includes(l));
  if (lang.length > 0) query.lang = lang.join(',');
  return query;
}

/** The field of the form a problem's invalid parameter names (`mobilityId` → `id`). */
export function formField(param: string): keyof ExportForm | undefined {
  if (/^(mobility|partnership|institution)Id$/.test(param)) return 'id';
  if (param === 'from' || param === 'to') return param;
  if (param === 'lang') return 'languages';
  return undefined;
}

/** The file name from `Content-Disposition: attachment; filename="…"`. */
export function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition ? /filename="([^"\\/]+)"/.exec(disposition) : null;
  return match?.[1];
}

// The operators' jobs (apps/api/src/operations).

export interface VerifyResult {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  unsealedEvents: number;
  problem?: { kind: string; message: string };
}

export interface RebuildResult {
  kind: string;
  eventsRead: number;
  rebuiltDocuments: number;
  liveDocuments: number;
  equal: boolean;
  differences: Array<{ id: string; problem: string; paths?: string[] }>;
}

export interface OperationJob {
  jobId: string;
  operation: 'verify' | 'rebuild';
  target?: string;
  status: 'running' | 'done' | 'failed';
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  progress: { done: number; total?: number };
  result?: object;
  error?: string;
}

export type JobOutcome =
  | { state: 'running'; done: number; total?: number }
  | { state: 'failed'; message: string }
  | { state: 'ok'; result: VerifyResult }
  | { state: 'problem'; kind: string; message: string }
  | { state: 'equal'; result: RebuildResult }
  | { state: 'different'; id: string; problem: string; paths: string[]; count: number };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a job came to: still running, failed, or its report's verdict (the first problem named). */
export function jobOutcome(job: OperationJob): JobOutcome {
  if (job.status === 'running')
    return { state: 'running', done: job.progress.done, total: job.progress.total };
  const report = job.result;
  if (job.status === 'failed' || report === undefined)
    return { state: 'failed', message: job.error ?? '?' };
  if (job.operation === 'verify') {
    const result = report as VerifyResult;
    if (result.ok) return { state: 'ok', result };
    return {
      state: 'problem',
      kind: result.problem?.kind ?? '?',
      message: result.problem?.message ?? '',
    };
  }
  const result = report as RebuildResult;
  if (result.equal) return { state: 'equal', result };
  const first = result.differences[0];
  return {
    state: 'different',
    id: first?.id ?? '?',
    problem: first?.problem ?? '?',
    paths: first?.paths ?? [],
    count: result.differences.length,
  };
}

/** Percent done, when the total is known. */
export const percent = (done: number, total?: number): number | undefined =>
  total === undefined || total <= 0 ? undefined : Math.min(100, Math.round((done / total) * 100));

// An item as a tree.

export type TreeNode =
  | { kind: 'value'; text: string }
  | { kind: 'hidden'; reason: 'redacted' | 'erased' }
  | { kind: 'object'; entries: Array<{ key: string; node: TreeNode }> }
  | { kind: 'array'; items: TreeNode[] };

/** Any JSON as a tree to render; personal fields withheld (`{$redacted}`/`{$erased}`) say so. */
export function toTree(value: unknown): TreeNode {
  if (value === null || value === undefined) return { kind: 'value', text: '—' };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toTree) };
  if (isRecord(value)) {
    if (value.$redacted === true) return { kind: 'hidden', reason: 'redacted' };
    if (value.$erased === true) return { kind: 'hidden', reason: 'erased' };
    return {
      kind: 'object',
      entries: Object.entries(value).map(([key, v]) => ({ key, node: toTree(v) })),
    };
  }
  if (typeof value === 'string') return { kind: 'value', text: value };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'value', text: String(value) };
  return { kind: 'value', text: JSON.stringify(value) ?? '' };
}

/** The history as it stood at the as-of view: up to a version, or recorded up to an instant. */
export function entriesUntil<T extends { version: number; recordedAt: string }>(
  entries: readonly T[],
  asOf: { asOf?: string; asOfVersion?: number },
): T[] {
  const version = asOf.asOfVersion;
  if (version !== undefined) return entries.filter((e) => e.version <= version);
  if (asOf.asOf !== undefined) {
    const until = Date.parse(asOf.asOf);
    return entries.filter((e) => Date.parse(e.recordedAt) <= until);
  }
  return [...entries];
}
