/**
 * What the mobility and the partnership schedules share (`mobility-schedule.ts`,
 * `partnership-schedule.ts`). Pure: unit-tested without Temporal.
 */

/** An action of a workflow and when it is due (ms); the earliest is next. */
export interface Due<A> {
  at: number;
  action: A;
}

/** What an activity reports of an action: recorded, or the rule that says it no longer applies. */
export interface ActionOutcome {
  recorded: boolean;
  rule?: string;
}

export const DAY = 86_400_000;

/** ms of a date's midnight, UTC (dates in the log are ISO dates, `YYYY-MM-DD`). */
export const midnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

export const isoTime = (ms: number) => new Date(ms).toISOString();
