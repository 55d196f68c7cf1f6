import type { AccountRole, Actor } from '@ecvet/domain';

/**
 * Who is asking, as authentication established it: the account, its role and institution, and
 * how they signed in. Authorisation decides on a principal; the events record its `actor` (no
 * e-mail: the log keeps personal data encrypted per subject, and the actor is not).
 */
export interface Principal {
  accountId: string;
  email: string;
  name: string;
  role: AccountRole;
  institutionId?: string;
  /** Auditors: the institutions whose records they may read, or all. */
  auditScope?: 'all' | string[];
  via: NonNullable<Actor['via']>;
  sessionId?: string;
  tokenId?: string;
  issuer?: string;
}

/** The actor recorded with every event the principal's commands append. */
export function actorOf(principal: Principal): Actor {
  return {
    id: `account:${principal.accountId}`,
    role: principal.role,
    ...(principal.institutionId !== undefined && { institutionId: principal.institutionId }),
    via: principal.via,
    ...(principal.sessionId !== undefined && { sessionId: principal.sessionId }),
    ...(principal.tokenId !== undefined && { tokenId: principal.tokenId }),
    ...(principal.issuer !== undefined && { issuer: principal.issuer }),
  };
}
