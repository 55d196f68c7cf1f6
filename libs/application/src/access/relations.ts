import type { Principal } from '@ecvet/identity';

/**
 * What an object is to the institutions and people around it — the facts authorisation decides
 * on. Derived from the object's own state (a mobility's sending school, host and mentors; a
 * partnership's parties), never from the request alone.
 */
export interface Relations {
  /** Every institution the object belongs to (a mobility's sending school and host; the parties). */
  institutions: string[];
  /** The institution that runs it (a mobility's or a call's sending school; a partnership's coordinator). */
  owner?: string;
  /** The host of a mobility or a call. */
  host?: string;
  /** An account: whose it is. */
  account?: string;
  /** The mentors assigned to a mobility, by e-mail (the plan names them). */
  mentors?: { sending?: string; host?: string };
}

const STAFF = ['administrator', 'coordinator', 'head'] as const;

export const isOperator = (p: Principal) => p.role === 'operator';

/** An auditor whose scope covers one of the object's institutions. */
export const auditsAny = (p: Principal, institutions: string[]) =>
  p.role === 'auditor' &&
  (p.auditScope === 'all' || institutions.some((i) => p.auditScope?.includes(i)));

/** A member of staff (administrator, coordinator, head) of one of the institutions. */
export const staffOf = (p: Principal, ...institutions: Array<string | undefined>) =>
  (STAFF as readonly string[]).includes(p.role) &&
  p.institutionId !== undefined &&
  institutions.includes(p.institutionId);

export const hasRoleAt = (
  p: Principal,
  roles: readonly Principal['role'][],
  institution: string | undefined,
) => roles.includes(p.role) && institution !== undefined && p.institutionId === institution;

/** The mentor the plan assigns on the principal's side (their institution and e-mail). */
export function assignedMentor(p: Principal, r: Relations, side?: 'sending' | 'host'): boolean {
  if (p.role !== 'mentor' || !r.mentors) return false;
  const email = p.email.toLowerCase();
  const sending = p.institutionId === r.owner && r.mentors.sending?.toLowerCase() === email;
  const host = p.institutionId === r.host && r.mentors.host?.toLowerCase() === email;
  return side === 'sending' ? sending : side === 'host' ? host : sending || host;
}

/** Who may see an object at all (anything else answers 404). */
export const sees = (p: Principal, r: Relations) =>
  isOperator(p) ||
  auditsAny(p, r.institutions) ||
  staffOf(p, ...r.institutions) ||
  assignedMentor(p, r) ||
  (p.role === 'mentor' && r.mentors === undefined && staffLike(p, r.institutions));

// Outside mobilities (partnerships, calls), a mentor of a party sees what their institution sees.
const staffLike = (p: Principal, institutions: string[]) =>
  p.institutionId !== undefined && institutions.includes(p.institutionId);
