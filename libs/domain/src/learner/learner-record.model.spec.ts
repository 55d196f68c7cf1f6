import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { LearnerRecordCommand } from './learner-record.commands';
import { learnerRecordDecider } from './learner-record.decider';
import { LearnerRecordRules as R } from './learner-record.errors';
import type { LearnerRecordEvent } from './learner-record.events';
import { creditSummary, type LearnerRecordState } from './learner-record.state';

/**
 * Model-based: random command sequences over 2 qualifications × 4 units × 3 mobilities run through
 * the decider, against a small Map-based model written independently of it.
 */

const QUALIFICATIONS = ['q-cook', 'q-baker'];
const other = (q: string) => (q === 'q-cook' ? 'q-baker' : 'q-cook');
const programme = (q: string) => `programme of ${q}`;
const at = '2027-06-20T09:00:00.000Z';
const unitIds = fc.constantFrom('u1', 'u2', 'u3', 'u4');
const points = fc.oneof(
  { weight: 1, arbitrary: fc.constant(-1) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 3, arbitrary: fc.constant(undefined) },
);
/** Mostly valid values, sometimes the invalid one. */
const mostly = <T>(valid: T, invalid: T) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constant(invalid) },
  );
const kinds = fc.constantFrom('module' as const, 'part-of-module' as const);

const accumulateArb = fc
  .record({
    mobilityId: fc.constantFrom('m1', 'm2', 'm3'),
    qualificationId: fc.constantFrom(...QUALIFICATIONS),
    qualificationVersion: fc.constantFrom(1, 2),
    unitId: unitIds,
    kind: kinds,
    moduleId: fc.constantFrom('mod-1', 'mod-2'),
    ecvetPoints: points,
    recognisedAt: fc.constantFrom('2027-06-01', '2027-07-01'),
  })
  .map(({ kind, moduleId, ecvetPoints, ...c }): LearnerRecordCommand => ({
    type: 'AccumulateCredit',
    data: {
      ...c,
      learnerId: 'lrn-1',
      programme: programme(c.qualificationId),
      unitTitle: { lv: `${c.unitId} lv`, en: `${c.unitId} en` },
      recognition: { kind, moduleId, ecvetPoints },
      recognisedBy: 'user:teacher',
    },
    at,
  }));

const withdraw = (mobilityId: string, unitId: string, reason: string): LearnerRecordCommand => ({
  type: 'WithdrawCredit',
  data: { mobilityId, unitId, reason, by: 'user:head' },
  at,
});
const withdrawArb = fc
  .record({
    mobilityId: fc.constantFrom('m1', 'm2', 'm3'),
    unitId: unitIds,
    reason: mostly('revoked on appeal', ''),
  })
  .map(({ mobilityId, unitId, reason }) => withdraw(mobilityId, unitId, reason));

type TransferUnits = Extract<LearnerRecordCommand, { type: 'TransferCredit' }>['data']['units'];
const transfer = (
  transferId: string,
  toQualificationId: string,
  units: TransferUnits,
  rationale: string,
): LearnerRecordCommand => ({
  type: 'TransferCredit',
  data: {
    transferId,
    toQualificationId,
    toProgramme: programme(toQualificationId),
    units,
    decidedBy: 'user:head',
    rationale,
  },
  at,
});
const transferUnitArb = fc.record({
  unitId: unitIds,
  fromOther: mostly(true, false),
  toModuleId: fc.constantFrom('t-mod-1', 't-mod-2'),
  ecvetPoints: points,
  kind: fc.option(kinds, { nil: undefined }),
});
const transferArb = fc
  .record({
    transferId: fc.constantFrom('t1', 't2', 't3'),
    toQualificationId: fc.constantFrom(...QUALIFICATIONS),
    units: fc.oneof(
      { weight: 1, arbitrary: fc.array(transferUnitArb, { maxLength: 0 }) },
      { weight: 8, arbitrary: fc.array(transferUnitArb, { minLength: 1, maxLength: 2 }) },
    ),
    rationale: mostly('equivalent outcomes', ''),
  })
  .map(({ transferId, toQualificationId: to, units, rationale }) =>
    transfer(
      transferId,
      to,
      units.map(({ fromOther, ...u }) => ({
        ...u,
        fromQualificationId: fromOther ? other(to) : to,
      })),
      rationale,
    ),
  );

