import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, trustProxySetting } from '@ecvet/config';
import { AppModule } from './app.module';
import { dashboardDist } from './dashboard/spa.controller';
import { setUpOpenApi } from './http/openapi';
import { routeMethodsOf } from './http/route-methods';
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
  // Behind a reverse proxy or an ingress, the client's address comes from X-Forwarded-For, but
  // only from the proxies TRUST_PROXY names (else every client would share the proxy's address).
  const trustProxy = app.get(AppConfig).TRUST_PROXY;
  if (trustProxy) app.set('trust proxy', trustProxySetting(trustProxy));
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
  app.useGlobalFilters(
    new ProblemDetailsFilter(routeMethodsOf(app.getHttpAdapter().getInstance())),
  );
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

/** Kept here for the test apps that set up the document on an app of their own. */
export { setUpOpenApi };
