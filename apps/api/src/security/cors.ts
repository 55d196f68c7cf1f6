import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { corsOriginList, type AppConfig } from '@ecvet/config';

/**
 * CORS is closed unless `CORS_ORIGINS` names origins: then a browser page of exactly one of them
 * may call the API (the answer echoes that origin; any other origin gets no
 * Access-Control-Allow-Origin). Without credentials: a page of another origin authenticates with
 * an API token in `Authorization`, never with the session cookie.
 */
export function corsOptions(config: Pick<AppConfig, 'CORS_ORIGINS'>): CorsOptions | undefined {
  if (!config.CORS_ORIGINS) return undefined;
  return {
    origin: corsOriginList(config.CORS_ORIGINS),
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'X-Correlation-Id',
      'X-Request-Id',
      'X-Actor-Id',
      'X-Actor-Role',
      'X-Actor-Institution',
    ],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  };
}
