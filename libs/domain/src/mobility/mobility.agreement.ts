import { ensure } from '../shared/domain-error';
import { mouInForce } from '../shared/snapshots';
import type {
  DeclineLearningAgreement,
  SignLearningAgreement,
  StartMobility,
} from './mobility.commands';
import { MobilityRules as R } from './mobility.errors';
import type { MobilityEvent } from './mobility.events';
import type { AgreementVersion, MobilityState } from './mobility.state';

function currentVersion(state: MobilityState, version: number): AgreementVersion {
  const agreement = state.agreement;
  ensure(agreement, R.AgreementMissing, 'no Learning Agreement has been drafted');
  ensure(
    version === agreement.version,
    R.StaleVersion,
    `version ${version} is not the current version ${agreement.version} of the agreement`,
    { version, currentVersion: agreement.version },
  );
  return agreement;
}

export function decideSign(command: SignLearningAgreement, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  const agreement = currentVersion(state, d.version);
  ensure(
    d.contentHash === agreement.contentHash,
    R.HashMismatch,
    'the signed hash is not the hash of the current version: the signatory saw other content',
    { contentHash: d.contentHash, currentHash: agreement.contentHash },
  );
  ensure(
    agreement.requiredSignatories.includes(d.role),
    R.SignatoryNotRequired,
    `a ${d.role} does not sign this agreement`,
    { role: d.role, requiredSignatories: agreement.requiredSignatories },
  );
  const earlier = agreement.signatures.get(d.role);
  if (earlier) return []; // signed already: a repeated click or a retried link records nothing
  ensure(
    !agreement.declinedBy,
    R.VersionDeclined,
    `version ${agreement.version} was declined by the ${agreement.declinedBy?.role}: amend it first`,
  );
  ensure(
    d.partnership.signedMous.length > 0 && d.partnership.terminatedOn === undefined,
    R.SignatureMouNotSigned,
    'the partnership has no signed MoU in force: the agreement cannot be signed yet',
  );
  const events: MobilityEvent[] = [
    {
      type: 'LearningAgreementSigned',
      data: {
        mobilityId: d.mobilityId,
        version: d.version,
        contentHash: d.contentHash,
        role: d.role,
        signer: d.signer,
        authMethod: d.authMethod,
        intent: d.intent,
        ...(d.ip !== undefined && { ip: d.ip }),
        ...(d.userAgent !== undefined && { userAgent: d.userAgent }),
        signedAt: command.at,
      },
    },
  ];
  const missing = agreement.requiredSignatories.filter(
    (role) => role !== d.role && !agreement.signatures.has(role),
  );
  if (missing.length === 0) {
    events.push({
      type: 'LearningAgreementFullySigned',
      data: {
        mobilityId: d.mobilityId,
        version: d.version,
        contentHash: d.contentHash,
        fullySignedAt: command.at,
      },
    });
  }
  return events;
}

export function decideDecline(
  command: DeclineLearningAgreement,
  state: MobilityState,
): MobilityEvent[] {
  const d = command.data;
  const agreement = currentVersion(state, d.version);
  ensure(
    agreement.requiredSignatories.includes(d.role),
    R.SignatoryNotRequired,
    `a ${d.role} does not sign this agreement`,
  );
  ensure(d.reason.trim().length > 0, R.DeclineNeedsReason, 'declining needs a reason');
  if (agreement.declinedBy?.role === d.role && agreement.declinedBy.reason === d.reason) return [];
  ensure(
    !agreement.signatures.has(d.role),
    R.AlreadySigned,
    `the ${d.role} has signed this version already`,
  );
  return [
    {
      type: 'LearningAgreementDeclined',
      data: {
        mobilityId: d.mobilityId,
        version: d.version,
        role: d.role,
        signer: d.signer,
        reason: d.reason,
        declinedAt: command.at,
      },
    },
  ];
}

export function decideStart(command: StartMobility, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  ensure(state.plan, R.MustBePlanned, 'the mobility is not planned');
  if (state.status !== 'planned') {
    ensure(
      state.actualStart === d.actualStart,
      R.AlreadyStarted,
      `the mobility started on ${state.actualStart}`,
    );
    return [];
  }
  const agreement = state.agreement;
  ensure(
    agreement?.fullySigned,
    R.NotFullySigned,
    'the current Learning Agreement is not signed by every party',
    {
      pending: agreement
        ? agreement.requiredSignatories.filter((r) => !agreement.signatures.has(r))
        : [],
    },
  );
  const mou = mouInForce(d.partnership, d.actualStart);
  ensure(
    mou,
    R.MouNotValidOnStart,
    `no signed MoU of the partnership is valid on ${d.actualStart}`,
    { actualStart: d.actualStart },
  );
  return [
    {
      type: 'MobilityStarted',
      data: {
        mobilityId: d.mobilityId,
        actualStart: d.actualStart,
        agreementVersion: agreement.version,
        mouVersion: mou.version,
      },
    },
  ];
}
