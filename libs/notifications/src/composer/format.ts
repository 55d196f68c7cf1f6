import type { Language } from './mail.types';

const LOCALE: Record<Language, string> = { lv: 'lv-LV', en: 'en-GB' };
const ZONE = 'Europe/Riga';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIDNIGHT_UTC = /^\d{4}-\d{2}-\d{2}T00:00(:00(\.0+)?)?(Z|[+-]00:?00)$/;

/**
 * A calendar date (`2026-05-12`) or an instant, as people read it in the language. An instant at
 * midnight UTC is a date the rules derived from a calendar date (the planned start): shown as
 * that date.
 */
export function formatWhen(value: string, language: Language): string {
  if (MIDNIGHT_UTC.test(value)) value = value.slice(0, 10);
  if (DATE_ONLY.test(value)) {
    return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const formatted = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ZONE,
  }).format(at);
  return `${formatted} (${language === 'lv' ? 'Rīgas laiks' : 'Riga time'})`;
}

export function formatPeriod(period: { start: string; end: string }, language: Language): string {
  return `${formatWhen(period.start, language)} – ${formatWhen(period.end, language)}`;
}

/** Latvian agreement of a noun with a number: 1, 21, 31… take the singular, 11 does not. */
export function countLv(n: number, singular: string, plural: string): string {
  return `${n} ${n % 10 === 1 && n % 100 !== 11 ? singular : plural}`;
}

export function countEn(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
