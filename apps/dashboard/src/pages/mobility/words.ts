import type { Localized } from './types';

/** A personal field as text, or undefined when it is withheld (`{ $redacted: true }`). */
export const personal = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const learnerName = personal;

/** The title in the page's language (Latvian when the language has none). */
export const localized = (value: Localized | undefined, lng: string): string =>
  value ? (lng === 'en' ? value.en || value.lv : value.lv || value.en) : '';
