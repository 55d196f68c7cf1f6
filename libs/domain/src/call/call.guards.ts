import canonicalize from 'canonicalize';
import { ensure } from '../shared/domain-error';
import { dateOf, isIsoDate } from '../shared/dates';
import { CallRules as R } from './call.errors';
import type { CallApplicationState, CallState, OpenedCall } from './call.state';

/** Same content whatever the key order (events read back from jsonb come reordered). */
export const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

export function opened(state: CallState): OpenedCall {
  ensure(state.status !== 'none', R.MustExist, 'the call is not open');
  return state;
}

/** An application that exists and was not withdrawn. */
export function active(state: OpenedCall, applicationId: string): CallApplicationState {
  const application = state.applications.get(applicationId);
  ensure(application, R.ApplicationMustExist, `application ${applicationId} does not exist`);
  ensure(
    !application.withdrawn,
    R.ApplicationWithdrawn,
    `application ${applicationId} was withdrawn`,
  );
  return application;
}

/** The ids every event about an application carries; `learnerId` names the encryption subject. */
export function about(call: OpenedCall, application: CallApplicationState) {
  const { applicationId, learner } = application;
  return { callId: call.call.callId, applicationId, learnerId: learner.learnerId };
}

export function ensureIsoDates(...dates: string[]) {
  for (const date of dates)
    ensure(isIsoDate(date), R.DatesAreIso, `${date} is not an ISO 8601 date`, { date });
}

export function ensureHeldOn(heldOn: string, at: string) {
  ensureIsoDates(heldOn);
  ensure(heldOn <= dateOf(at), R.NotInFuture, `${heldOn} is in the future`, { heldOn });
}
