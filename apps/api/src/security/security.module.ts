import { Global, Module } from '@nestjs/common';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { RateLimits } from './rate-limits';
import { SignInThrottle } from './sign-in-throttle';

/**
 * Rate limits shared by every API instance: `@RateLimit('<bucket>')` on a route (its guard) and
 * `SignInThrottle` for the sign-in code. Security headers and CORS are installed by bootstrap.ts
 * (`securityHeaders`, `corsOptions`), before any route.
 */
@Global()
@Module({
  providers: [RateLimits, SignInThrottle, RateLimitGuard],
  exports: [RateLimits, SignInThrottle, RateLimitGuard],
})
export class SecurityModule {}
