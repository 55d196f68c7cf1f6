import { mouInForce, toPartnershipSnapshot, type PartnershipState } from '@ecvet/domain';

/** A partnership as the API shows it (JSON; also the read model's document). */
export function partnershipView(state: PartnershipState, version: number, today?: string) {
  if (!state.proposal) return undefined;
  const snapshot = toPartnershipSnapshot(state);
  const current = state.versions[state.versions.length - 1];
  const currentExpired =
    current?.status === 'awaiting-signatures' && state.expiredVersions.has(current.version);
  const inForce = today ? mouInForce(snapshot, today) : undefined;
  return {
    ...state.proposal,
    version,
    parties: state.parties,
    status: state.termination
      ? 'terminated'
      : snapshot.signedMous.length > 0
        ? 'active'
        : 'proposed',
    termination: state.termination,
    mou: current && {
      version: current.version,
      status: current.status,
      contentHash: current.contentHash,
      content: current.content,
      renewalOf: current.renewalOf,
      signatures: [...current.signatures.values()].map((s) => ({
        institutionId: s.institutionId,
        signer: s.signer,
        authMethod: s.authMethod,
        signedAt: s.signedAt,
      })),
      pendingParties:
        current.status === 'awaiting-signatures'
          ? state.parties.map((p) => p.institutionId).filter((id) => !current.signatures.has(id))
          : [],
      declined: current.declined,
      /** Its request for signatures expired before every party signed. */
      signatureRequestExpired: currentExpired,
    },
    mouVersions: state.versions.map((v) => ({
      version: v.version,
      status: v.status,
      contentHash: v.contentHash,
      validFrom: v.content.validFrom,
      validUntil: v.content.validUntil,
      draftedAt: v.draftedAt,
      fullySignedAt: v.fullySignedAt,
    })),
    signedMous: snapshot.signedMous,
    ...(inForce && { mouInForce: inForce.version }),
    reviews: state.reviews,
    evaluations: [...state.evaluations.values()],
    reminderPolicy: state.reminderPolicy,
    /** The workflow's records: signature reminders sent per `<version>/<institutionId>`. */
    reminders: Object.fromEntries(state.reminders),
    /** Renewal reminders sent per fully signed version (`<version>`). */
    renewalReminders: Object.fromEntries(state.renewalReminders),
    /** `<version>/<institutionId>/<level>`; `renewal/<version>/<level>` for renewals. */
    escalations: [...state.escalations],
    expiredMouVersions: [...state.expiredVersions],
    /** A deadline passed: the current version's request for signatures expired unsigned. */
    overdue: currentExpired,
  };
}
