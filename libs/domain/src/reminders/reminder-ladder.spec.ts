import fc from 'fast-check';
import type { EscalationLevel } from '../mobility/mobility.events';
import { dueRungs, type LadderPosition, type ReminderLadder, type Rung } from './reminder-ladder';
import { durationMs, resolvePolicy, type ReminderPolicy } from './reminder-policy';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2027-01-04T10:00:00.000Z'); // a Monday, 12:00 in Riga
const noQuiet = { quietHoursStart: null, quietHoursEnd: null };
const policy = resolvePolicy({
  firstReminderAfter: 'P2D',
  repeatEvery: 'P3D',
  escalateAfter: 2,
  escalateToHeadAfter: 4,
  ...noQuiet,
});
const fresh: LadderPosition = { reminders: 0, escalated: [] };
const ladder = (
  awaiting: Array<[string, LadderPosition]>,
  more: Partial<ReminderLadder<string>> = {},
): ReminderLadder<string> => ({ since: T0, escalateToHead: true, awaiting, ...more });
const of = <K extends Rung<string>['kind']>(rungs: Array<Rung<string>>, kind: K) =>
  rungs.filter((r): r is Extract<Rung<string>, { kind: K }> => r.kind === kind);

describe('the reminder ladder', () => {
  it('reminds each awaited party first N after the request, then every M', () => {
    expect(dueRungs(policy, ladder([['host', fresh]]))).toEqual([
      { kind: 'remind', at: T0 + 2 * DAY, who: 'host', reminderNumber: 1 },
    ]);
    const third = dueRungs(policy, ladder([['host', { ...fresh, reminders: 2 }]]));
    expect(of(third, 'remind')).toEqual([
      { kind: 'remind', at: T0 + 8 * DAY, who: 'host', reminderNumber: 3 },
    ]);
  });

  it('after downtime, resumes M after the last reminder rather than in a burst', () => {
    const late = T0 + 20 * DAY;
    const [next] = dueRungs(
      policy,
      ladder([['host', { ...fresh, reminders: 1, lastSentAt: late }]]),
    );
    expect(next).toEqual({ kind: 'remind', at: late + 3 * DAY, who: 'host', reminderNumber: 2 });
  });

  it('waits for the end of quiet hours in the policy’s time zone', () => {
    const quiet = resolvePolicy({ firstReminderAfter: 'P2D', repeatEvery: 'P3D' });
    const drafted = Date.parse('2027-01-04T19:30:00.000Z'); // 21:30 in Riga
    const [first] = dueRungs(quiet, ladder([['host', fresh]], { since: drafted }));
    expect(new Date(first.at).toISOString()).toBe('2027-01-07T06:00:00.000Z'); // 08:00 in Riga
  });

  it('tells the coordinator after K reminders and the head after K′, once each, at once', () => {
    const atK = dueRungs(policy, ladder([['host', { ...fresh, reminders: 2 }]]));
    expect(of(atK, 'escalate')).toEqual([
      { kind: 'escalate', at: T0, who: 'host', level: 'coordinator', afterReminders: 2 },
    ]);
    const told: EscalationLevel[] = ['coordinator'];
    expect(
      of(dueRungs(policy, ladder([['host', { reminders: 3, escalated: told }]])), 'escalate'),
    ).toEqual([]);
    expect(
      of(dueRungs(policy, ladder([['host', { reminders: 4, escalated: told }]])), 'escalate'),
    ).toEqual([{ kind: 'escalate', at: T0, who: 'host', level: 'head', afterReminders: 4 }]);
    expect(
      dueRungs(
        policy,
        ladder([['host', { reminders: 4, escalated: told }]], { escalateToHead: false }),
      ).map((r) => r.kind),
    ).toEqual(['remind']);
  });

  it('expires at the deadline, and reminds no one at or after it', () => {
    const deadline = T0 + 8 * DAY;
    const rungs = dueRungs(
      policy,
      ladder(
        [
          ['host', { ...fresh, reminders: 1 }], // the second is due on day 5
          ['learner', { ...fresh, reminders: 2 }], // the third would be due on day 8
        ],
        { deadline },
      ),
    );
    expect(rungs).toEqual([
      { kind: 'expire', at: deadline },
      { kind: 'remind', at: T0 + 5 * DAY, who: 'host', reminderNumber: 2 },
      { kind: 'escalate', at: T0, who: 'learner', level: 'coordinator', afterReminders: 2 },
    ]);
  });

  it('stops reminding at `remindUntil` without an expiry, and after `maxReminders`', () => {
    const until = dueRungs(policy, ladder([['mou', fresh]], { remindUntil: T0 + 2 * DAY }));
    expect(until).toEqual([]);
    const capped = dueRungs(
      policy,
      ladder([['mou', { ...fresh, reminders: 2 }]], { maxReminders: 2 }),
    );
    expect(capped.map((r) => r.kind)).toEqual(['escalate']);
  });

  it('can start reminding at the request itself (`firstReminderAfter: 0`)', () =>
    expect(dueRungs(policy, ladder([['mou', fresh]], { firstReminderAfter: 0 }))).toEqual([
      { kind: 'remind', at: T0, who: 'mou', reminderNumber: 1 },
    ]));
});

