import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { IDEMPOTENCY_KEY, IF_MATCH } from './conditional-headers';
import { WriteResult } from './write-response';

/** The media type of every error the API answers (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

export class InvalidParamDto {
  @ApiProperty({ example: 'learner.email', description: 'Dotted path of the field or header' })
  name!: string;
  @ApiProperty({ example: 'email must be an email' }) reason!: string;
}

/** RFC 9457 problem details, as every error is returned (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: '/problems/domain-rule-violated' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 }) status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({
    description: '422: the violated rule',
    example: 'agreement.hash-mismatch',
  })
  rule?: string;
  @ApiPropertyOptional({ type: 'integer', description: '409: the current version' })
  currentVersion?: number;
  @ApiPropertyOptional({ type: [InvalidParamDto], description: '400: each invalid field' })
  invalidParams?: InvalidParamDto[];
  @ApiPropertyOptional({ type: 'integer', description: '429: seconds to wait (as Retry-After)' })
  retryAfter?: number;
}

/** `content` of a problem response. */
export const problemContent = () => ({
  [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDto) } },
});

/** One error status an operation can answer, as problem details. */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, description, content: problemContent() });

/** The version of what was read or written, to send back as If-Match. */
export const ETAG_HEADER = {
  ETag: {
    description: 'The stream version as an entity tag, e.g. "3"',
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
};

/** Every operation but the public ones: an account's token (or session), and its refusals. */
export const ApiSignedIn = () => applyDecorators(...signedIn());
const signedIn = () => [
  ApiBearerAuth('bearer'),
  ApiProblem(401, 'Not signed in (no or a bad token)'),
  ApiProblem(404, 'Not found — or not visible to your account (the same answer)'),
];

/**
 * A write: If-Match and Idempotency-Key (with exactly the forms the server accepts), the result
 * with its ETag, and every refusal. `creates`: 201 with Location.
 */
export function ApiWrite(options: { creates?: boolean } = {}) {
  return applyDecorators(
    ApiCommandHeaders(),
    ...signedIn(),
    ApiResponse({
      status: options.creates ? 201 : 200,
      type: WriteResult,
      description: options.creates ? 'Created' : 'Done',
      headers: {
        ...ETAG_HEADER,
        'Idempotent-Replayed': {
          description: 'With Idempotency-Key: whether this is the first answer repeated',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        ...(options.creates && {
          Location: { description: 'The resource created', schema: { type: 'string' } },
        }),
      },
    }),
    ApiProblem(403, 'Visible to you, but not yours to do'),
    ApiProblem(409, 'Version conflict (If-Match), with currentVersion'),
    ApiProblem(422, 'A rule of the process forbids it (rule names it)'),
  );
}

/** The headers every command reads (`@Cmd()`), in exactly the forms the server accepts. */
export function ApiCommandHeaders() {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The version you last saw (the ETag, e.g. "3"); another current version gives 409',
      schema: { type: 'string', pattern: IF_MATCH.source },
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Retry-safe: the same key returns the same response and appends nothing; 1–255 visible ' +
        'ASCII characters',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, minLength: 1, maxLength: 255 },
    }),
  );
}

/** A resource's events with their actors and metadata (`GET …/history`). */
export const HISTORY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['version', 'type', 'recordedAt', 'data'],
    properties: {
      version: { type: 'integer' },
      type: { type: 'string' },
      recordedAt: { type: 'string', format: 'date-time' },
      data: { type: 'object' },
      metadata: { type: 'object' },
    },
  },
};

/** A page of a read model (`GET /institutions`, `/mobilities` …). */
export const PAGE_SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { type: 'object' } } },
};

export interface ApiReadOptions {
  /** A single resource, answered with its version as ETag. */
  etag?: boolean;
  /** The body: a DTO, or a schema (default: an object). */
  type?: Type<unknown> | [Type<unknown>];
  schema?: Record<string, unknown>;
  /** Not JSON: the media types of the body (`application/pdf` …), with `schema` if any. */
  produces?: string[];
  description?: string;
}

/**
 * An operation of signed-in callers, and what it answers: 200 with the body the options describe
 * (JSON unless `produces` says otherwise). Without options the 200 is left to the operation's own
 * decorators — for a GET without one, openapi.ts declares a JSON object.
 */
export function ApiRead(options: ApiReadOptions = {}) {
  if (Object.keys(options).length === 0) return applyDecorators(...signedIn());
  const headers = options.etag ? ETAG_HEADER : undefined;
  const description = options.description ?? 'OK';
  const schema = options.schema ?? { type: 'object' };
  const ok = options.type
    ? ApiResponse({ status: 200, description, type: options.type, headers })
    : ApiResponse({
        status: 200,
        description,
        headers,
        content: Object.fromEntries(
          (options.produces ?? ['application/json']).map((media) => [media, { schema }]),
        ),
      });
  return applyDecorators(...signedIn(), ok);
}

/** A rendered document (PDF/A-3b). */
export const PDF_SCHEMA = { type: 'string', format: 'binary' };
