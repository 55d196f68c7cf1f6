import type { SignatoryRole } from '../../api/types';
import type { Session } from '../../session/session';
import type { MobilityView } from './types';

/**
 * What the page offers this account on this mobility: the API's policy
 * (libs/application/src/access/policy.ts) read on the mobility's relations — its sending school,
 * host and mentors. The API still decides (403); an auditor is offered nothing.
 */
export interface MobilityActions {
  draft: boolean;
  amend: boolean;
  start: boolean;
  checkIn: boolean;
  assess: boolean;
  end: boolean;
  transcript: boolean;
  validate: boolean;
  recognise: boolean;
  certificate: boolean;
  complete: boolean;
  cancel: boolean;
  /** Send a signatory a fresh signing link (the sending school's coordinator). */
  sendLink: boolean;
  /** The roles this account signs for with its own account (heads). */
  signAs: SignatoryRole[];
  /** The roles whose handwritten signature this account records (the sending coordinator). */
  recordHandwritten: SignatoryRole[];
}

export const NO_ACTIONS: MobilityActions = {
  draft: false,
  amend: false,
  start: false,
  checkIn: false,
  assess: false,
  end: false,
  transcript: false,
  validate: false,
  recognise: false,
  certificate: false,
  complete: false,
  cancel: false,
  sendLink: false,
  signAs: [],
  recordHandwritten: [],
};

type Who = Pick<Session, 'role' | 'institutionId' | 'email'>;

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

export function mobilityActions(who: Who | undefined, m: MobilityView): MobilityActions {
  if (!who || who.role === 'auditor') return NO_ACTIONS;
  const owner = m.sendingInstitution.institutionId;
  const host = m.host.institutionId;
  const operator = who.role === 'operator';
  const at = (institution: string, ...roles: Who['role'][]) =>
    roles.includes(who.role) && who.institutionId === institution;
  const email = who.email.toLowerCase();
  const mentorOf = (side: 'sending' | 'host') =>
    who.role === 'mentor' &&
    who.institutionId === (side === 'sending' ? owner : host) &&
    lower(m.mentors[side]?.email) === email;
  const coordinator = operator || at(owner, 'coordinator');
  const hostSide = operator || at(host, 'coordinator', 'head') || mentorOf('host');
  const eitherSide =
    operator ||
    at(owner, 'administrator', 'coordinator', 'head') ||
    at(host, 'administrator', 'coordinator', 'head') ||
    mentorOf('sending') ||
    mentorOf('host');
  const staff =
    operator ||
    at(owner, 'administrator', 'coordinator', 'head') ||
    at(host, 'administrator', 'coordinator', 'head');

  const phase = m.phase;
  const before = ['preparation', 'awaiting-signatures', 'agreement-declined', 'ready-to-start'];
  const pending = m.agreement?.pendingSignatories ?? [];
  const awaiting = phase === 'awaiting-signatures';
  return {
    draft: coordinator && phase === 'preparation',
    amend: coordinator && before.includes(phase) && phase !== 'preparation',
    start: coordinator && phase === 'ready-to-start',
    checkIn: eitherSide && phase === 'under-way',
    assess: hostSide && (phase === 'under-way' || phase === 'awaiting-assessment'),
    end: staff && phase === 'under-way',
    transcript: hostSide && phase === 'awaiting-assessment',
    validate: coordinator && (phase === 'awaiting-validation' || phase === 'awaiting-recognition'),
    recognise: coordinator && phase === 'awaiting-recognition',
    certificate: coordinator && phase === 'recognised' && m.certificateId === undefined,
    complete: coordinator && phase === 'recognised',
    cancel: coordinator && phase !== 'completed' && phase !== 'cancelled',
    sendLink: coordinator && awaiting,
    signAs: awaiting
      ? pending.filter(
          (r) =>
            (r === 'sending-school' && at(owner, 'head')) || (r === 'host' && at(host, 'head')),
        )
      : [],
    recordHandwritten:
      awaiting && at(owner, 'coordinator')
        ? pending.filter((r) => r === 'learner' || r === 'guardian')
        : [],
  };
}

export const anyAction = (a: MobilityActions): boolean =>
  Object.values(a).some((v) => (Array.isArray(v) ? v.length > 0 : v));
