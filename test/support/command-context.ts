import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../libs/domain/src';

/** A command context of a test's own set-up, by the system (not a signed-in account): a fresh
 * command id that is also its correlation and causation, issued now unless said otherwise. */
export function setupContext(
  actorId = 'system:test',
  issuedAt = new Date().toISOString(),
): CommandContext {
  const commandId = randomUUID();
  return {
    commandId,
    actor: { id: actorId, role: 'system' },
    issuedAt,
    correlationId: commandId,
    causationId: commandId,
  };
}
