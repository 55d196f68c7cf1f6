import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A request over its rate limit, or a sign-in while locked out: 429 with `Retry-After` and
 * `/problems/too-many-requests` (apps/api/src/problem-details). An HttpException, so that it
 * stays a 429 wherever it is caught.
 */
export class TooManyRequests extends HttpException {
  /** Whole seconds, at least 1 (what `Retry-After` says). */
  readonly retryAfterSeconds: number;

  constructor(
    msBeforeNext: number,
    readonly reason: 'rate' | 'locked' = 'rate',
  ) {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    super(
      reason === 'locked'
        ? `Too many failed sign-ins: try again in ${seconds} s`
        : `Too many requests: try again in ${seconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = seconds;
  }
}
