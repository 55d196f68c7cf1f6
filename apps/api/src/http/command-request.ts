import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';
import type { UseCaseContext } from '@ecvet/application';
import { actorOf } from '@ecvet/identity';
import type { AuthenticatedRequest } from '../auth/authentication.guard';
import { Unauthenticated } from '../auth/unauthenticated';
import type { WriteOptions } from '@ecvet/event-sourcing';
import { InvalidRequest, type InvalidParam } from '../problem-details/problem-details';
import { IDEMPOTENCY_KEY, IF_MATCH } from './conditional-headers';

// Namespace of command ids derived from Idempotency-Key: uuidv5(`${actor}|${key}`, namespace).
const IDEMPOTENCY_NAMESPACE = '9b0d8c52-6a4e-4b8e-9f61-3a7f2c1d5e40';

/** Everything a write needs from the HTTP request besides its body. */
export interface CommandRequest {
  /** The command's context, with the principal the use case is authorised for. */
  context: UseCaseContext;
  options: WriteOptions;
  /** The client sent an Idempotency-Key (so a replay is possible). */
  idempotent: boolean;
}

/**
 * The actor comes from the signed-in principal (the authentication guard ran before), never from
 * a header; `Idempotency-Key` → the command id (scoped to the actor, so two clients' keys never
 * collide), `If-Match` → the expected version, `X-Correlation-Id`, and a fingerprint of the request
 * so that a key reused for another request is refused.
 */
export function commandRequestFrom(request: AuthenticatedRequest): CommandRequest {
  const invalid: InvalidParam[] = [];
  const header = (name: string) => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const principal = request.principal;
  if (!principal) throw new Unauthenticated('a write needs a signed-in caller');
  const actor = actorOf(principal);

  const key = header('Idempotency-Key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
    invalid.push({ name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' });

  let expectedVersion: number | undefined;
  const ifMatch = header('If-Match');
  if (ifMatch !== undefined) {
    const match = IF_MATCH.exec(ifMatch.trim());
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
      principal,
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
  commandRequestFrom(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
