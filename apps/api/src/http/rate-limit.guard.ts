import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RateLimitBucket } from '@ecvet/config';
import { clientAddressKey } from '../security/client-address';
import { RateLimits } from '../security/rate-limits';
import type { RateLimitSubject } from '../security/rate-limit-settings';

export const RATE_LIMIT_BUCKET = 'ecvet:rate-limit-bucket';

/**
 * Whom a request counts against: its IP (an IPv6 /64), or — in an `account` bucket — the account
 * that the authentication guard put on the request (`request.principal`, libs/identity), falling
 * back to the IP when there is none.
 */
export function rateLimitSubject(request: Request, by: RateLimitSubject): string {
  if (by === 'account') {
    const accountId = (request as Request & { principal?: { accountId?: unknown } }).principal
      ?.accountId;
    if (typeof accountId === 'string' && accountId) return `account:${accountId}`;
  }
  return `ip:${clientAddressKey(request.ip ?? request.socket.remoteAddress)}`;
}

/** Counts the request in the bucket of `@RateLimit`; over the limit, a 429 (TooManyRequests). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(
      RATE_LIMIT_BUCKET,
      [context.getHandler(), context.getClass()],
    );
    if (!bucket || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    await this.limits.consume(bucket, rateLimitSubject(request, this.limits.settings[bucket].by));
    return true;
  }
}
