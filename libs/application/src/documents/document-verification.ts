import type { MobilityEvent, PartnershipEvent } from '@ecvet/domain';
import { partnershipDecider } from '@ecvet/domain';

/** The four documents rendered from the log (PDF) and verified by their hash (`/verify/{hash}`). */
export type DocumentType = 'learning-agreement' | 'mou' | 'transcript' | 'certificate';

/**
 * Where a document stands now:
 * - `revoked` — it no longer binds anyone: a Learning Agreement version that a signatory
 *   declined, or whose mobility was cancelled; an MoU version that a party declined, or whose
 *   partnership was terminated; a transcript or certificate of a cancelled mobility;
 * - `superseded` — a newer version replaced it: for a Learning Agreement, any later version; for
 *   an MoU, a later version drafted before this one was fully signed (the domain's `superseded`)
 *   or a later version that every party has signed (a renewal or amendment in force). An MoU
 *   whose renewal still awaits signatures stays current;
 * - `current` — neither.
 * A revoked version that was also superseded reads as revoked (the stronger statement).
 */
export type DocumentStatus = 'current' | 'superseded' | 'revoked';
export type RevocationReason = 'declined' | 'mobility-cancelled' | 'partnership-terminated';

/** One signature as the verification page shows it: never an e-mail, an IP or a user agent. */
export interface VerifiedSignature {
  /** The signatory's role (Learning Agreement), the party's role (MoU), the issuer's side. */
  role: string;
  /**
   * As on the document; null when erased (a learner's data forgotten) or not to be shown to the
   * reader; absent when none was recorded (an MoU is declined by an institution).
   */
  name?: string | null;
  /** The signer's function at their institution (MoU signers), when recorded. */
  title?: string;
  /** The institution signing for its side or issuing the document: its id and legal name. */
  institutionId?: string;
  institution?: string;
  /** `account`, `signing-link`, `qualified-e-signature`, `handwritten`; `issued` for an issuer. */
  method: string;
  at: string;
}

export interface DocumentVerification {
  hash: string;
  document: {
    type: DocumentType;
    mobilityId?: string;
    partnershipId?: string;
    /** The Learning Agreement or MoU version this hash is of. */
    version?: number;
    /** The newest version of that document now. */
    latestVersion?: number;
    /** The transcript's or certificate's own id. */
    documentId?: string;
  };
  status: DocumentStatus;
  /** With `superseded`: the version that replaced it. */
  supersededBy?: number;
  /** With `revoked`: why, and when (a date or an instant). */
  revoked?: { reason: RevocationReason; on: string };
  /** Learning Agreement and MoU versions: whether every required signatory signed it. */
  fullySigned?: boolean;
  /** A Learning Agreement version: the roles that sign it. */
  requiredSignatories?: string[];
  /** Who signed (or issued) it, when, how — in the order recorded. */
  signatures: VerifiedSignature[];
  /** Who declined it, when (never the reason: it is free text). */
  declines: VerifiedSignature[];
}

/** A name as read from the log: an erased field reads `{ $erased: true }`. */
const nameOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The verification of one Learning Agreement version of a mobility's events. */
export function agreementVersionVerification(
  events: readonly MobilityEvent[],
  version: number,
): DocumentVerification | undefined {
  let drafted: Extract<MobilityEvent, { type: 'LearningAgreementVersionDrafted' }> | undefined;
  let latestVersion = 0;
  let cancelled: string | undefined;
  let fullySigned = false;
  const signatures: VerifiedSignature[] = [];
  const declines: VerifiedSignature[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'LearningAgreementVersionDrafted':
        latestVersion = Math.max(latestVersion, e.data.version);
        if (e.data.version === version) drafted = e;
        break;
      case 'LearningAgreementSigned':
        if (e.data.version === version)
          signatures.push({
            role: e.data.role,
            name: nameOf(e.data.signer.name),
            method: e.data.authMethod,
            at: e.data.signedAt,
          });
        break;
      case 'LearningAgreementDeclined':
        if (e.data.version === version)
          declines.push({
            role: e.data.role,
            name: nameOf(e.data.signer.name),
            method: 'declined',
            at: e.data.declinedAt,
          });
        break;
      case 'LearningAgreementFullySigned':
        if (e.data.version === version) fullySigned = true;
        break;
      case 'MobilityCancelled':
        cancelled = e.data.cancelledOn;
        break;
    }
  }
  if (!drafted) return undefined;
  // The sending school and the host sign for their institutions, named in the version itself.
  const { sendingInstitution, host } = drafted.data.content;
  const sides: Record<string, { institutionId: string; legalName: string }> = {
    'sending-school': sendingInstitution,
    host,
  };
  for (const s of [...signatures, ...declines]) {
    const side = sides[s.role];
    if (side) Object.assign(s, { institutionId: side.institutionId, institution: side.legalName });
  }
  const revoked =
    declines.length > 0
      ? { reason: 'declined' as const, on: declines[0].at }
      : cancelled !== undefined
        ? { reason: 'mobility-cancelled' as const, on: cancelled }
        : undefined;
  return {
    hash: drafted.data.contentHash,
    document: {
      type: 'learning-agreement',
      mobilityId: drafted.data.mobilityId,
      version,
      latestVersion,
    },
    ...standing(revoked, latestVersion > version ? latestVersion : undefined),
    fullySigned,
    requiredSignatories: drafted.data.requiredSignatories,
    signatures,
    declines,
  };
}

