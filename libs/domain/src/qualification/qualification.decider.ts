import { sameContent } from '../shared/same-content';
import type { Decider } from '../shared/decider';
import type { QualificationSnapshot } from '../shared/snapshots';
import { ensure } from '../shared/domain-error';
import type {
  Localized,
  QualificationDefined,
  QualificationEvent,
  UnitOfLearningOutcomes,
} from './qualification.events';
import type { QualificationCommand } from './qualification.commands';
import { QualificationRules as R } from './qualification.errors';

export interface QualificationState {
  definition?: QualificationDefined['data'];
  modules: Map<string, Localized>;
  units: Map<string, UnitOfLearningOutcomes>;
  publishedVersion: number;
  /** Something changed since the last published version. */
  dirty: boolean;
}

const same = sameContent;

export const qualificationDecider: Decider<
  QualificationCommand,
  QualificationEvent,
  QualificationState
> = {
  initialState: { modules: new Map(), units: new Map(), publishedVersion: 0, dirty: false },

  evolve(state, event) {
    switch (event.type) {
      case 'QualificationDefined':
        return { ...state, definition: event.data, dirty: true };
      case 'ModuleAdded':
        return {
          ...state,
          modules: new Map(state.modules).set(event.data.moduleId, event.data.title),
          dirty: true,
        };
      case 'UnitDefined':
        return {
          ...state,
          units: new Map(state.units).set(event.data.unit.unitId, event.data.unit),
          dirty: true,
        };
      case 'QualificationVersionPublished':
        return { ...state, publishedVersion: event.data.version, dirty: false };
    }
  },

  decide(command, state) {
    if (command.type === 'DefineQualification') {
      if (state.definition) {
        ensure(
          same(state.definition, command.data),
          R.AlreadyDefined,
          'the qualification is already defined differently',
        );
        return [];
      }
      ensure(
        Number.isInteger(command.data.eqfLevel) &&
          command.data.eqfLevel >= 1 &&
          command.data.eqfLevel <= 8,
        R.EqfLevelRange,
        'the EQF level must be 1 to 8',
      );
      return [{ type: 'QualificationDefined', data: command.data }];
    }
    ensure(state.definition, R.MustExist, 'the qualification is not defined');
    switch (command.type) {
      case 'AddModule': {
        const existing = state.modules.get(command.data.moduleId);
        if (existing && same(existing, command.data.title)) return [];
        return [{ type: 'ModuleAdded', data: command.data }];
      }
      case 'DefineUnit': {
        const unit = command.data.unit;
        ensure(
          unit.knowledge.length + unit.skills.length + unit.competence.length > 0,
          R.UnitNeedsOutcomes,
          `unit ${unit.unitId} states no knowledge, skills or competence`,
        );
        ensure(
          unit.assessmentCriteria.length > 0,
          R.UnitNeedsAssessmentCriteria,
          `unit ${unit.unitId} has no assessment criteria`,
        );
        const unknown = unit.moduleIds.filter((id) => !state.modules.has(id));
        ensure(
          unknown.length === 0,
          R.UnitModulesMustExist,
          `unknown modules: ${unknown.join(', ')}`,
          { moduleIds: unknown },
        );
        ensure(
          unit.relativeWeight === undefined ||
            (unit.relativeWeight >= 0 && unit.relativeWeight <= 1),
          R.UnitWeightRange,
          'a relative weight is between 0 and 1',
        );
        ensure(
          unit.ecvetPoints === undefined || unit.ecvetPoints >= 0,
          R.EcvetPointsNonNegative,
          'ECVET points cannot be negative',
        );
        if (same(state.units.get(unit.unitId), unit)) return [];
        return [{ type: 'UnitDefined', data: command.data }];
      }
      case 'PublishQualificationVersion': {
        if (!state.dirty) return []; // nothing changed since the last version: publishing again is a no-op
        ensure(
          state.units.size > 0,
          R.NothingToPublish,
          'a version needs at least one unit of learning outcomes',
        );
        return [
          {
            type: 'QualificationVersionPublished',
            data: {
              qualificationId: command.data.qualificationId,
              version: state.publishedVersion + 1,
              unitIds: [...state.units.keys()],
              moduleIds: [...state.modules.keys()],
              publishedAt: command.at,
            },
          },
        ];
      }
    }
  },
};

/**
 * The qualification as published under `version`: folds the history up to that version's
 * publication and keeps only the units it froze. Undefined if that version was never published.
 */
export function qualificationAtVersion(
  events: QualificationEvent[],
  version: number,
): QualificationSnapshot | undefined {
  let state = qualificationDecider.initialState;
  for (const event of events) {
    state = qualificationDecider.evolve(state, event);
    if (event.type === 'QualificationVersionPublished' && event.data.version === version) {
      const definition = state.definition;
      if (!definition) return undefined;
      return {
        qualificationId: definition.qualificationId,
        version,
        title: definition.title,
        eqfLevel: definition.eqfLevel,
        nqfLevel: definition.nqfLevel,
        programme: definition.programme,
        units: event.data.unitIds.flatMap((unitId) => {
          const unit = state.units.get(unitId);
          if (!unit) return [];
          return [
            {
              unitId,
              title: unit.title,
              knowledge: unit.knowledge,
              skills: unit.skills,
              competence: unit.competence,
              assessmentCriteria: unit.assessmentCriteria,
              ...(unit.ecvetPoints !== undefined && { ecvetPoints: unit.ecvetPoints }),
              ...(unit.relativeWeight !== undefined && { relativeWeight: unit.relativeWeight }),
              moduleIds: unit.moduleIds,
            },
          ];
        }),
      };
    }
  }
  return undefined;
}
