import type { CommandContext } from '@ecvet/domain';
import { StreamNotFound } from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import { AccessDenied } from './access-denied';
import { POLICY, type Guarded, type Rule, type UseCaseOf } from './policy';
import type { Relations } from './relations';

/**
 * A use case's context: the command's (recorded) and, for a signed-in caller, the principal
 * authorisation decides on. Internal callers have no principal: the workflows and reactors act
 * as `system`, the signing-link pages as the link's `signatory`.
 */
export type UseCaseContext = CommandContext & { principal?: Principal };

/** Use cases that only the system itself runs (workflow reminders, the credit reactor). */
export function authorizeInternal(context: UseCaseContext, useCase: string): void {
  if (context.principal || context.actor.role !== 'system') throw new AccessDenied(useCase);
}

/**
 * The one check of a use case, made where it runs (the application service). An object the
 * principal may not read answers 404 (as if it did not exist); one they may read but not change
 * answers 403. `creating`: the object does not exist yet, its relations come from the request.
 */
export function authorize<A extends Guarded>(
  context: UseCaseContext,
  aggregate: A,
  useCase: UseCaseOf<A>,
  relations: Relations,
  stream: string,
  request: object = {},
  options: { creating?: boolean } = {},
): void {
  const principal = context.principal;
  if (!principal) {
    const bySignatory =
      context.actor.role === 'signatory' &&
      aggregate === 'Mobility' &&
      (useCase === 'signAgreement' || useCase === 'declineAgreement');
    if (bySignatory || context.actor.role === 'system') return;
    throw new AccessDenied(String(useCase));
  }
  const rules: Record<string, Rule> = POLICY[aggregate];
  const q = request as Record<string, unknown>;
  if (!options.creating && !rules.read(principal, relations, q)) throw new StreamNotFound(stream);
  if (!rules[useCase](principal, relations, q)) throw new AccessDenied(String(useCase));
}

/** For reads: 404 unless the principal may see the object (internal callers see everything). */
export function authorizeRead(
  principal: Principal | undefined,
  aggregate: Guarded,
  relations: Relations,
  stream: string,
): void {
  if (principal && !POLICY[aggregate].read(principal, relations, {}))
    throw new StreamNotFound(stream);
}
