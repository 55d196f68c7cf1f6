import canonicalize from 'canonicalize';
import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { LearnerRecordEvent, TransferredUnit } from './learner-record.events';
import type { LearnerRecordCommand, TransferUnitRequest } from './learner-record.commands';
import { LearnerRecordRules as R } from './learner-record.errors';
import {
  activeCredit,
  creditKey,
  evolveLearnerRecord,
  findCredit,
  initialLearnerRecordState,
  type LearnerRecordState,
} from './learner-record.state';

// Canonical JSON: content read back from the store (jsonb reorders keys) still compares equal.
const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);
const validPoints = (points: number | undefined) =>
  points === undefined || (Number.isFinite(points) && points >= 0);

const unitRef = ({ unitId, fromQualificationId }: TransferUnitRequest) => ({
  unitId,
  fromQualificationId,
});

function ensureProgramme(state: LearnerRecordState, qualificationId: string, programme: string) {
  const recorded = state.programmes.get(qualificationId);
  ensure(
    recorded === undefined || recorded === programme,
    R.OneProgrammePerQualification,
    `qualification ${qualificationId} is on record under programme ${recorded}`,
    { qualificationId, programme: recorded },
  );
}

/** The units as the event records them, or undefined when one is not credited. */
function resolveUnits(
  state: LearnerRecordState,
  units: TransferUnitRequest[],
): TransferredUnit[] | undefined {
  const resolved: TransferredUnit[] = [];
  for (const unit of units) {
    const source = activeCredit(state, unit.fromQualificationId, unit.unitId);
    if (!source) return undefined;
    const points = unit.ecvetPoints ?? source.credit.recognition.ecvetPoints;
    resolved.push({
      unitId: unit.unitId,
      fromQualificationId: unit.fromQualificationId,
      fromMobilityId: source.credit.mobilityId,
      unitTitle: source.credit.unitTitle,
      toModuleId: unit.toModuleId,
      kind: unit.kind ?? 'part-of-module',
      ...(points === undefined ? {} : { ecvetPoints: points }),
    });
  }
  return resolved;
}

export const learnerRecordDecider: Decider<
  LearnerRecordCommand,
  LearnerRecordEvent,
  LearnerRecordState
