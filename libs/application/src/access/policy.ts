import type { Principal } from '@ecvet/identity';
import {
  assignedMentor,
  auditsAny,
  hasRoleAt,
  isOperator,
  sees,
  staffOf,
  type Relations,
} from './relations';

/** One use case's rule: may this principal do it to an object with these relations? */
export type Rule = (p: Principal, r: Relations, request: Record<string, unknown>) => boolean;

const operatorOr =
  (rule: Rule): Rule =>
  (p, r, q) =>
    isOperator(p) || rule(p, r, q);

const coordinatorOfOwner: Rule = (p, r) => hasRoleAt(p, ['coordinator'], r.owner);
const staffOfOwner: Rule = (p, r) => hasRoleAt(p, ['coordinator', 'administrator'], r.owner);
const hostSide: Rule = (p, r) =>
  hasRoleAt(p, ['coordinator', 'head'], r.host) || assignedMentor(p, r, 'host');
const eitherSide: Rule = (p, r) => staffOf(p, r.owner, r.host) || assignedMentor(p, r);
const anyAccount: Rule = () => true;

/**
 * An institution's administrator manages its accounts (not operators' or auditors', which are
 * the platform's): the account's institution now, and the one a change gives it.
 */
const managesAccountsOf: Rule = (p, r, q) =>
  hasRoleAt(p, ['administrator'], r.owner) &&
  (q.role === undefined || (q.role !== 'operator' && q.role !== 'auditor')) &&
  (q.institutionId === undefined || q.institutionId === p.institutionId);

/**
 * Who signs which role of a Learning Agreement: the head of the sending school and of the host
 * with their own account; a learner's or guardian's handwritten signature is recorded by the
 * sending school's coordinator (their own signature goes through a signing link).
 */
const signsAgreement: Rule = (p, r, q) => {
  switch (q.role) {
    case 'sending-school':
      return hasRoleAt(p, ['head'], r.owner) && q.authMethod !== 'handwritten';
    case 'host':
      return hasRoleAt(p, ['head'], r.host) && q.authMethod !== 'handwritten';
    case 'learner':
    case 'guardian':
      return hasRoleAt(p, ['coordinator'], r.owner) && q.authMethod === 'handwritten';
    default:
      return false;
  }
};

/** A party's head signs (or declines) the MoU for that party. */
const signsMou: Rule = (p, r, q) =>
  typeof q.institutionId === 'string' &&
  r.institutions.includes(q.institutionId) &&
  hasRoleAt(p, ['head'], q.institutionId);

/**
 * The one table of who may do what, per aggregate and use case (the authorisation matrix test
 * is generated from it; docs/access.md explains it). `read` decides visibility: an object a
 * principal may not read answers 404, one they may read but not change answers 403. Auditors
 * read within their scope and never write; operators run the platform and sign nothing.
 */
