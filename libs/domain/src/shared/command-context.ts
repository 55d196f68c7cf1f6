/** Who asked, and the ids that tie a command to its events (the audit trail). */
export interface Actor {
  /** `user:<id>`, `signatory:<id>` (signing link) or `system:workflow`. */
  id: string;
  role:
    | 'coordinator'
    | 'administrator'
    | 'teacher'
    | 'mentor'
    | 'signatory'
    | 'auditor'
    | 'system'
    | 'operator'
    | 'head';
  institutionId?: string;
  /** How the actor authenticated (recorded with every event). */
  via?: 'password+totp' | 'password' | 'oidc' | 'api-token' | 'signing-link' | 'internal';
  /** Signed in: the session's id, not the cookie value. */
  sessionId?: string;
  /** `via: 'api-token'`: the token's id, never its value. */
  tokenId?: string;
  /** `via: 'oidc'`: the OpenID Connect issuer. */
  issuer?: string;
}

export interface CommandContext {
  commandId: string;
  actor: Actor;
  /** ISO 8601; the handler's clock, passed in so that deciders stay pure. */
  issuedAt: string;
  correlationId: string;
  causationId: string;
}
