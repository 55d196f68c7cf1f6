import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';
import { problemContent, ProblemDto } from './api-docs';
import { declareValidationConstraints, NO_NUL } from './openapi-constraints';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

interface Parameter {
  in: string;
  schema?: { type?: string; pattern?: string; enum?: unknown[]; format?: string };
}

interface Operation {
  parameters?: unknown[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
  [extension: string]: unknown;
}

/** OpenAPI from the controllers and DTOs: the UI at /api/docs, the document at /api/docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  declareValidationConstraints();
  const config = new DocumentBuilder()
    .setTitle('ECVET Mobility Engine')
    .setDescription(
      'Partnerships and MoUs, candidate selection, Learning Agreements and their signatures, ' +
        'mobilities with assessment, validation, recognition and credit. Writes return the new ' +
        'stream version (ETag) and accept If-Match and Idempotency-Key; errors are RFC 9457 ' +
        'problem details (application/problem+json). A method a path does not list answers 405 ' +
        'with Allow.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API token: npm run cli -- token create' },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  declareWhatEveryOperationAnswers(document);
  closeRequestBodies(document);
  return document;
}

/** Request bodies are whitelisted: a property their DTO does not list is refused (400). */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      const schema = schemas[name];
      if (seen.has(name) || !schema) return;
      seen.add(name);
      if (schema.properties) schema.additionalProperties = false;
      return visit(schema);
    }
    Object.values(node).forEach(visit);
  };
  for (const item of Object.values(document.paths))
    for (const method of METHODS)
      visit((item[method] as { requestBody?: unknown } | undefined)?.requestBody);
}

/**
 * What the global machinery makes true of every operation, declared once here rather than on
 * each: its security (`@Public()` or a signed-in account, else 401), 400 for a request the
 * validation pipe or the body parser refuses, and problem details as the one error format.
 */
function declareWhatEveryOperationAnswers(document: OpenAPIObject): void {
  const problemRef = getSchemaPath(ProblemDto);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const isPublic = operation[PUBLIC_EXTENSION] === true;
      delete operation[PUBLIC_EXTENSION];
      if (isPublic) operation.security = [];
      else {
        operation.security = [{ bearer: [] }];
        operation.responses['401'] ??= {
          description: 'Not signed in (no or a bad token)',
          content: problemContent(),
        };
        // authentication.guard.ts: a change sent with the session cookie from another origin
        // and without X-CSRF-Token.
        if (method !== 'get')
          operation.responses['403'] ??= {
            description: 'Refused: by cookie from another origin without X-CSRF-Token',
            content: problemContent(),
          };
      }
      // The validation pipe refuses U+0000 in every query and path parameter, as in bodies.
      for (const parameter of (operation.parameters ?? []) as Parameter[]) {
        const schema = parameter.schema;
        if ((parameter.in === 'query' || parameter.in === 'path') && schema?.type === 'string')
          if (!schema.pattern && !schema.enum && !schema.format) schema.pattern = NO_NUL;
      }
      // A read whose body no decorator describes answers a JSON object (a view of the resource).
      if (method === 'get') {
        const ok = (operation.responses['200'] ??= { description: 'OK' });
        ok.content ??= { 'application/json': { schema: { type: 'object' } } };
      }
      operation.responses['400'] ??= {
        description: 'Invalid parameters, headers or body (each listed in invalidParams)',
        content: problemContent(),
      };
      // The body parser's limit (100 kB) and the charsets it reads.
      if ((operation as { requestBody?: unknown }).requestBody) {
        operation.responses['413'] ??= {
          description: 'A body over 100 kB',
          content: problemContent(),
        };
        operation.responses['415'] ??= {
          description: 'A body in a charset or encoding the server does not read',
          content: problemContent(),
        };
      }
      // The filter answers every error as problem details: whatever media type a decorator
      // gave a ProblemDto response, it is application/problem+json.
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const content = response.content ?? {};
        const problems = Object.entries(content).filter(
          ([, media]) => (media as { schema?: { $ref?: string } }).schema?.$ref === problemRef,
        );
        for (const [media] of problems) delete content[media];
        if (problems.length > 0 || Object.keys(content).length === 0)
          Object.assign(content, problemContent());
        response.content = content;
      }
    }
  }
}