// Properties over any policy, request and positions.
const policies = fc
  .record({
    firstReminderAfter: fc.constantFrom('PT0S', 'PT5S', 'PT7H', 'P1D', 'P2D'),
    repeatEvery: fc.constantFrom('PT5S', 'PT1H', 'PT13H', 'P1D', 'P3D'),
    escalateAfter: fc.integer({ min: 1, max: 5 }),
    headAfterMore: fc.integer({ min: 0, max: 4 }),
    quiet: fc.boolean(),
  })
  .map(({ headAfterMore, quiet, ...p }) =>
    resolvePolicy({
      ...p,
      escalateToHeadAfter: p.escalateAfter + headAfterMore,
      ...(quiet ? {} : noQuiet),
    }),
  );
const levels = fc.subarray<EscalationLevel>(['coordinator', 'head']);
const positions = fc.record(
  {
    reminders: fc.integer({ min: 0, max: 12 }),
    lastSentAt: fc.integer({ min: T0 - 10 * DAY, max: T0 + 60 * DAY }),
    escalated: levels,
  },
  { requiredKeys: ['reminders', 'escalated'] },
);
const ladders = fc.record(
  {
    since: fc.integer({ min: T0 - 30 * DAY, max: T0 + 30 * DAY }),
    firstReminderAfter: fc.integer({ min: 0, max: 10 * DAY }),
    deadline: fc.integer({ min: T0 - 30 * DAY, max: T0 + 90 * DAY }),
    remindUntil: fc.integer({ min: T0 - 30 * DAY, max: T0 + 90 * DAY }),
    escalateToHead: fc.boolean(),
    maxReminders: fc.integer({ min: 0, max: 8 }),
    awaiting: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), positions), {
      selector: ([who]) => who,
      maxLength: 4,
    }),
  },
  { requiredKeys: ['since', 'escalateToHead', 'awaiting'] },
);
const firstAt = (p: ReminderPolicy, l: ReminderLadder<string>) =>
  l.since + (l.firstReminderAfter ?? durationMs(p.firstReminderAfter));
const localMinutes = (at: number) => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Riga',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(at))
    .split(':')
    .map(Number);
  return h * 60 + m;
};
const deepFreeze = <T>(x: T): T => {
  if (x && typeof x === 'object') for (const v of Object.values(x)) deepFreeze(v);
  return Object.freeze(x);
};

