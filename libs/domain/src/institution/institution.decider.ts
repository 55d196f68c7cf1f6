import { sameContent } from '../shared/same-content';
import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { InstitutionCommand } from './institution.commands';
import type { InstitutionEvent } from './institution.events';
import { InstitutionRules } from './institution.errors';
import {
  evolveInstitution,
  initialInstitutionState,
  type InstitutionState,
} from './institution.state';

export const institutionDecider: Decider<InstitutionCommand, InstitutionEvent, InstitutionState> = {
  initialState: initialInstitutionState,
  evolve: evolveInstitution,

  decide(command, state) {
    switch (command.type) {
      case 'RegisterInstitution': {
        if (state.status === 'registered') {
          // Idempotent: registering the same institution again changes nothing; different
          // details are a conflict with what is recorded.
          ensure(
            state.details.legalName === command.data.legalName &&
              state.details.kind === command.data.kind,
            InstitutionRules.AlreadyRegistered,
            `institution ${command.data.institutionId} is already registered with other details`,
          );
          return [];
        }
        ensure(
          /^[A-Z]{2}$/.test(command.data.country),
          InstitutionRules.CountryIsIso,
          'country must be an ISO 3166-1 alpha-2 code',
        );
        return [
          { type: 'InstitutionRegistered', data: { ...command.data, registeredAt: command.at } },
        ];
      }
      case 'ChangeInstitutionDetails': {
        ensure(
          state.status === 'registered',
          InstitutionRules.MustExist,
          'the institution is not registered',
        );
        const changes = Object.fromEntries(
          Object.entries(command.data.changes).filter(
            ([key, value]) => !sameContent(state.details[key as keyof typeof state.details], value),
          ),
        );
        if (Object.keys(changes).length === 0) return [];
        return [
          {
            type: 'InstitutionDetailsChanged',
            data: { institutionId: command.data.institutionId, changes },
          },
        ];
      }
      case 'AddContactPerson': {
        ensure(
          state.status === 'registered',
          InstitutionRules.MustExist,
          'the institution is not registered',
        );
        const existing = state.contacts.get(command.data.contact.id);
        if (existing && sameContent(existing, command.data.contact)) return [];
        ensure(
          !existing,
          InstitutionRules.ContactIdTaken,
          `contact ${command.data.contact.id} exists with other details`,
        );
        return [{ type: 'ContactPersonAdded', data: command.data }];
      }
      case 'RemoveContactPerson': {
        ensure(
          state.status === 'registered',
          InstitutionRules.MustExist,
          'the institution is not registered',
        );
        if (!state.contacts.has(command.data.contactId)) return [];
        return [{ type: 'ContactPersonRemoved', data: command.data }];
      }
    }
  },
};