/** The verification of one MoU version of a partnership's events. */
export function mouVersionVerification(
  events: readonly PartnershipEvent[],
  version: number,
): DocumentVerification | undefined {
  let state = partnershipDecider.initialState;
  const signatures: VerifiedSignature[] = [];
  for (const e of events) {
    state = partnershipDecider.evolve(state, e);
    // Every signature given, also one voided later when the version was superseded: who signed
    // what when is history.
    if (e.type === 'MouSigned' && e.data.version === version)
      signatures.push({
        role: state.parties.find((p) => p.institutionId === e.data.institutionId)?.role ?? 'party',
        name: nameOf(e.data.signer.name),
        ...(typeof e.data.signer.role === 'string' && { title: e.data.signer.role }),
        institutionId: e.data.institutionId,
        method: e.data.authMethod,
        at: e.data.signedAt,
      });
  }
  const mou = state.versions.find((v) => v.version === version);
  if (!state.proposal || !mou) return undefined;
  const latestVersion = state.versions.length;
  const newerSigned = state.versions
    .filter((v) => v.version > version && v.fullySignedAt !== undefined)
    .at(-1)?.version;
  const supersededBy =
    mou.status === 'superseded'
      ? latestVersion
      : mou.status === 'declined'
        ? undefined
        : newerSigned;
  const declines: VerifiedSignature[] = mou.declined
    ? [
        {
          role:
            state.parties.find((p) => p.institutionId === mou.declined?.institutionId)?.role ??
            'party',
          institutionId: mou.declined.institutionId,
          method: 'declined',
          at: mou.declined.declinedAt,
        },
      ]
    : [];
  const revoked = mou.declined
    ? { reason: 'declined' as const, on: mou.declined.declinedAt }
    : state.termination
      ? { reason: 'partnership-terminated' as const, on: state.termination.effectiveOn }
      : undefined;
  return {
    hash: mou.contentHash,
    document: {
      type: 'mou',
      partnershipId: state.proposal.partnershipId,
      version,
      latestVersion,
    },
    ...standing(revoked, supersededBy),
    fullySigned: mou.fullySignedAt !== undefined,
    signatures,
    declines,
  };
}

/**
 * The verification of a mobility's transcript or certificate (`hash`: the hash it was rendered
 * with, see `issuedDocumentHash`); undefined while it has not been issued. The issuer is its
 * signatory: the host for the transcript, the sending school for the certificate.
 */
export function issuedDocumentVerification(
  events: readonly MobilityEvent[],
  type: 'transcript' | 'certificate',
  hash: string,
): DocumentVerification | undefined {
  let issued: VerifiedSignature | undefined;
  let documentId: string | undefined;
  let mobilityId: string | undefined;
  let cancelled: string | undefined;
  let issuer: { institutionId: string; legalName: string } | undefined;
  for (const e of events) {
    if (e.type === 'MobilityPlanned')
      issuer = type === 'transcript' ? e.data.host : e.data.sendingInstitution;
    if (type === 'transcript' && e.type === 'TranscriptIssued') {
      ({ transcriptId: documentId, mobilityId } = e.data);
      issued = { role: 'host', name: e.data.issuedBy, method: 'issued', at: e.data.issuedOn };
    }
    if (type === 'certificate' && e.type === 'CertificateIssued') {
      ({ certificateId: documentId, mobilityId } = e.data);
      issued = {
        role: 'sending-school',
        name: e.data.issuedBy,
        method: 'issued',
        at: e.data.issuedOn,
      };
    }
    if (e.type === 'MobilityCancelled') cancelled = e.data.cancelledOn;
  }
  if (issued && issuer)
    Object.assign(issued, { institutionId: issuer.institutionId, institution: issuer.legalName });
  if (!issued || documentId === undefined) return undefined;
  const revoked =
    cancelled !== undefined ? { reason: 'mobility-cancelled' as const, on: cancelled } : undefined;
  return {
    hash,
    document: { type, mobilityId, documentId },
    ...standing(revoked, undefined),
    signatures: [issued],
    declines: [],
  };
}

function standing(
  revoked: DocumentVerification['revoked'],
  supersededBy: number | undefined,
): Pick<DocumentVerification, 'status' | 'supersededBy' | 'revoked'> {
  if (revoked)
    return {
      status: 'revoked',
      revoked,
      ...(supersededBy !== undefined && { supersededBy }),
    };
  if (supersededBy !== undefined) return { status: 'superseded', supersededBy };
  return { status: 'current' };
}
