/**
 * A command that breaks a rule of the domain. `rule` is a stable, documented identifier (the API
 * returns it in the 422 problem details); `message` says it in words.
 */
export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function ensure(
  condition: unknown,
  rule: string,
  message: string,
  details?: Record<string, unknown>,
): asserts condition {
  if (!condition) throw new DomainError(rule, message, details);
}
