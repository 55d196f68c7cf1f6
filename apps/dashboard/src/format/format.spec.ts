import {
  formatDay,
  formatDayShort,
  formatMonth,
  formatNumber,
  monthRange,
  pluralCategory,
} from './format';
import { contrastRatio } from './contrast';
import { PHASE_COLOURS, PHASE_TEXT } from '../theme/phase-colours';
import { ACCESSIBLE_TEXT } from '../theme/theme-colours';

describe('format helpers', () => {
  it.each([
    ['2027-02-05', 'lv', '2027. gada 5. februāris'],
    ['2027-02-05', 'en', 'February 5, 2027'],
    ['2026-12-31', 'lv', '2026. gada 31. decembris'],
    ['2027-01-01', 'lv', '2027. gada 1. janvāris'],
  ])('formatDay(%s, %s) = %s — a calendar day, whatever the time zone', (day, lng, text) => {
    expect(formatDay(day, lng)).toBe(text);
  });

  it('leaves what is not a day as it is', () => {
    expect(formatDay('soon', 'lv')).toBe('soon');
  });

  it('short days and months', () => {
    expect(formatDayShort('2027-02-05', 'lv')).toBe('05.02.2027');
    expect(formatDayShort('2027-02-05', 'en')).toBe('02/05/2027');
    expect(formatMonth('2027-02', 'en')).toBe('February 2027');
    expect(formatMonth('2027-02', 'lv')).toBe('2027. g. februāris');
  });

  it.each([
    [0, 'zero'],
    [1, 'one'],
    [2, 'other'],
    [10, 'zero'],
    [11, 'zero'],
    [19, 'zero'],
    [21, 'one'],
    [22, 'other'],
    [101, 'one'],
    [111, 'zero'],
  ])('Latvian plural of %d is %s', (count, category) => {
    expect(pluralCategory(count, 'lv')).toBe(category);
  });

  it('numbers through Intl', () => {
    expect(formatNumber(1234567.5, 'lv')).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it.each([
    ['2027-02', { from: '2027-02-01', to: '2027-02-28' }],
    ['2028-02', { from: '2028-02-01', to: '2028-02-29' }],
    ['2027-12', { from: '2027-12-01', to: '2027-12-31' }],
  ])('the month %s runs %j', (month, range) => {
    expect(monthRange(month)).toEqual(range);
  });
});

describe('colours', () => {
  it.each(Object.entries(PHASE_COLOURS))('phase %s (%s) carries white text at ≥ 4.5:1', (_, bg) => {
    expect(contrastRatio(bg, PHASE_TEXT)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(ACCESSIBLE_TEXT))('%s text (%s) on white is ≥ 4.5:1', (_, colour) => {
    expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('the ratio itself: black on white is 21, white on white 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });
});
