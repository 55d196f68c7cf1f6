import type { InstitutionState } from '@ecvet/domain';

export function institutionView(state: InstitutionState, version: number) {
  if (state.status !== 'registered') return undefined;
  return { ...state.details, version, contacts: [...state.contacts.values()] };
}
