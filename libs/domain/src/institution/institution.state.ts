import type { ContactPerson, InstitutionEvent, InstitutionRegistered } from './institution.events';

/** An institution as folded from its events: registered or not, its details and contacts. */
export type InstitutionState =
  | { status: 'none' }
  | {
      status: 'registered';
      details: InstitutionRegistered['data'];
      contacts: Map<string, ContactPerson>;
    };

export const initialInstitutionState: InstitutionState = { status: 'none' };

export function evolveInstitution(
  state: InstitutionState,
  event: InstitutionEvent,
): InstitutionState {
  switch (event.type) {
    case 'InstitutionRegistered':
      return { status: 'registered', details: event.data, contacts: new Map() };
    case 'InstitutionDetailsChanged':
      if (state.status !== 'registered') return state;
      return { ...state, details: { ...state.details, ...event.data.changes } };
    case 'ContactPersonAdded': {
      if (state.status !== 'registered') return state;
      const contacts = new Map(state.contacts);
      contacts.set(event.data.contact.id, event.data.contact);
      return { ...state, contacts };
    }
    case 'ContactPersonRemoved': {
      if (state.status !== 'registered') return state;
      const contacts = new Map(state.contacts);
      contacts.delete(event.data.contactId);
      return { ...state, contacts };
    }
  }
}