describe('the reminder ladder, for any policy and positions', () => {
  it('is pure: the same answer twice, nothing mutated', () =>
    fc.assert(
      fc.property(policies, ladders, (p, l) => {
        const frozen = deepFreeze(structuredClone(l));
        expect(dueRungs(p, frozen)).toEqual(dueRungs(p, l));
        expect(frozen).toEqual(l);
      }),
    ));

  it('lists the expiry first (only with a deadline), then per party in order its escalation and its reminder', () =>
    fc.assert(
      fc.property(policies, ladders, (p, l) => {
        const rungs = dueRungs(p, l);
        const expected = l.deadline === undefined ? [] : [{ kind: 'expire', at: l.deadline }];
        expect(rungs.filter((r) => r.kind === 'expire')).toEqual(expected);
        if (l.deadline !== undefined) expect(rungs[0]).toEqual(expected[0]);
        const order = rungs.filter((r) => r.kind !== 'expire').map((r) => `${r.who}:${r.kind}`);
        const parties = l.awaiting.map(([who]) => who);
        expect(order).toEqual(
          parties.flatMap((who) =>
            ['escalate', 'remind'].map((k) => `${who}:${k}`).filter((x) => order.includes(x)),
          ),
        );
      }),
    ));

  it('reminds with the next number, never before its time nor sooner than M after the last, never at or after the end', () =>
    fc.assert(
      fc.property(policies, ladders, (p, l) => {
        const repeat = durationMs(p.repeatEvery);
        const end = l.deadline ?? l.remindUntil;
        for (const r of of(dueRungs(p, l), 'remind')) {
          const position = l.awaiting.find(([who]) => who === r.who)![1];
          const earliest = Math.max(
            firstAt(p, l) + position.reminders * repeat,
            (position.lastSentAt ?? 0) + repeat,
          );
          expect(r.reminderNumber).toBe(position.reminders + 1);
          expect(r.at).toBeGreaterThanOrEqual(earliest);
          if (!p.quietHoursStart) expect(r.at).toBe(earliest);
          if (end !== undefined) expect(r.at).toBeLessThan(end);
          if (l.maxReminders !== undefined) expect(position.reminders).toBeLessThan(l.maxReminders);
        }
      }),
    ));

  it('escalates at the request, the coordinator after K, then the head after K′ if asked', () =>
    fc.assert(
      fc.property(policies, ladders, (p, l) => {
        const rungs = of(dueRungs(p, l), 'escalate');
        for (const [who, { reminders, escalated }] of l.awaiting) {
          const coordinator = reminders >= p.escalateAfter && !escalated.includes('coordinator');
          const head =
            !coordinator &&
            l.escalateToHead &&
            reminders >= p.escalateToHeadAfter &&
            !escalated.includes('head');
          const level = coordinator ? 'coordinator' : head ? 'head' : undefined;
          expect(rungs.filter((r) => r.who === who)).toEqual(
            level ? [{ kind: 'escalate', at: l.since, who, level, afterReminders: reminders }] : [],
          );
        }
      }),
    ));

  it('climbed to the end, reminds in order and spaced, escalates once per level, keeps out of quiet hours and stops', () =>
    fc.assert(
      fc.property(
        policies,
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        (p, k, fraction, expires, maxReminders) => {
          const repeat = durationMs(p.repeatEvery);
          // The end falls after about k reminders, whatever the policy's scale.
          const end = T0 + durationMs(p.firstReminderAfter) + Math.round((k + fraction) * repeat);
          let position: LadderPosition = { reminders: 0, escalated: [] };
          const sent: number[] = [];
          const told: EscalationLevel[] = [];
          let expired = false;
          for (let turn = 0; turn < 10_000 && !expired; turn++) {
            const rungs = dueRungs(p, {
              since: T0,
              ...(expires ? { deadline: end } : { remindUntil: end }),
              escalateToHead: true,
              maxReminders,
              awaiting: [['x', position]],
            });
            // The earliest rung is next; among those due at once, the first listed.
            const next = rungs.reduce<Rung<string> | undefined>(
              (a, r) => (a === undefined || r.at < a.at ? r : a),
              undefined,
            );
            if (!next) break;
            if (next.kind === 'expire') expired = true;
            if (next.kind === 'escalate') {
              told.push(next.level);
              position = { ...position, escalated: [...position.escalated, next.level] };
            }
            if (next.kind === 'remind') {
              expect(next.reminderNumber).toBe(sent.length + 1);
              sent.push(next.at);
              position = { ...position, reminders: next.reminderNumber, lastSentAt: next.at };
            }
          }
          expect(expired).toBe(expires);
          for (let k = 1; k < sent.length; k++)
            expect(sent[k] - sent[k - 1]).toBeGreaterThanOrEqual(repeat);
          expect(sent.every((at) => at < end)).toBe(true);
          if (maxReminders !== undefined) expect(sent.length).toBeLessThanOrEqual(maxReminders);
          expect(new Set(told).size).toBe(told.length);
          if (told.includes('head')) expect(told[0]).toBe('coordinator');
          expect(told.includes('coordinator')).toBe(sent.length >= p.escalateAfter);
          if (p.quietHoursStart && repeat >= HOUR)
            for (const at of sent) {
              const local = localMinutes(at);
              expect(local >= 8 * 60 && local < 20 * 60).toBe(true);
            }
        },
      ),
    ));
});