export const POLICY = {
  Mobility: {
    read: sees,
    plan: operatorOr(coordinatorOfOwner),
    draftAgreement: operatorOr(coordinatorOfOwner),
    amendAgreement: operatorOr(coordinatorOfOwner),
    signAgreement: signsAgreement,
    declineAgreement: signsAgreement,
    start: operatorOr(coordinatorOfOwner),
    recordCheckIn: operatorOr(eitherSide),
    reportIncident: operatorOr(eitherSide),
    recordFormativeAssessment: operatorOr(hostSide),
    recordFinalAssessment: operatorOr(hostSide),
    end: operatorOr((p, r) => staffOf(p, r.owner, r.host)),
    issueTranscript: operatorOr(hostSide),
    validateUnit: operatorOr(coordinatorOfOwner),
    recogniseUnit: operatorOr(coordinatorOfOwner),
    issueCertificate: operatorOr(coordinatorOfOwner),
    submitFeedback: operatorOr(eitherSide),
    complete: operatorOr(coordinatorOfOwner),
    cancel: operatorOr(coordinatorOfOwner),
    sendLink: operatorOr(coordinatorOfOwner),
    // Reading a locally kept link (no SMTP) to pass it on: the operator's alone, and recorded.
    discloseLink: (p: Principal) => isOperator(p),
  },
  Partnership: {
    read: sees,
    propose: operatorOr(staffOfOwner),
    addPartner: operatorOr(coordinatorOfOwner),
    removePartner: operatorOr(coordinatorOfOwner),
    draftMou: operatorOr(coordinatorOfOwner),
    amendMou: operatorOr(coordinatorOfOwner),
    signMou: signsMou,
    declineMou: signsMou,
    renewMou: operatorOr(coordinatorOfOwner),
    recordReview: operatorOr((p, r) => staffOf(p, ...r.institutions)),
    terminate: operatorOr(coordinatorOfOwner),
    evaluate: operatorOr((p, r) => staffOf(p, ...r.institutions)),
    setReminderPolicy: operatorOr(coordinatorOfOwner),
  },
  Call: {
    read: (p: Principal, r: Relations) =>
      isOperator(p) || auditsAny(p, r.institutions) || staffOf(p, ...r.institutions),
    open: operatorOr(coordinatorOfOwner),
    submitApplication: operatorOr(coordinatorOfOwner),
    evaluateApplication: operatorOr(coordinatorOfOwner),
    recordInterview: operatorOr(coordinatorOfOwner),
    decideApplication: operatorOr(coordinatorOfOwner),
    withdrawApplication: operatorOr(coordinatorOfOwner),
    formTeam: operatorOr(coordinatorOfOwner),
    briefLearner: operatorOr(coordinatorOfOwner),
    acknowledgeBriefing: operatorOr(coordinatorOfOwner),
    close: operatorOr(coordinatorOfOwner),
  },
  Institution: {
    // The directory of institutions is shared: choosing a host needs it. Contact persons are
    // personal data and only shown to the institution's staff (see the view).
    read: anyAccount,
    register: operatorOr((p) => p.role === 'administrator' || p.role === 'coordinator'),
    // Its own staff keep an institution's details and contacts (and whoever registered a
    // partner host keeps it right until the host has staff of its own: the operator).
    changeDetails: operatorOr((p, r) => staffOf(p, r.owner)),
    addContactPerson: operatorOr((p, r) => staffOf(p, r.owner)),
    removeContactPerson: operatorOr((p, r) => staffOf(p, r.owner)),
  },
  Qualification: {
    read: anyAccount,
    define: operatorOr((p) => p.role === 'administrator' || p.role === 'coordinator'),
    addModule: operatorOr((p) => p.role === 'administrator' || p.role === 'coordinator'),
    defineUnit: operatorOr((p) => p.role === 'administrator' || p.role === 'coordinator'),
    publishVersion: operatorOr((p) => p.role === 'administrator' || p.role === 'coordinator'),
  },
  Learner: {
    read: (p: Principal, r: Relations) =>
      isOperator(p) || auditsAny(p, r.institutions) || staffOf(p, ...r.institutions),
    withdrawCredit: operatorOr((p, r) =>
      r.institutions.some((i) => hasRoleAt(p, ['coordinator'], i)),
    ),
    transferCredit: operatorOr((p, r) =>
      r.institutions.some((i) => hasRoleAt(p, ['coordinator'], i)),
    ),
    erase: operatorOr((p, r) => r.institutions.some((i) => hasRoleAt(p, ['administrator'], i))),
  },
  Account: {
    // Who could do what, when: an account's security record is open to its holder, its
    // institution's administrators and auditors.
    read: (p: Principal, r: Relations) =>
      isOperator(p) ||
      p.accountId === r.account ||
      hasRoleAt(p, ['administrator'], r.owner) ||
      (p.role === 'auditor' && (p.auditScope === 'all' || auditsAny(p, r.institutions))),
    provision: operatorOr(managesAccountsOf),
    changeRole: operatorOr(managesAccountsOf),
    disable: operatorOr(managesAccountsOf),
    enable: operatorOr(managesAccountsOf),
    setPassword: operatorOr((p, r) => p.accountId === r.account),
    createApiToken: operatorOr((p, r) => p.accountId === r.account),
    revokeApiToken: operatorOr(
      (p, r) => p.accountId === r.account || hasRoleAt(p, ['administrator'], r.owner),
    ),
  },
} satisfies Record<string, Record<string, Rule>>;

export type Guarded = keyof typeof POLICY;
export type UseCaseOf<A extends Guarded> = keyof (typeof POLICY)[A] & string;
