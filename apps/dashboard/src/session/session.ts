import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../api/http';

export type Role = 'operator' | 'administrator' | 'coordinator' | 'head' | 'mentor' | 'auditor';

/** `GET /auth/session`: who is signed in (apps/api/src/auth/auth.controller.ts). */
export interface Session {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  institutionId?: string;
  auditScope?: unknown;
  via: string;
  session?: {
    sessionId: string;
    csrfToken: string;
    signedInAt: string;
    idleExpiresAt: string;
    absoluteExpiresAt: string;
  };
}

export const sessionKey = ['session'] as const;

/** A 401 here sends the browser to the sign-in (http.ts), back to this page afterwards. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: ({ signal }) => request<Session>('GET', '/auth/session', { signal }),
  staleTime: 5 * 60_000,
  retry: false,
});

/** The signed-in account; suspends until known (the app renders inside <Suspense>). */
export function useSession(): Session | undefined {
  return useQuery(sessionQuery).data;
}

// Role helpers: the API decides (403/404); these only decide what the page offers.

/** Any write at all: everybody but an auditor. */
export const canAct = (session: Pick<Session, 'role'> | undefined): boolean =>
  session !== undefined && session.role !== 'auditor';

/** Plan, draft, amend, start, validate, recognise, cancel; partnerships and calls. */
export const canCoordinate = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'coordinator' || session?.role === 'operator';

/** Check-ins, incidents, feedback, assessments (the host's mentor; coordinators as host). */
export const canMentor = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'mentor' || canCoordinate(session);

/** Signs the MoU and the Learning Agreement for an institution. */
export const canSignForInstitution = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'head';

export const isAuditor = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'auditor';
