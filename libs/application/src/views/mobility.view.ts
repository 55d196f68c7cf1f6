import { mobilityPhase, pendingSignatories, type MobilityState } from '@ecvet/domain';

/** A mobility as the API and the dashboard show it (JSON; also the read model's document). */
export function mobilityView(state: MobilityState, version: number) {
  const plan = state.plan!;
  const agreement = state.agreement;
  return {
    mobilityId: plan.mobilityId,
    version,
    phase: mobilityPhase(state),
    status: state.status,
    partnershipId: plan.partnershipId,
    selection: plan.selection,
    learner: plan.learner,
    minor: plan.minor,
    longDuration: plan.longDuration,
    sendingInstitution: plan.sendingInstitution,
    host: plan.host,
    ...plan.terms,
    actualStart: state.actualStart,
    actualEnd: state.actualEnd,
    warnings: state.warnings,
    agreement: agreement && {
      version: agreement.version,
      contentHash: agreement.contentHash,
      requiredSignatories: agreement.requiredSignatories,
      pendingSignatories: pendingSignatories(state),
      fullySigned: agreement.fullySigned,
      declinedBy: agreement.declinedBy,
      signatures: [...agreement.signatures.values()].map((s) => ({
        role: s.role,
        signer: s.signer,
        authMethod: s.authMethod,
        signedAt: s.signedAt,
      })),
      versionHashes: state.agreementHashes,
    },
    finalAssessments: [...state.finalAssessments.values()],
    transcriptId: state.transcriptId,
    validations: [...state.validations.values()],
    recognitions: [...state.recognitions.values()],
    certificateId: state.certificateId,
    reminders: Object.fromEntries(state.reminders),
    stepReminders: Object.fromEntries(state.stepReminders),
    escalations: [...state.escalations],
    expiredAgreementVersions: [...state.expiredVersions],
    missedDeadlines: [...state.missedSteps],
    /** A deadline passed: the agreement's current version expired, or a step is late. */
    overdue:
      state.missedSteps.size > 0 ||
      (agreement !== undefined &&
        state.expiredVersions.has(agreement.version) &&
        !agreement.fullySigned),
  };
}
export type MobilityView = ReturnType<typeof mobilityView>;
