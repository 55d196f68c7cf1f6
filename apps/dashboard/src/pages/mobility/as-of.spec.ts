import { endOfDay, isEndOfDay, localDay } from './as-of';

describe('the as-of instants', () => {
  it('a chosen day is its last millisecond, and reads back as that day', () => {
    const instant = endOfDay('2027-02-05');
    expect(instant).toBeDefined();
    expect(localDay(instant!)).toBe('2027-02-05');
    expect(isEndOfDay(instant!)).toBe(true);
    expect(new Date(instant!).getTime() + 1).toBe(
      new Date(endOfDay('2027-02-06')!).getTime() - 86_400_000 + 1,
    );
  });

  it('any other instant is not the end of a day; nonsense is no day', () => {
    expect(isEndOfDay('2027-02-05T12:00:00.000Z')).toBe(false);
    expect(endOfDay('2027-2-5')).toBeUndefined();
    expect(localDay('not a date')).toBeUndefined();
  });
});
