import type { QualificationSnapshot } from '../shared/snapshots';
import type {
  Localized,
  QualificationDefined,
  QualificationEvent,
  UnitOfLearningOutcomes,
} from './qualification.events';

/** A qualification as folded from its events: its definition, modules, units and last version. */
export interface QualificationState {
  definition?: QualificationDefined['data'];
  modules: Map<string, Localized>;
  units: Map<string, UnitOfLearningOutcomes>;
  publishedVersion: number;
  /** Something changed since the last published version. */
  dirty: boolean;
}

export const initialQualificationState: QualificationState = {
  modules: new Map(),
  units: new Map(),
  publishedVersion: 0,
  dirty: false,
};

export function evolveQualification(
  state: QualificationState,
  event: QualificationEvent,
): QualificationState {
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
}

/**
 * The qualification as published under `version`: folds the history up to that version's
 * publication and keeps only the units it froze. Undefined if that version was never published.
 */
export function qualificationAtVersion(
  events: QualificationEvent[],
  version: number,
): QualificationSnapshot | undefined {
  let state = initialQualificationState;
  for (const event of events) {
    state = evolveQualification(state, event);
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