const eraseArb = mostly('asked for erasure (ref. 7)', '').map((reason): LearnerRecordCommand => ({
  type: 'EraseLearner',
  data: { learnerId: 'lrn-1', reason },
  at,
}));

type Outcome = 'accept' | 'noop' | 'reject';
interface ModelCredit {
  mobilityId: string;
  q: string;
  unitId: string;
  content: string;
  points?: number;
  withdrawn: boolean;
  transferred: boolean;
}

/** The model: what counts, and an independent prediction of every decision. */
class Model {
  readonly credits = new Map<string, ModelCredit>(); // `${mobilityId}/${unitId}`
  readonly transfers = new Map<string, string>(); // transferId → resolved decision
  readonly transferredIn = new Map<string, Map<string, number>>(); // q → `${fromQ}/${u}` → points
  erased = false;

  private active(q: string, unitId: string) {
    return [...this.credits.values()].find((c) => !c.withdrawn && c.q === q && c.unitId === unitId);
  }

  /** Predicts the outcome and, when accepted, applies the command. */
  step(command: LearnerRecordCommand): Outcome {
    switch (command.type) {
      case 'AccumulateCredit': {
        const c = command.data;
        const p = c.recognition.ecvetPoints;
        if (p !== undefined && p < 0) return 'reject';
        const key = `${c.mobilityId}/${c.unitId}`;
        const content = JSON.stringify(c); // retries are the very same command
        const existing = this.credits.get(key);
        if (existing?.content === content) return 'noop';
        if (existing && !existing.withdrawn) return 'reject';
        if (this.active(c.qualificationId, c.unitId)) return 'reject';
        this.credits.set(key, {
          mobilityId: c.mobilityId,
          q: c.qualificationId,
          unitId: c.unitId,
          content,
          points: p,
          withdrawn: false,
          transferred: false,
        });
        return 'accept';
      }
      case 'WithdrawCredit': {
        const credit = this.credits.get(`${command.data.mobilityId}/${command.data.unitId}`);
        if (command.data.reason === '' || !credit) return 'reject';
        if (credit.withdrawn) return 'noop';
        if (credit.transferred) return 'reject';
        credit.withdrawn = true;
        return 'accept';
      }
      case 'TransferCredit': {
        const d = command.data;
        const sources = d.units.map((u) => this.active(u.fromQualificationId, u.unitId));
        const resolved = d.units.map((u, i) => ({
          key: `${u.fromQualificationId}/${u.unitId}`,
          mobilityId: sources[i]?.mobilityId,
          toModuleId: u.toModuleId,
          kind: u.kind ?? 'part-of-module',
          points: u.ecvetPoints ?? sources[i]?.points,
        }));
        const decision = JSON.stringify([d.toQualificationId, d.rationale, resolved]);
        const recorded = this.transfers.get(d.transferId);
        if (recorded !== undefined) return recorded === decision ? 'noop' : 'reject';
        const keys = resolved.map(({ key }) => key);
        const before = this.transferredIn.get(d.toQualificationId) ?? new Map<string, number>();
        if (
          d.units.length === 0 ||
          d.rationale === '' ||
          d.units.some((u) => (u.ecvetPoints ?? 0) < 0) ||
          d.units.some((u) => u.fromQualificationId === d.toQualificationId) ||
          sources.some((s) => !s) ||
          new Set(keys).size !== keys.length ||
          keys.some((k) => before.has(k))
        )
          return 'reject';
        this.transfers.set(d.transferId, decision);
        const into = new Map(before);
        for (const { key, points } of resolved) into.set(key, points ?? 0);
        this.transferredIn.set(d.toQualificationId, into);
        sources.forEach((s) => (s!.transferred = true));
        return 'accept';
      }
      case 'EraseLearner': {
        // Erasure leaves the credits as they are; once erased, erasing again is a no-op.
        if (this.erased) return 'noop';
        if (command.data.reason === '') return 'reject';
        this.erased = true;
        return 'accept';
      }
    }
  }

  /** Per qualification: the units that count (`${origin q}/${unit}`) and the points total. */
  expected() {
    const result = new Map<string, { keys: string[]; points: number }>();
    const add = (q: string, key: string, p: number | undefined) => {
      const entry = result.get(q) ?? { keys: [], points: 0 };
      result.set(q, { keys: [...entry.keys, key], points: entry.points + (p ?? 0) });
    };
    for (const c of this.credits.values())
      if (!c.withdrawn) add(c.q, `${c.q}/${c.unitId}`, c.points);
    for (const [q, units] of this.transferredIn) for (const [key, p] of units) add(q, key, p);
    return result;
  }
}

