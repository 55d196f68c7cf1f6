/** Who asked, and the ids that tie a command to its events (the audit trail). */
export interface Actor {
  /** `user:<id>`, `signatory:<id>` (signing link) or `system:workflow`. */
  id: string;
  role: 'coordinator' | 'administrator' | 'teacher' | 'mentor' | 'signatory' | 'auditor' | 'system';
  institutionId?: string;
}

export interface CommandContext {
  commandId: string;
  actor: Actor;
  /** ISO 8601; the handler's clock, passed in so that deciders stay pure. */
  issuedAt: string;
  correlationId: string;
  causationId: string;
}
