import type { Session } from '../../session/session';

// What the audit screens offer (the API decides: docs/access.md). Small and pure: the mobility and
// partnership pages import it for their "export audit bundle" link.

/** Who may take an audit bundle of some object: the operator, auditors (in scope), and the
 * administrators and coordinators of the object's institutions. */
export const mayExportAuditBundles = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'operator' ||
  session?.role === 'auditor' ||
  session?.role === 'administrator' ||
  session?.role === 'coordinator';

/** The whole log verified, a read model rebuilt and compared: operators only. */
export const mayRunOperations = (session: Pick<Session, 'role'> | undefined): boolean =>
  session?.role === 'operator';

/** A learner's name is never readable to an auditor (a name search would find nothing). */
export const mayReadLearnerNames = (session: Pick<Session, 'role'> | undefined): boolean =>
  session !== undefined && session.role !== 'auditor';
