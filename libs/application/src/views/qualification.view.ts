import type { QualificationState } from '@ecvet/domain';

export function qualificationView(state: QualificationState, version: number) {
  if (!state.definition) return undefined;
  return {
    ...state.definition,
    version,
    publishedVersion: state.publishedVersion,
    unpublishedChanges: state.dirty,
    modules: [...state.modules.entries()].map(([moduleId, title]) => ({ moduleId, title })),
    units: [...state.units.values()],
  };
}
