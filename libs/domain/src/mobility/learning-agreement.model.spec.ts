import fc from 'fast-check';
import {
  AT,
  draft,
  end,
  finalAssessment,
  fullySigned,
  partnership,
  plan,
  qualification,
  recognise,
  run,
  sign,
  start,
  transcript,
  validate,
} from '../../test/mobility-fixtures';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { MobilityCommand } from './mobility.commands';
import { mobilityDecider } from './mobility.decider';
import { MobilityRules as R } from './mobility.errors';
import type { LifeSkill, MobilityEvent, SignatoryRole } from './mobility.events';
import { mobilityPhase, pendingSignatories } from './mobility.state';

const ROLES: SignatoryRole[] = ['sending-school', 'host', 'learner'];
const SKILLS: LifeSkill[][] = [
  ['foreign-languages', 'cultural-awareness'],
  ['foreign-languages'],
  ['entrepreneurship-and-initiative'],
];

type Step =
  | { kind: 'sign'; role: SignatoryRole; stale: boolean; wrongHash: boolean }
  | { kind: 'decline'; role: SignatoryRole }
  | { kind: 'amend'; skills: number }
  | { kind: 'start' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('sign' as const),
      role: fc.constantFrom(...ROLES),
      stale: fc.boolean(),
      wrongHash: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('decline' as const),
      role: fc.constantFrom(...ROLES),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('amend' as const), skills: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'start' as const }) },
);

/** Runs a command; a DomainError becomes its rule. */
function attempt(events: MobilityEvent[], command: MobilityCommand): MobilityEvent[] | string {
  try {
    return mobilityDecider.decide(command, fold(mobilityDecider, events));
  } catch (err) {
    if (err instanceof DomainError) return err.rule;
    throw err;
  }
}

