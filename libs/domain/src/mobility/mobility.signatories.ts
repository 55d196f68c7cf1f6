/** Who signs a Learning Agreement (the guardian too, for a minor), in the order they are shown. */
export const SIGNATORY_ROLES = ['sending-school', 'host', 'learner', 'guardian'] as const;
export type SignatoryRole = (typeof SIGNATORY_ROLES)[number];
