/** The rules of the Institution aggregate, as returned in 422 problem details. */
export const InstitutionRules = {
  MustExist: 'institution.must-exist',
  AlreadyRegistered: 'institution.already-registered',
  CountryIsIso: 'institution.country-is-iso-3166',
  ContactIdTaken: 'institution.contact-id-taken',
} as const;