const decideOutcome = (command: LearnerRecordCommand, state: LearnerRecordState) => {
  try {
    const events = learnerRecordDecider.decide(command, state);
    return { outcome: (events.length === 0 ? 'noop' : 'accept') as Outcome, events, rule: '' };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { outcome: 'reject' as Outcome, events: [], rule: err.rule };
  }
};

/** A command that follows an earlier one: the same again (a retry), or one acting on its credit. */
const followUp = (
  earlier: LearnerRecordCommand,
  how: 'again' | 'withdraw' | 'transfer',
  n: number,
) => {
  if (earlier.type !== 'AccumulateCredit' || how === 'again') return earlier;
  const { mobilityId, unitId, qualificationId } = earlier.data;
  if (how === 'withdraw') return withdraw(mobilityId, unitId, 'revoked on appeal');
  const units = [{ unitId, fromQualificationId: qualificationId, toModuleId: 't-mod-1' }];
  return transfer(`t${(n % 3) + 1}`, other(qualificationId), units, 'equivalent outcomes');
};

const stepsArb = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: accumulateArb },
    { weight: 1, arbitrary: withdrawArb },
    { weight: 1, arbitrary: transferArb },
    { weight: 1, arbitrary: eraseArb },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.nat(), fc.constantFrom('again' as const, 'withdraw', 'transfer')),
    },
  ),
  { minLength: 10, maxLength: 40 },
);

/** Cheap comparison first: jest's matchers are slow enough to dominate thousands of steps. */
const check = (actual: unknown, expected: unknown) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
};

describe('Learner credit record (model-based)', () => {
  it('agrees with the model on every decision and keeps its invariants', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const commands: LearnerRecordCommand[] = [];
        for (const step of steps)
          if (!Array.isArray(step)) commands.push(step);
          else if (commands.length > 0)
            commands.push(followUp(commands[step[0] % commands.length], step[1], step[0]));

        const model = new Model();
        const log: LearnerRecordEvent[] = [];
        let state = learnerRecordDecider.initialState;
        for (const command of commands) {
          const { outcome, events, rule } = decideOutcome(command, state);
          check({ command, outcome }, { command, outcome: model.step(command) });
          seen.add(`${command.type} ${outcome}`).add(rule);
          check(events.length <= 1, true);
          for (const event of events) state = learnerRecordDecider.evolve(state, event);
          log.push(...events);
          // Deciders are idempotent: the same command again records nothing.
          if (outcome !== 'reject') check(learnerRecordDecider.decide(command, state), []);

          const summary = creditSummary(state);
          const expected = model.expected();
          check(
            summary.map((s) => s.qualificationId),
            [...expected.keys()].sort(),
          );
          for (const s of summary) {
            const keys = s.units.map(
              (u) =>
                `${u.origin.type === 'transfer' ? u.origin.fromQualificationId : s.qualificationId}/${u.unitId}`,
            );
            // A unit counts at most once towards a qualification.
            check(new Set(keys).size, keys.length);
            check([...keys].sort(), [...expected.get(s.qualificationId)!.keys].sort());
            check(s.ecvetPoints, expected.get(s.qualificationId)!.points);
            // Withdrawn credits are absent.
            const withdrawn = s.units.filter(
              (u) =>
                u.origin.type === 'mobility' &&
                model.credits.get(`${u.origin.mobilityId}/${u.unitId}`)!.withdrawn,
            );
            check(withdrawn, []);
          }
          // The state built step by step and the state replayed from the log agree.
          check(creditSummary(fold(learnerRecordDecider, log)), summary);
        }
      }),
      { numRuns: 200 },
    );
    // The generators reach every outcome of every command and every rule the universe allows
    // (one learner, one programme per qualification): the property is not vacuous.
    const reachable = Object.values(R).filter(
      (rule) => rule !== R.RecordOfAnotherLearner && rule !== R.OneProgrammePerQualification,
    );
    const types = ['AccumulateCredit', 'TransferCredit', 'WithdrawCredit', 'EraseLearner'];
    const outcomes = types.flatMap((type) =>
      ['accept', 'noop', 'reject'].map((outcome) => `${type} ${outcome}`),
    );
    expect([...seen].filter(Boolean).sort()).toEqual([...outcomes, ...reachable].sort());
  });
});
