/** Who signs a Learning Agreement (the guardian too, for a minor). */
export type SignatoryRole = 'sending-school' | 'host' | 'learner' | 'guardian';
