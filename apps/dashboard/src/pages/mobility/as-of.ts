/**
 * The as-of view's instants. A date chosen in the control means "at the end of that day" in the
 * reader's time zone; the URL carries the instant (`?asOf=2027-02-05T21:59:59.999Z`), so a copied
 * link shows the same moment anywhere.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last millisecond of a local calendar day, as an ISO instant. */
export function endOfDay(day: string): string | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The local calendar day of an instant (`YYYY-MM-DD`), for the date input. */
export function localDay(iso: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whether an instant is the end of a local day (the banner then names the day alone). */
export function isEndOfDay(iso: string): boolean {
  const day = localDay(iso);
  return day !== undefined && endOfDay(day) === new Date(iso).toISOString();
}

/** Today in the reader's time zone (the control's upper bound). */
export function today(now: Date = new Date()): string {
  return localDay(now.toISOString()) ?? '';
}
