/** Calendar helpers on ISO 8601 dates (`YYYY-MM-DD`), in UTC, with no clock. */

const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
}

/** Whole calendar months from `from` to `to`, counting a month only once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** Age in whole years on a date. */
export function ageOn(dateOfBirth: string, on: string): number {
  return Math.floor(monthsBetween(dateOfBirth, on) / 12);
}

/** The date part (`YYYY-MM-DD`) of an ISO 8601 timestamp or date. */
export function dateOf(isoTimestamp: string): string {
  return isoTimestamp.slice(0, 10);
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date.slice(0, 10)) + days * DAY_MS).toISOString().slice(0, 10);
}
