import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatDayShort, formatInstant, formatMonth, formatNumber } from './format';

/** The format helpers bound to the page's current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(
    () => ({
      lng,
      day: (day: string) => formatDay(day, lng),
      dayShort: (day: string) => formatDayShort(day, lng),
      month: (month: string) => formatMonth(month, lng),
      instant: (iso: string) => formatInstant(iso, lng),
      number: (value: number) => formatNumber(value, lng),
    }),
    [lng],
  );
}
