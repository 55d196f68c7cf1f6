/**
 * When to remind, escalate and give up: ISO 8601 durations, so that a policy reads the same in
 * configuration, in the API and in the workflow. Pure (the workflow bundle imports this file).
 * How a request is chased with it: `reminder-ladder.ts`.
 *
 * Precedence: the defaults below, then `REMINDER_POLICY` (JSON, system-wide), then a
 * partnership's own override (`PUT /partnerships/:id/reminder-policy`).
 */
export interface ReminderPolicy {
  /** After a request is made (or a step becomes due), the first reminder. */
  firstReminderAfter: string;
  /** Then one every… */
  repeatEvery: string;
  /** After this many reminders, the coordinator is told (an escalation mail). */
  escalateAfter: number;
  /** After this many, the head of the sending institution too. */
  escalateToHeadAfter: number;
  /** The Learning Agreement must be fully signed this long before the planned start. */
  signatureDeadlineBeforeStart: string;
  /** An MoU version awaiting signatures expires this long after it was drafted. */
  mouSignatureDeadline: string;
  /** The host's assessment (the transcript) is due this long after the end. */
  assessmentDeadlineAfterEnd: string;
  /** The sending school's recognition is due this long after the end. */
  recognitionDeadlineAfterEnd: string;
  /** The partnership is reminded to renew its MoU this long before it expires. */
  renewalReminderBeforeExpiry: string;
  /** No mail between these local times (HH:MM); reminders wait for the end of quiet hours. */
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  /** IANA time zone of the quiet hours. */
  timezone: string;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  firstReminderAfter: 'P2D',
  repeatEvery: 'P3D',
  escalateAfter: 3,
  escalateToHeadAfter: 6,
  signatureDeadlineBeforeStart: 'P0D',
  mouSignatureDeadline: 'P60D',
  assessmentDeadlineAfterEnd: 'P14D',
  recognitionDeadlineAfterEnd: 'P8W',
  renewalReminderBeforeExpiry: 'P60D',
  quietHoursStart: '20:00',
  quietHoursEnd: '08:00',
  timezone: 'Europe/Riga',
};

const DURATION_KEYS = [
  'firstReminderAfter',
  'repeatEvery',
  'signatureDeadlineBeforeStart',
  'mouSignatureDeadline',
  'assessmentDeadlineAfterEnd',
  'recognitionDeadlineAfterEnd',
  'renewalReminderBeforeExpiry',
] as const;
const COUNT_KEYS = ['escalateAfter', 'escalateToHeadAfter'] as const;

const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration; a year counts 365 days and a month 30. */
export function durationMs(iso: string): number {
  const m = ISO_DURATION.exec(iso);
  if (!m) throw new RangeError(`not an ISO 8601 duration: ${iso}`);
  const [y, mo, w, d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return Math.round(((days * 24 + h) * 60 + min) * 60_000 + s * 1000);
}

export const isIsoDuration = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DURATION.test(value);

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The problems of a partial policy (an override), as `field: reason`. Empty when valid. */
export function policyProblems(override: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(override)) {
    if ((DURATION_KEYS as readonly string[]).includes(key)) {
      if (!isIsoDuration(value))
        problems.push(`${key}: must be an ISO 8601 duration such as P3D or PT5S`);
    } else if ((COUNT_KEYS as readonly string[]).includes(key)) {
      if (!Number.isInteger(value) || (value as number) < 1)
        problems.push(`${key}: must be a whole number ≥ 1`);
    } else if (key === 'quietHoursStart' || key === 'quietHoursEnd') {
      if (value !== null && !(typeof value === 'string' && HHMM.test(value)))
        problems.push(`${key}: must be HH:MM or null`);
    } else if (key === 'timezone') {
      if (typeof value !== 'string' || value.length === 0)
        problems.push('timezone: must be an IANA time zone');
    } else {
      problems.push(`${key}: unknown setting`);
    }
  }
  return problems;
}

/** Layers the overrides (later wins) on the defaults; throws on an invalid override. */
export function resolvePolicy(
  ...overrides: Array<Record<string, unknown> | undefined>
): ReminderPolicy {
  let policy: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY };
  for (const override of overrides) {
    if (!override) continue;
    const problems = policyProblems(override);
    if (problems.length) throw new RangeError(`invalid reminder policy: ${problems.join('; ')}`);
    policy = { ...policy, ...(override as Partial<ReminderPolicy>) };
  }
  if (policy.escalateToHeadAfter < policy.escalateAfter)
    throw new RangeError('invalid reminder policy: escalateToHeadAfter must be ≥ escalateAfter');
  return policy;
}

/**
 * Moves a send time out of quiet hours (to their end, in the policy's time zone). Quiet hours
 * only apply to human-scale policies: when reminders repeat more often than hourly (a demo or a
 * black-box test with `PT5S`), mail goes out at once.
 */
export function outsideQuietHours(policy: ReminderPolicy, at: number): number {
  if (!policy.quietHoursStart || !policy.quietHoursEnd) return at;
  if (durationMs(policy.repeatEvery) < 3_600_000) return at;
  const start = minutesOf(policy.quietHoursStart);
  const end = minutesOf(policy.quietHoursEnd);
  const local = localMinutes(at, policy.timezone);
  const inQuiet = start > end ? local >= start || local < end : local >= start && local < end;
  if (!inQuiet) return at;
  const wait = (end - local + 24 * 60) % (24 * 60);
  const minuteStart = at - (at % 60_000);
  const candidate = minuteStart + wait * 60_000;
  // A daylight-saving change inside the wait moves the wall clock by its offset: correct by the
  // drift between the wall-clock time reached and the end of the quiet hours.
  const drift = ((localMinutes(candidate, policy.timezone) - end + 36 * 60) % (24 * 60)) - 12 * 60;
  return candidate - drift * 60_000;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function localMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}
