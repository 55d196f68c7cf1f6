import type { Principal } from '@ecvet/identity';
import {
  assignedMentor,
  auditsAny,
  hasRoleAt,
  isOperator,
  type Relations,
} from '../access/relations';

/**
 * How much of the personal data around an object a principal sees (docs/access.md):
 * - `full`: the operator, the sending school's staff, the sending-side mentor — everything;
 * - `host`: the host's staff and mentor — the learner's name and contacts (e-mail, phone, the
 *   guardian of a minor), the insurance; not the date of birth;
 * - `auditor`: who signed and who was recorded as acting (signers' names), never contacts, dates
 *   of birth or insurance;
 * - `none`: names of institutions and ids only.
 */
export type PersonalAccess = 'full' | 'host' | 'auditor' | 'none';

export function personalAccess(principal: Principal | undefined, r: Relations): PersonalAccess {
  if (!principal || isOperator(principal)) return 'full';
  if (
    hasRoleAt(principal, ['administrator', 'coordinator', 'head'], r.owner) ||
    assignedMentor(principal, r, 'sending')
  )
    return 'full';
  if (
    hasRoleAt(principal, ['administrator', 'coordinator', 'head'], r.host) ||
    assignedMentor(principal, r, 'host')
  )
    return 'host';
  if (
    principal.role === 'auditor' &&
    (principal.auditScope === 'all' || auditsAny(principal, r.institutions))
  )
    return 'auditor';
  return 'none';
}

/** Field paths (dot-separated) each level may read, of those an event marks personal. */
const READABLE: Record<PersonalAccess, (path: string) => boolean> = {
  full: () => true,
  host: (path) => !/(^|\.)dateOfBirth$/.test(path),
  auditor: (path) => /^signer\.(name|email)$/.test(path),
  none: () => false,
};

export const REDACTED = { $redacted: true } as const;

/** A copy of `data` with the personal `fields` this level may not read replaced. */
export function redactFields<T extends object>(
  data: T,
  fields: string[],
  access: PersonalAccess,
): T {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const path of fields) {
    if (READABLE[access](path)) continue;
    const keys = path.split('.');
    let at: Record<string, unknown> | undefined = copy;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = at?.[key];
      at =
        typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    const last = keys[keys.length - 1];
    if (at && last in at) at[last] = REDACTED;
  }
  return copy as T;
}

/** The personal fields of a mobility's view: the learner's, the insurance, the signers'. */
export function redactMobilityView<V extends object>(view: V, access: PersonalAccess): V {
  if (access === 'full') return view;
  const fields = [
    'learner.name',
    'learner.dateOfBirth',
    'learner.email',
    'learner.phone',
    'learner.guardian',
    'insurance',
  ];
  const redacted = redactFields(view, fields, access) as Record<string, unknown>;
  const agreement = redacted.agreement as
    { signatures?: Array<Record<string, unknown>> } | undefined;
  if (agreement?.signatures)
    agreement.signatures = agreement.signatures.map((s) =>
      redactFields(s, ['signer.name', 'signer.email'], access),
    );
  return redacted as V;
}
