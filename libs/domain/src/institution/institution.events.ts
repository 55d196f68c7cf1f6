export type InstitutionKind =
  'sending-school' | 'host-company' | 'host-school' | 'intermediary' | 'competent-body';
export type Language = 'lv' | 'en';

export interface ContactPerson {
  id: string;
  name: string;
  role: string;
  email: string;
  phone?: string;
}

export interface InstitutionRegistered {
  type: 'InstitutionRegistered';
  data: {
    institutionId: string;
    kind: InstitutionKind;
    legalName: string;
    legalAddress: string;
    country: string;
    identifiers: { erasmusOid?: string; registrationNumber?: string };
    preferredLanguage: Language;
    registeredAt: string;
  };
}

export interface InstitutionDetailsChanged {
  type: 'InstitutionDetailsChanged';
  data: {
    institutionId: string;
    changes: Partial<
      Pick<
        InstitutionRegistered['data'],
        'legalName' | 'legalAddress' | 'identifiers' | 'preferredLanguage'
      >
    >;
  };
}

export interface ContactPersonAdded {
  type: 'ContactPersonAdded';
  data: { institutionId: string; contact: ContactPerson };
}

export interface ContactPersonRemoved {
  type: 'ContactPersonRemoved';
  data: { institutionId: string; contactId: string };
}

export type InstitutionEvent =
  InstitutionRegistered | InstitutionDetailsChanged | ContactPersonAdded | ContactPersonRemoved;
