import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { RateLimitBucket } from '@ecvet/config';
import { ProblemDto } from './api-docs';
import { RATE_LIMIT_BUCKET, RateLimitGuard } from './rate-limit.guard';

/**
 * `@RateLimit('signing-page')` on a controller or a route: each request counts in that bucket
 * (per IP or per account, limits in apps/api/src/security/rate-limit-settings.ts, `RATE_LIMITS`),
 * shared by every API instance; over it, 429 problem details with `Retry-After`.
 */
export function RateLimit(bucket: RateLimitBucket) {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKET, bucket),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      type: ProblemDto,
      description: `Over the \`${bucket}\` rate limit: try again after Retry-After seconds`,
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    }),
  );
}
