import type { Command, CommandOf, RequestOf } from '../shared/command';
import type { ContactPerson, InstitutionEvent, InstitutionRegistered } from './institution.events';

export type InstitutionDetailsChanges = Extract<
  InstitutionEvent,
  { type: 'InstitutionDetailsChanged' }
>['data']['changes'];

/** Sending schools, hosts, intermediaries, competent bodies and their contact persons. */
export type InstitutionCommand =
  | Command<'RegisterInstitution', Omit<InstitutionRegistered['data'], 'registeredAt'>>
  | Command<
      'ChangeInstitutionDetails',
      { institutionId: string; changes: InstitutionDetailsChanges }
    >
  | Command<'AddContactPerson', { institutionId: string; contact: ContactPerson }>
  | Command<'RemoveContactPerson', { institutionId: string; contactId: string }>;

export type InstitutionCommandOf<T extends InstitutionCommand['type']> = CommandOf<
  InstitutionCommand,
  T
>;
/** What a caller sends: the command's data without the institution's id (the address). */
export type InstitutionRequest<T extends InstitutionCommand['type']> = RequestOf<
  InstitutionCommandOf<T>,
  'institutionId'
>;