describe('Learning Agreement, model-based', () => {
  it('versions, signatures and amendments behave like the model', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let events = run([plan, draft]);
        // The model: what the agreement should be after each accepted step.
        const model = {
          version: 1,
          hashes: [hashAt(events)],
          skills: 0,
          signed: new Set<SignatoryRole>(),
          declined: false,
          declinedBy: undefined as SignatoryRole | undefined,
          started: false,
        };
        for (const s of steps) {
          const current = model.hashes[model.version - 1];
          let command: MobilityCommand;
          let expected: string; // 'events', 'none' or the rule it must break
          switch (s.kind) {
            case 'sign': {
              const version = s.stale && model.version > 1 ? model.version - 1 : model.version;
              const hash = s.wrongHash ? 'sha256:forged' : model.hashes[version - 1];
              command = sign(s.role, version, hash);
              if (version !== model.version) expected = R.StaleVersion;
              else if (hash !== current) expected = R.HashMismatch;
              else if (model.signed.has(s.role)) expected = 'none';
              else if (model.declined) expected = R.VersionDeclined;
              else expected = 'events';
              break;
            }
            case 'decline':
              command = {
                type: 'DeclineLearningAgreement',
                data: {
                  mobilityId: 'm-1',
                  version: model.version,
                  role: s.role,
                  signer: { id: 'x', name: 'X', email: 'x@example.org' },
                  reason: 'no',
                },
                at: AT,
              };
              expected = model.signed.has(s.role)
                ? R.AlreadySigned
                : model.declinedBy === s.role
                  ? 'none'
                  : 'events';
              break;
            case 'amend':
              command = {
                type: 'AmendLearningAgreement',
                data: {
                  mobilityId: 'm-1',
                  changes: { lifeSkills: SKILLS[s.skills] },
                  reason: 'change',
                  partnership,
                  qualification,
                },
                at: AT,
              };
              expected = s.skills === model.skills ? 'none' : 'events';
              break;
            case 'start':
              command = start;
              expected = model.started
                ? 'none'
                : model.signed.size === 3
                  ? 'events'
                  : R.NotFullySigned;
              break;
          }
          const outcome = attempt(events, command);
          if (expected === 'events')
            expect(Array.isArray(outcome) && outcome.length > 0).toBe(true);
          else if (expected === 'none') expect(outcome).toEqual([]);
          else expect(outcome).toBe(expected);
          if (typeof outcome === 'string') continue;
          events = [...events, ...outcome];
          // Apply the accepted step to the model.
          if (s.kind === 'sign' && outcome.length > 0) {
            model.signed.add(s.role);
            expect(outcome.some((e) => e.type === 'LearningAgreementFullySigned')).toBe(
              model.signed.size === 3,
            );
          }
          if (s.kind === 'decline' && outcome.length > 0) {
            model.declined = true;
            model.declinedBy = s.role;
          }
          if (s.kind === 'amend' && outcome.length > 0) {
            const drafted = outcome[0];
            if (drafted.type !== 'LearningAgreementVersionDrafted') throw new Error('no version');
            expect(drafted.data.voidedSignatures.sort()).toEqual([...model.signed].sort());
            model.version += 1;
            model.hashes.push(drafted.data.contentHash);
            model.skills = s.skills;
            model.signed = new Set();
            model.declined = false;
            model.declinedBy = undefined;
          }
          if (s.kind === 'start' && outcome.length > 0) model.started = true;

          const state = fold(mobilityDecider, events);
          expect(state.agreement?.version).toBe(model.version);
          expect(new Set(model.hashes).size).toBe(model.hashes.length);
          expect(pendingSignatories(state).sort()).toEqual(
            model.declined ? [] : ROLES.filter((r) => !model.signed.has(r)).sort(),
          );
        }
        // Every signature in the log is on the hash of the version it names.
        for (const e of events) {
          if (e.type === 'LearningAgreementSigned')
            expect(e.data.contentHash).toBe(model.hashes[e.data.version - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const hashAt = (events: MobilityEvent[]) => {
  const d = events.find((e) => e.type === 'LearningAgreementVersionDrafted');
  if (d?.type !== 'LearningAgreementVersionDrafted') throw new Error('no draft');
  return d.data.contentHash;
};

type Result = 'achieved' | 'partly-achieved' | 'not-achieved';
const UNITS = ['vegan', 'legumes'] as const;

describe('Recognition, model-based', () => {
  it('a unit is recognised only when validated and not failed, at most once, within its points and modules', () => {
    const unit = fc.constantFrom(...UNITS);
    const decision = fc.record({
      unitId: unit,
      decision: fc.constantFrom('module' as const, 'part-of-module' as const, 'refused' as const),
      moduleId: fc.constantFrom('m-hot-dishes', 'm-special-diets', 'm-bakery'),
      points: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(
        fc.tuple(
          fc.constantFrom<Result>('achieved', 'partly-achieved', 'not-achieved'),
          fc.constantFrom<Result>('achieved', 'partly-achieved', 'not-achieved'),
        ),
        fc.tuple(fc.boolean(), fc.boolean()),
        fc.array(decision, { maxLength: 8 }),
        (results, validations, decisions) => {
          let events = run(
            [
              start,
              finalAssessment('vegan', results[0]),
              finalAssessment('legumes', results[1]),
              end,
              transcript,
              validate('vegan', validations[0] ? 'validated' : 'not-validated'),
              validate('legumes', validations[1] ? 'validated' : 'not-validated'),
            ],
            fullySigned(),
          );
          const decided = new Map<string, string>();
          for (const d of decisions) {
            const i = UNITS.indexOf(d.unitId);
            const unitDef = qualification.units.find((u) => u.unitId === d.unitId)!;
            const command = recognise(d.unitId, {
              decision: d.decision,
              moduleId: d.moduleId,
              ecvetPoints: d.points,
              rationale: d.decision === 'refused' ? 'not enough evidence' : undefined,
            });
            const key = JSON.stringify(d.decision === 'refused' ? ['refused'] : d);
            const outcome = attempt(events, command);
            let expected: string;
            if (decided.has(d.unitId))
              expected = decided.get(d.unitId) === key ? 'none' : R.AlreadyRecognised;
            else if (d.decision === 'refused') expected = 'events';
            else if (!validations[i]) expected = R.NotValidated;
            else if (results[i] === 'not-achieved') expected = R.CannotRecogniseUnachieved;
            else if (!unitDef.moduleIds.includes(d.moduleId)) expected = R.ModuleNotEligible;
            else if (d.points > (unitDef.ecvetPoints ?? Infinity)) expected = R.PointsExceedUnit;
            else expected = 'events';
            if (expected === 'events')
              expect(Array.isArray(outcome) && outcome.length === 1).toBe(true);
            else if (expected === 'none') expect(outcome).toEqual([]);
            else expect(outcome).toBe(expected);
            if (Array.isArray(outcome) && outcome.length > 0) {
              decided.set(d.unitId, key);
              events = [...events, ...outcome];
            }
          }
          const state = fold(mobilityDecider, events);
          expect(state.recognitions.size).toBe(decided.size);
          expect(mobilityPhase(state)).toBe(
            decided.size === 2 ? 'recognised' : 'awaiting-recognition',
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
