import { sameContent } from '../shared/same-content';
import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { QualificationEvent } from './qualification.events';
import type { QualificationCommand } from './qualification.commands';
import { QualificationRules as R } from './qualification.errors';
import {
  evolveQualification,
  initialQualificationState,
  type QualificationState,
} from './qualification.state';

const same = sameContent;

export const qualificationDecider: Decider<
  QualificationCommand,
  QualificationEvent,
  QualificationState
> = {
  initialState: initialQualificationState,
  evolve: evolveQualification,

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
