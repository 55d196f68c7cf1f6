import {
  DEFAULT_REMINDER_POLICY,
  durationMs,
  resolvePolicy,
  SIGNATORY_ROLES,
  type ReminderPolicy,
  type SignatoryRole,
} from '@ecvet/domain';

/** The phases and signatory roles, as the domain lists them. */
export { MOBILITY_PHASES, SIGNATORY_ROLES } from '@ecvet/domain';

export type DeadlineKind = 'signature' | 'assessment' | 'recognition';

/**
 * What `dashboardRow` reads of a mobility's read-model document (`mobilityView` as stored: JSON).
 * Personal fields may read as erased (`{ "$erased": true }`) after a learner's erasure, hence
 * `unknown` where a name or an e-mail is.
 */
export interface MobilityDocument {
  mobilityId: string;
  version: number;
  phase?: string;
  partnershipId: string;
  sendingInstitution: { institutionId: string };
  host: { institutionId: string; country?: unknown };
  learner?: { name?: unknown };
  plannedPeriod?: { start?: unknown; end?: unknown };
  actualEnd?: unknown;
  mentors?: { sending?: { email?: unknown }; host?: { email?: unknown } };
  agreement?: { pendingSignatories?: unknown } | null;
  overdue?: unknown;
}

/** One row of `ecvet_dashboard_mobilities`, as JSON: dates `YYYY-MM-DD`, the instant ISO. */
export interface DashboardRow {
  mobilityId: string;
  version: number;
  phase: string;
  partnershipId: string;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  hostCountry: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
  overdue: boolean;
  waitingFor: SignatoryRole[];
  learnerName: string | null;
  /** Lower case: the mentor scope compares the principal's e-mail with them. */
  sendingMentorEmail: string | null;
  hostMentorEmail: string | null;
  signatureDue: string | null;
  assessmentDue: string | null;
  recognitionDue: string | null;
  nextDeadlineKind: DeadlineKind | null;
  nextDeadlineDue: string | null;
  updatedAt: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;
const DAY_MS = 86_400_000;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;
/** The calendar date of a date or an instant (`2027-03-01`, `2027-03-01T10:00:00Z`). */
const dateOf = (value: unknown): string | null => {
  if (typeof value !== 'string' || !DATE.test(value)) return null;
  const day = value.slice(0, 10);
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
};
/** A date moved by an ISO 8601 duration (back when `sign` is -1), as the calendar date reached. */
const shift = (date: string | null, duration: string, sign: 1 | -1): string | null => {
  if (date === null) return null;
  const at = Date.parse(`${date}T00:00:00Z`) + sign * durationMs(duration);
  // Beyond what a Date holds (a generated far-off date with a long duration): no deadline.
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return null;
  return new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
};

/**
 * The dashboard's row of a mobility: a pure function of its read-model document, the time its
 * stream's last event was recorded and the system's reminder policy (defaults and
 * `REMINDER_POLICY`; a partnership's own override is not applied — it lives in another stream,
 * and the row must follow from its own document alone). The deadlines:
 * - `signature` while the agreement awaits signatures: the planned start less
 *   `signatureDeadlineBeforeStart`;
 * - `assessment` while the host's assessment is awaited: the end (actual, else planned) plus
 *   `assessmentDeadlineAfterEnd`;
 * - `recognition` while validation or recognition is awaited: the end plus
 *   `recognitionDeadlineAfterEnd`.
 */
export function dashboardRow(
  doc: MobilityDocument,
  updatedAt: Date | string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): DashboardRow {
  const phase = doc.phase ?? 'preparation';
  const plannedStart = dateOf(doc.plannedPeriod?.start);
  const plannedEnd = dateOf(doc.plannedPeriod?.end);
  const actualEnd = dateOf(doc.actualEnd);
  const end = actualEnd ?? plannedEnd;
  const pending = doc.agreement?.pendingSignatories;
  const waitingFor = SIGNATORY_ROLES.filter((r) => Array.isArray(pending) && pending.includes(r));
  const signatureDue =
    phase === 'awaiting-signatures'
      ? shift(plannedStart, policy.signatureDeadlineBeforeStart, -1)
      : null;
  const assessmentDue =
    phase === 'awaiting-assessment' ? shift(end, policy.assessmentDeadlineAfterEnd, 1) : null;
  const recognitionDue =
    phase === 'awaiting-validation' || phase === 'awaiting-recognition'
      ? shift(end, policy.recognitionDeadlineAfterEnd, 1)
      : null;
  const next = (
    [
      ['signature', signatureDue],
      ['assessment', assessmentDue],
      ['recognition', recognitionDue],
    ] as Array<[DeadlineKind, string | null]>
  )
    .filter((d): d is [DeadlineKind, string] => d[1] !== null)
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))[0];
  const email = (value: unknown) => text(value)?.toLowerCase() ?? null;
  return {
    mobilityId: doc.mobilityId,
    version: doc.version,
    phase,
    partnershipId: doc.partnershipId,
    sendingInstitutionId: doc.sendingInstitution.institutionId,
    hostInstitutionId: doc.host.institutionId,
    hostCountry: text(doc.host.country),
    plannedStart,
    plannedEnd,
    actualEnd,
    overdue: doc.overdue === true,
    waitingFor,
    learnerName: text(doc.learner?.name),
    sendingMentorEmail: email(doc.mentors?.sending?.email),
    hostMentorEmail: email(doc.mentors?.host?.email),
    signatureDue,
    assessmentDue,
    recognitionDue,
    nextDeadlineKind: next?.[0] ?? null,
    nextDeadlineDue: next?.[1] ?? null,
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

/**
 * The system's reminder policy: the defaults and `REMINDER_POLICY` (validated at start-up by the
 * configuration; an invalid one here falls back to the defaults).
 */
export function systemReminderPolicy(
  raw: string | undefined = process.env.REMINDER_POLICY,
): ReminderPolicy {
  if (!raw) return DEFAULT_REMINDER_POLICY;
  try {
    return resolvePolicy(JSON.parse(raw) as Record<string, unknown>);
  } catch {
    return DEFAULT_REMINDER_POLICY;
  }
}

/** The table's columns in `DashboardRow`'s order (what `dashboardRowParams` gives). */
export const DASHBOARD_COLUMNS = [
  'mobility_id',
  'version',
  'phase',
  'partnership_id',
  'sending_institution_id',
  'host_institution_id',
  'host_country',
  'planned_start',
  'planned_end',
  'actual_end',
  'overdue',
  'waiting_for',
  'learner_name',
  'sending_mentor_email',
  'host_mentor_email',
  'signature_due',
  'assessment_due',
  'recognition_due',
  'next_deadline_kind',
  'next_deadline_due',
  'updated_at',
] as const;

export const dashboardRowParams = (row: DashboardRow): unknown[] => [
  row.mobilityId,
  row.version,
  row.phase,
  row.partnershipId,
  row.sendingInstitutionId,
  row.hostInstitutionId,
  row.hostCountry,
  row.plannedStart,
  row.plannedEnd,
  row.actualEnd,
  row.overdue,
  row.waitingFor,
  row.learnerName,
  row.sendingMentorEmail,
  row.hostMentorEmail,
  row.signatureDue,
  row.assessmentDue,
  row.recognitionDue,
  row.nextDeadlineKind,
  row.nextDeadlineDue,
  row.updatedAt,
];

/** A stored row read back as `DashboardRow` (select list over `ecvet_dashboard_mobilities`). */
export const DASHBOARD_ROW_SELECT = `
  mobility_id AS "mobilityId", version, phase, partnership_id AS "partnershipId",
  sending_institution_id AS "sendingInstitutionId", host_institution_id AS "hostInstitutionId",
  host_country AS "hostCountry", planned_start::text AS "plannedStart",
  planned_end::text AS "plannedEnd", actual_end::text AS "actualEnd", overdue,
  waiting_for AS "waitingFor", learner_name AS "learnerName",
  sending_mentor_email AS "sendingMentorEmail", host_mentor_email AS "hostMentorEmail",
  signature_due::text AS "signatureDue", assessment_due::text AS "assessmentDue",
  recognition_due::text AS "recognitionDue", next_deadline_kind AS "nextDeadlineKind",
  next_deadline_due::text AS "nextDeadlineDue",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;
