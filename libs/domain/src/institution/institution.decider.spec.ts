import { DomainError } from '../shared/domain-error';
import { fold } from '../shared/decider';
import type { InstitutionCommand } from './institution.commands';
import { institutionDecider } from './institution.decider';
import type { InstitutionEvent } from './institution.events';
import { InstitutionRules } from './institution.errors';

/** given(events).when(command) → events | DomainError */
const given = (events: InstitutionEvent[]) => ({
  when: (command: InstitutionCommand) => {
    const run = () => institutionDecider.decide(command, fold(institutionDecider, events));
    return {
      then: (expected: InstitutionEvent[]) => expect(run()).toEqual(expected),
      thenRejects: (rule: string) => {
        expect(run).toThrow(DomainError);
        try {
          run();
        } catch (err) {
          expect((err as DomainError).rule).toBe(rule);
        }
      },
    };
  },
});

const school = {
  institutionId: 'inst-1',
  kind: 'sending-school' as const,
  legalName: 'Rīgas Valsts tehnikums',
  legalAddress: 'Krišjāņa Valdemāra iela 1C, Rīga',
  country: 'LV',
  identifiers: { erasmusOid: 'E10000001' },
  preferredLanguage: 'lv' as const,
};
const registered: InstitutionEvent = {
  type: 'InstitutionRegistered',
  data: { ...school, registeredAt: '2026-11-22T10:00:00.000Z' },
};
const contact = {
  id: 'c-1',
  name: 'Ilze Ozola',
  role: 'mobility coordinator',
  email: 'ilze@example.lv',
};

describe('Institution', () => {
  it('is registered once', () =>
    given([])
      .when({ type: 'RegisterInstitution', data: school, at: '2026-11-22T10:00:00.000Z' })
      .then([registered]));
  it('registering again with the same details records nothing', () =>
    given([registered])
      .when({ type: 'RegisterInstitution', data: school, at: '2026-11-23T10:00:00.000Z' })
      .then([]));
  it('registering again with other details is refused', () =>
    given([registered])
      .when({ type: 'RegisterInstitution', data: { ...school, legalName: 'Other' }, at: 'x' })
      .thenRejects(InstitutionRules.AlreadyRegistered));
  it('needs an ISO country code', () =>
    given([])
      .when({ type: 'RegisterInstitution', data: { ...school, country: 'Latvia' }, at: 'x' })
      .thenRejects(InstitutionRules.CountryIsIso));
  it('records only the details that change', () =>
    given([registered])
      .when({
        type: 'ChangeInstitutionDetails',
        data: {
          institutionId: 'inst-1',
          changes: { legalName: school.legalName, preferredLanguage: 'en' },
        },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([
        {
          type: 'InstitutionDetailsChanged',
          data: { institutionId: 'inst-1', changes: { preferredLanguage: 'en' } },
        },
      ]));
  it('cannot change an unregistered institution', () =>
    given([])
      .when({
        type: 'ChangeInstitutionDetails',
        data: { institutionId: 'inst-1', changes: {} },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(InstitutionRules.MustExist));
  it('adds a contact person once', () => {
    const added: InstitutionEvent = {
      type: 'ContactPersonAdded',
      data: { institutionId: 'inst-1', contact },
    };
    given([registered])
      .when({
        type: 'AddContactPerson',
        data: { institutionId: 'inst-1', contact },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([added]);
    given([registered, added])
      .when({
        type: 'AddContactPerson',
        data: { institutionId: 'inst-1', contact },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([]);
    given([registered, added])
      .when({
        type: 'AddContactPerson',
        data: { institutionId: 'inst-1', contact: { ...contact, name: 'Other' } },
        at: '2026-01-01T00:00:00.000Z',
      })
      .thenRejects(InstitutionRules.ContactIdTaken);
  });
  it('removing an absent contact records nothing', () =>
    given([registered])
      .when({
        type: 'RemoveContactPerson',
        data: { institutionId: 'inst-1', contactId: 'c-9' },
        at: '2026-01-01T00:00:00.000Z',
      })
      .then([]));
});
