import fc from 'fast-check';
import {
  DEFAULT_REMINDER_POLICY,
  durationMs,
  outsideQuietHours,
  policyProblems,
  resolvePolicy,
} from './reminder-policy';

describe('reminder policy', () => {
  it('reads ISO 8601 durations', () => {
    expect(durationMs('PT5S')).toBe(5000);
    expect(durationMs('P2D')).toBe(2 * 86_400_000);
    expect(durationMs('P8W')).toBe(56 * 86_400_000);
    expect(durationMs('P1DT2H30M')).toBe(86_400_000 + 2.5 * 3_600_000);
    expect(() => durationMs('5 days')).toThrow(RangeError);
  });

  it('layers REMINDER_POLICY over the defaults and a partnership’s override over both', () => {
    const policy = resolvePolicy(
      { firstReminderAfter: 'PT5S', repeatEvery: 'PT5S', escalateAfter: 2 },
      { escalateAfter: 4 },
    );
    expect(policy).toMatchObject({
      firstReminderAfter: 'PT5S',
      repeatEvery: 'PT5S',
      escalateAfter: 4,
    });
    expect(policy.assessmentDeadlineAfterEnd).toBe(
      DEFAULT_REMINDER_POLICY.assessmentDeadlineAfterEnd,
    );
  });

  it('names each invalid or unknown setting', () =>
    expect(policyProblems({ repeatEvery: '3 days', escalateAfter: 0, colour: 'red' })).toEqual([
      'repeatEvery: must be an ISO 8601 duration such as P3D or PT5S',
      'escalateAfter: must be a whole number ≥ 1',
      'colour: unknown setting',
    ]));

  it('waits for the end of quiet hours in the policy’s time zone (Riga is UTC+2 in winter)', () => {
    const at = Date.parse('2026-11-22T20:30:00Z'); // 22:30 in Riga
    expect(new Date(outsideQuietHours(DEFAULT_REMINDER_POLICY, at)).toISOString()).toBe(
      '2026-11-23T06:00:00.000Z',
    );
    const day = Date.parse('2026-11-22T10:00:00Z');
    expect(outsideQuietHours(DEFAULT_REMINDER_POLICY, day)).toBe(day);
  });

  it('never sends in quiet hours and never sends earlier than due', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), (at) => {
        const sent = outsideQuietHours(DEFAULT_REMINDER_POLICY, at);
        expect(sent).toBeGreaterThanOrEqual(at - 60_000);
        // Quiet hours are 12 hours of wall-clock time: 13 real hours on the autumn night.
        expect(sent - at).toBeLessThanOrEqual(13 * 3_600_000);
        expect(outsideQuietHours(DEFAULT_REMINDER_POLICY, sent)).toBe(sent);
      }),
    );
  });

  it('ends quiet hours at 08:00 local time on the nights the clocks change', () => {
    // Riga: summer time ends on 2024-10-27 at 04:00 (UTC+3 → UTC+2), starts on 2025-03-30 at 03:00.
    const autumn = Date.parse('2024-10-26T17:06:00Z'); // 20:06 in Riga
    expect(new Date(outsideQuietHours(DEFAULT_REMINDER_POLICY, autumn)).toISOString()).toBe(
      '2024-10-27T06:00:00.000Z', // 08:00 UTC+2
    );
    const spring = Date.parse('2025-03-29T19:00:00Z'); // 21:00 in Riga
    expect(new Date(outsideQuietHours(DEFAULT_REMINDER_POLICY, spring)).toISOString()).toBe(
      '2025-03-30T05:00:00.000Z', // 08:00 UTC+3
    );
  });

  it('does not hold back a policy measured in seconds (demos and black-box tests)', () => {
    const p = resolvePolicy({ firstReminderAfter: 'PT5S', repeatEvery: 'PT5S' });
    const night = Date.parse('2026-11-22T22:30:00Z');
    expect(outsideQuietHours(p, night)).toBe(night);
  });
});
