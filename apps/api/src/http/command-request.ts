import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandContext } from '@ecvet/domain';
import type { WriteOptions } from '@ecvet/event-sourcing';
import { InvalidRequest, type InvalidParam } from '../problem-details/problem-details';

const ROLES: ReadonlyArray<Actor['role']> = [
  'coordinator',
  'administrator',
  'teacher',
  'mentor',
  'signatory',
  'auditor',
  'system',
];
// Namespace of command ids derived from Idempotency-Key: uuidv5(`${actor}|${key}`, namespace).
const IDEMPOTENCY_NAMESPACE = '9b0d8c52-6a4e-4b8e-9f61-3a7f2c1d5e40';

/** Everything a write needs from the HTTP request besides its body. */
export interface CommandRequest {
  context: CommandContext;
  options: WriteOptions;
  /** The client sent an Idempotency-Key (so a replay is possible). */
  idempotent: boolean;
}

/**
 * Reads the actor (until authentication lands: `X-Actor-Id`, `X-Actor-Role`,
 * `X-Actor-Institution`), `Idempotency-Key` → the command id (scoped to the actor, so two clients'
 * keys never collide), `If-Match` → the expected version, `X-Correlation-Id`, and a fingerprint of
 * the request so that a key reused for another request is refused.
 */
export function commandRequestFrom(request: Request): CommandRequest {
  const invalid: InvalidParam[] = [];
  const header = (name: string) => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };

  const role = (header('X-Actor-Role') ?? 'coordinator') as Actor['role'];
  if (!ROLES.includes(role))
    invalid.push({ name: 'X-Actor-Role', reason: `must be one of ${ROLES.join(', ')}` });
  const actorId = header('X-Actor-Id') ?? 'user:anonymous';
  if (actorId.length > 200) invalid.push({ name: 'X-Actor-Id', reason: 'at most 200 characters' });
  const institutionId = header('X-Actor-Institution');
  const actor: Actor = { id: actorId, role, ...(institutionId && { institutionId }) };

  const key = header('Idempotency-Key');
  if (key !== undefined && (key.length === 0 || key.length > 255))
    invalid.push({ name: 'Idempotency-Key', reason: 'must be 1 to 255 characters' });

  let expectedVersion: number | undefined;
  const ifMatch = header('If-Match');
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
    if (match) expectedVersion = Number(match[1]);
    else
      invalid.push({ name: 'If-Match', reason: 'must be the version as an entity tag, e.g. "3"' });
  }
  if (invalid.length > 0) throw new InvalidRequest(invalid);

  const commandId = key ? uuidv5(`${actor.id}|${key}`, IDEMPOTENCY_NAMESPACE) : randomUUID();
  const requestId = header('X-Request-Id');
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonicalize(request.body ?? {}) ?? ''}`)
    .digest('hex');
  return {
    context: {
      commandId,
      actor,
      issuedAt: new Date().toISOString(),
      correlationId: header('X-Correlation-Id') ?? requestId ?? commandId,
      causationId: requestId ?? commandId,
    },
    options: { expectedVersion, fingerprint },
    idempotent: key !== undefined,
  };
}

/** `@Cmd() cmd: CommandRequest` in a controller method. */
export const Cmd = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  commandRequestFrom(ctx.switchToHttp().getRequest<Request>()),
);
