import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@ecvet/config';
import { AppModule } from './app.module';
import { dashboardDist } from './dashboard/spa.controller';
import { createValidationPipe } from './problem-details/problem-details';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { corsOptions } from './security/cors';
import { securityHeaders } from './security/security-headers';

/** Builds the HTTP application (shared by main.ts and the end-to-end tests). */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Before any route (the OpenAPI routes below are registered at once): helmet's headers with the
  // CSP of what is served, and CORS only for the origins of CORS_ORIGINS.
  app.use(securityHeaders());
  // The dashboard's hashed bundles: their names change with their content, so cached for a year.
  app.useStaticAssets(join(dashboardDist(), 'assets'), {
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: 31_536_000_000,
    fallthrough: true,
  });
  const cors = corsOptions(app.get(AppConfig));
  if (cors) app.enableCors(cors);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

/** OpenAPI from the DTOs: the UI at /api/docs, the document at /api/docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ECVET Mobility Engine')
    .setDescription(
      'Partnerships and MoUs, candidate selection, Learning Agreements and their signatures, ' +
        'mobilities with assessment, validation, recognition and credit. Writes return the new ' +
        'stream version (ETag) and accept If-Match and Idempotency-Key; errors are RFC 9457 ' +
        'problem details.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API token: npm run cli -- token create' },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Public operations (health, the signing pages, document verification, the sign-in flow) need
  // no credentials; every other one answers 401 without them.
  const isPublic = (path: string) => /^\/(health|sign|verify|auth|oidc)(\/|$)/.test(path);
  for (const [path, item] of Object.entries(document.paths))
    for (const operation of Object.values(item) as Array<{
      security?: unknown[];
      responses?: Record<string, unknown>;
    }>) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      if (isPublic(path)) operation.security = [];
      else
        operation.responses['401'] ??= {
          description: 'Not signed in (no or a bad token)',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
          },
        };
    }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