> = {
  initialState: initialLearnerRecordState,
  evolve: evolveLearnerRecord,

  decide(command, state) {
    switch (command.type) {
      case 'AccumulateCredit': {
        const c = command.data;
        ensure(
          state.learnerId === undefined || state.learnerId === c.learnerId,
          R.RecordOfAnotherLearner,
          `this record belongs to learner ${state.learnerId}`,
        );
        ensure(
          validPoints(c.recognition.ecvetPoints),
          R.EcvetPointsNonNegative,
          'ECVET points cannot be negative',
        );
        const existing = findCredit(state, c.mobilityId, c.unitId);
        if (existing) {
          const { accumulatedAt: _, ...recorded } = existing.credit;
          // A retried recognition, also one arriving after its credit was withdrawn: never revive.
          if (same(recorded, c)) return [];
          ensure(
            existing.withdrawn,
            R.CreditRecordedDifferently,
            `unit ${c.unitId} of mobility ${c.mobilityId} is credited with other content; withdraw it first`,
            { mobilityId: c.mobilityId, unitId: c.unitId },
          );
        }
        const earlier = activeCredit(state, c.qualificationId, c.unitId);
        ensure(
          !earlier,
          R.CreditAlreadyAccumulated,
          `unit ${c.unitId} already counts towards ${c.qualificationId} from mobility ${earlier?.credit.mobilityId}`,
          {
            qualificationId: c.qualificationId,
            unitId: c.unitId,
            mobilityId: earlier?.credit.mobilityId,
          },
        );
        ensureProgramme(state, c.qualificationId, c.programme);
        return [{ type: 'CreditAccumulated', data: { ...c, accumulatedAt: command.at } }];
      }
      case 'WithdrawCredit': {
        const { mobilityId, unitId, reason, by } = command.data;
        ensure(reason.trim() !== '', R.WithdrawalNeedsReason, 'a withdrawal states its reason');
        const entry = findCredit(state, mobilityId, unitId);
        ensure(entry, R.CreditMustExist, `no credit for unit ${unitId} of mobility ${mobilityId}`, {
          mobilityId,
          unitId,
        });
        if (entry.withdrawn) return [];
        // Withdrawing would silently void a transfer decision made on this credit.
        ensure(
          entry.transferredTo.length === 0,
          R.TransferredCreditStays,
          `unit ${unitId} has been transferred to ${entry.transferredTo.join(', ')}`,
          { mobilityId, unitId, transferredTo: entry.transferredTo },
        );
        const { learnerId, qualificationId } = entry.credit;
        return [
          {
            type: 'CreditWithdrawn',
            data: {
              learnerId,
              mobilityId,
              unitId,
              qualificationId,
              reason,
              withdrawnBy: by,
              withdrawnAt: command.at,
            },
          },
        ];
      }
      case 'TransferCredit': {
        const d = command.data;
        const content = <Units>(units: Units) => ({
          toQualificationId: d.toQualificationId,
          toProgramme: d.toProgramme,
          units,
          decidedBy: d.decidedBy,
          rationale: d.rationale,
        });
        const recorded = state.transfers.get(d.transferId);
        if (recorded) {
          const { learnerId: _l, transferId: _t, transferredAt: _a, ...decided } = recorded;
          ensure(
            same(decided, content(resolveUnits(state, d.units))),
            R.TransferIdTaken,
            `transfer ${d.transferId} was decided with other content`,
            { transferId: d.transferId },
          );
          return [];
        }
        ensure(d.units.length > 0, R.TransferNeedsUnits, 'a transfer names at least one unit');
        ensure(d.rationale.trim() !== '', R.TransferNeedsRationale, 'a transfer is justified');
        ensure(
          d.units.every((unit) => validPoints(unit.ecvetPoints)),
          R.EcvetPointsNonNegative,
          'ECVET points cannot be negative',
        );
        const sameSource = d.units.filter((u) => u.fromQualificationId === d.toQualificationId);
        ensure(
          sameSource.length === 0,
          R.TransferToAnotherQualification,
          `units already belong to ${d.toQualificationId}`,
          { unitIds: sameSource.map((u) => u.unitId) },
        );
        const missing = d.units.filter(
          (u) => !activeCredit(state, u.fromQualificationId, u.unitId),
        );
        ensure(missing.length === 0, R.TransferUnitMustBeCredited, 'units not credited', {
          units: missing.map(unitRef),
        });
        const seen = new Set(
          [...state.transfers.values()]
            .filter((t) => t.toQualificationId === d.toQualificationId)
            .flatMap((t) => t.units.map((u) => creditKey(u.fromQualificationId, u.unitId))),
        );
        const twice = d.units.filter((u) => {
          const key = creditKey(u.fromQualificationId, u.unitId);
          if (seen.has(key)) return true; // transferred before, or listed twice in this decision
          seen.add(key);
          return false;
        });
        ensure(
          twice.length === 0,
          R.UnitAlreadyTransferred,
          `units already transferred to ${d.toQualificationId}`,
          {
            units: twice.map(unitRef),
          },
        );
        ensureProgramme(state, d.toQualificationId, d.toProgramme);
        const units = resolveUnits(state, d.units)!; // every unit is credited (checked above)
        return [
          {
            type: 'CreditTransferred',
            data: {
              learnerId: state.learnerId!, // set by the credits just found
              transferId: d.transferId,
              ...content(units),
              transferredAt: command.at,
            },
          },
        ];
      }
      case 'EraseLearner': {
        const { learnerId, reason } = command.data;
        ensure(
          state.learnerId === undefined || state.learnerId === learnerId,
          R.RecordOfAnotherLearner,
          `this record belongs to learner ${state.learnerId}`,
        );
        // Erased once and for good: erasing again (with whatever reason) records nothing.
        if (state.erased) return [];
        ensure(reason.trim() !== '', R.ErasureNeedsReason, 'an erasure states its reason');
        return [{ type: 'LearnerErased', data: { learnerId, reason, erasedAt: command.at } }];
      }
    }
  },
};
