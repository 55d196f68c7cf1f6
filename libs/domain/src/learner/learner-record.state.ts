import type { Localized } from '../qualification/qualification.events';
import type {
  CreditAccumulated,
  CreditTransferred,
  CreditWithdrawn,
  LearnerErased,
  LearnerRecordEvent,
  RecognitionKind,
} from './learner-record.events';

/** The learner's credit record as folded from its events, and pure reads of it. */

/** The latest credit recorded for a (mobility, unit) pair. */
export interface CreditEntry {
  credit: CreditAccumulated['data'];
  withdrawn?: CreditWithdrawn['data'];
  /** Qualifications this credit has been transferred to. */
  transferredTo: string[];
}

export interface LearnerRecordState {
  learnerId?: string;
  /** By `creditKey(mobilityId, unitId)`. */
  credits: Map<string, CreditEntry>;
  /** The programme each qualification on record is followed under. */
  programmes: Map<string, string>;
  transfers: Map<string, CreditTransferred['data']>;
  /** Set once the learner's personal data has been erased. */
  erased?: LearnerErased['data'];
}

export const creditKey = (mobilityId: string, unitId: string) =>
  JSON.stringify([mobilityId, unitId]);

export const initialLearnerRecordState: LearnerRecordState = {
  credits: new Map(),
  programmes: new Map(),
  transfers: new Map(),
};

const withProgramme = (programmes: Map<string, string>, qualificationId: string, name: string) =>
  programmes.has(qualificationId) ? programmes : new Map(programmes).set(qualificationId, name);

export function evolveLearnerRecord(
  state: LearnerRecordState,
  event: LearnerRecordEvent,
): LearnerRecordState {
  switch (event.type) {
    case 'CreditAccumulated': {
      const { learnerId, mobilityId, unitId, qualificationId, programme } = event.data;
      return {
        ...state,
        learnerId,
        credits: new Map(state.credits).set(creditKey(mobilityId, unitId), {
          credit: event.data,
          transferredTo: [],
        }),
        programmes: withProgramme(state.programmes, qualificationId, programme),
      };
    }
    case 'CreditWithdrawn': {
      const key = creditKey(event.data.mobilityId, event.data.unitId);
      const entry = state.credits.get(key);
      if (!entry) return state;
      return {
        ...state,
        credits: new Map(state.credits).set(key, { ...entry, withdrawn: event.data }),
      };
    }
    case 'CreditTransferred': {
      const { toQualificationId, toProgramme } = event.data;
      const credits = new Map(state.credits);
      for (const unit of event.data.units) {
        const key = creditKey(unit.fromMobilityId, unit.unitId);
        const entry = credits.get(key);
        if (entry)
          credits.set(key, {
            ...entry,
            transferredTo: [...entry.transferredTo, toQualificationId],
          });
      }
      return {
        ...state,
        credits,
        programmes: withProgramme(state.programmes, toQualificationId, toProgramme),
        transfers: new Map(state.transfers).set(event.data.transferId, event.data),
      };
    }
    case 'LearnerErased':
      // The first erasure counts (a second one is never recorded).
      return { ...state, learnerId: event.data.learnerId, erased: state.erased ?? event.data };
  }
}

/** The latest credit for a unit recognised in a mobility, withdrawn or not. */
export function findCredit(
  state: LearnerRecordState,
  mobilityId: string,
  unitId: string,
): CreditEntry | undefined {
  return state.credits.get(creditKey(mobilityId, unitId));
}

/** The credit (not withdrawn) for a unit of a qualification; at most one exists. */
export function activeCredit(
  state: LearnerRecordState,
  qualificationId: string,
  unitId: string,
): CreditEntry | undefined {
  return [...state.credits.values()].find(
    (entry) =>
      !entry.withdrawn &&
      entry.credit.qualificationId === qualificationId &&
      entry.credit.unitId === unitId,
  );
}

export type CreditOrigin =
  | { type: 'mobility'; mobilityId: string; qualificationVersion: number; recognisedAt: string }
  | { type: 'transfer'; transferId: string; fromQualificationId: string; fromMobilityId: string };

export interface CreditedUnit {
  /** The unit's id in the qualification it belongs to (the source one for a transfer). */
  unitId: string;
  unitTitle: Localized;
  moduleId: string;
  kind: RecognitionKind;
  ecvetPoints?: number;
  origin: CreditOrigin;
}

/** What counts towards one qualification (ECVET principle: accumulation). */
export interface QualificationCredit {
  qualificationId: string;
  programme: string;
  /** Own credits and credits transferred in; a unit appears at most once. */
  units: CreditedUnit[];
  /** Sum over the units; a unit without points adds 0. */
  ecvetPoints: number;
  /** Modules with a unit recognised as the whole module. */
  modulesCompleted: string[];
  /** Modules with only units recognised as part of the module. */
  modulesPartly: string[];
}

/**
 * Per qualification (own ones and targets of transfers), the credits that count towards it,
 * sorted by qualification id. A transferred credit keeps counting towards its source too:
 * transfer recognises it in another programme, it does not move it. Withdrawn credits are absent.
 */
export function creditSummary(state: LearnerRecordState): QualificationCredit[] {
  const byQualification = new Map<string, CreditedUnit[]>();
  const add = (qualificationId: string, unit: CreditedUnit) =>
    byQualification.set(qualificationId, [...(byQualification.get(qualificationId) ?? []), unit]);

  for (const { credit, withdrawn } of state.credits.values()) {
    if (withdrawn) continue;
    add(credit.qualificationId, {
      unitId: credit.unitId,
      unitTitle: credit.unitTitle,
      moduleId: credit.recognition.moduleId,
      kind: credit.recognition.kind,
      ...(credit.recognition.ecvetPoints === undefined
        ? {}
        : { ecvetPoints: credit.recognition.ecvetPoints }),
      origin: {
        type: 'mobility',
        mobilityId: credit.mobilityId,
        qualificationVersion: credit.qualificationVersion,
        recognisedAt: credit.recognisedAt,
      },
    });
  }
  for (const transfer of state.transfers.values()) {
    for (const unit of transfer.units) {
      add(transfer.toQualificationId, {
        unitId: unit.unitId,
        unitTitle: unit.unitTitle,
        moduleId: unit.toModuleId,
        kind: unit.kind,
        ...(unit.ecvetPoints === undefined ? {} : { ecvetPoints: unit.ecvetPoints }),
        origin: {
          type: 'transfer',
          transferId: transfer.transferId,
          fromQualificationId: unit.fromQualificationId,
          fromMobilityId: unit.fromMobilityId,
        },
      });
    }
  }

  return [...byQualification.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([qualificationId, units]) => {
      const completed = new Set(units.filter((u) => u.kind === 'module').map((u) => u.moduleId));
      const partly = new Set(units.map((u) => u.moduleId).filter((m) => !completed.has(m)));
      return {
        qualificationId,
        programme: state.programmes.get(qualificationId) ?? '',
        units: units.sort((a, b) => compare(sortKey(a), sortKey(b))),
        ecvetPoints: units.reduce((sum, u) => sum + (u.ecvetPoints ?? 0), 0),
        modulesCompleted: [...completed].sort(compare),
        modulesPartly: [...partly].sort(compare),
      };
    });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortKey = (unit: CreditedUnit) =>
  JSON.stringify([
    unit.origin.type === 'transfer' ? unit.origin.fromQualificationId : '',
    unit.unitId,
  ]);
