/**
 * Dates and numbers for people, always through `Intl` in the page's language — never by hand.
 * Pure functions (the unit tests run them under Node's full ICU).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const cache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(lng: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lng, options);
    cache.set(key, format);
  }
  return format;
}

/** A calendar day (`YYYY-MM-DD`, no time zone) in the long style: lv "2027. gada 5. februāris". */
export function formatDay(day: string, lng: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A calendar day, numeric, for dense tables: lv "05.02.2027", en "02/05/2027". */
export function formatDayShort(day: string, lng: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateTimeFormat(lng, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).format(date);
}

/** A month (`YYYY-MM`): lv "2027. g. februāris", en "February 2027". */
export function formatMonth(month: string, lng: string): string {
  const match = MONTH.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return dateTimeFormat(lng, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

/** An instant (ISO 8601) with its time, in the reader's time zone unless one is given. */
export function formatInstant(iso: string, lng: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(lng, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...(timeZone !== undefined && { timeZone }),
  }).format(date);
}

/** A number with the language's grouping and decimal separator: lv "1 234 567,5". */
export function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(value);
}

/** The plural category i18next picks for `count` (`_zero`, `_one`, `_other` in lv). */
export function pluralCategory(count: number, lng: string): Intl.LDMLPluralRule {
  return new Intl.PluralRules(lng).select(count);
}

/** First and last day of a `YYYY-MM` month, for links to the list filtered by that period. */
export function monthRange(month: string): { from: string; to: string } | undefined {
  const match = MONTH.exec(month);
  if (!match) return undefined;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]);
  const last = new Date(Date.UTC(year, monthIndex, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
