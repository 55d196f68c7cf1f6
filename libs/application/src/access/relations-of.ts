import type { CallState, MobilityState, PartnershipState } from '@ecvet/domain';
import type { Relations } from './relations';

/** A mobility: its sending school (owner), its host, its mentors. */
export function mobilityRelations(state: MobilityState): Relations {
  const plan = state.plan;
  if (!plan) return { institutions: [] };
  const sending = plan.sendingInstitution.institutionId;
  const host = plan.host.institutionId;
  return {
    institutions: [sending, host],
    owner: sending,
    host,
    mentors: { sending: plan.terms.mentors.sending.email, host: plan.terms.mentors.host.email },
  };
}

/** A mobility about to be planned: what its request names. */
export function plannedMobilityRelations(request: {
  sendingInstitutionId: string;
  hostInstitutionId: string;
}): Relations {
  return {
    institutions: [request.sendingInstitutionId, request.hostInstitutionId],
    owner: request.sendingInstitutionId,
    host: request.hostInstitutionId,
  };
}

/** A partnership: its parties; its coordinating institution is the owner. */
export function partnershipRelations(state: PartnershipState): Relations {
  return {
    institutions: state.parties.map((p) => p.institutionId),
    ...(state.proposal && { owner: state.proposal.coordinatorInstitutionId }),
  };
}

export function proposedPartnershipRelations(request: {
  parties: Array<{ institutionId: string }>;
  coordinatorInstitutionId: string;
}): Relations {
  const institutions = request.parties.map((p) => p.institutionId);
  // The coordinator must be one of the parties it proposes.
  return {
    institutions,
    ...(institutions.includes(request.coordinatorInstitutionId) && {
      owner: request.coordinatorInstitutionId,
    }),
  };
}

/** A call: its sending school (owner) and host. */
export function callRelations(state: CallState): Relations {
  if (state.status === 'none') return { institutions: [] };
  const { sendingInstitutionId, hostInstitutionId } = state.call;
  return {
    institutions: [sendingInstitutionId, hostInstitutionId],
    owner: sendingInstitutionId,
    host: hostInstitutionId,
  };
}

export function openedCallRelations(request: {
  sendingInstitutionId: string;
  hostInstitutionId: string;
}): Relations {
  return {
    institutions: [request.sendingInstitutionId, request.hostInstitutionId],
    owner: request.sendingInstitutionId,
    host: request.hostInstitutionId,
  };
}

/** An institution is its own owner. */
export const institutionRelations = (institutionId: string): Relations => ({
  institutions: [institutionId],
  owner: institutionId,
});

/** The shared catalogue belongs to no institution. */
export const catalogueRelations = (): Relations => ({ institutions: [] });
