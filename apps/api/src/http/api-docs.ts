import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { WriteResult } from './write-response';

/** RFC 9457 problem details, as every error is returned (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: '/problems/domain-rule-violated' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({
    description: '422: the violated rule',
    example: 'agreement.hash-mismatch',
  })
  rule?: string;
  @ApiPropertyOptional({ description: '409: the current version' }) currentVersion?: number;
  @ApiPropertyOptional({
    description: '400: each invalid field',
    example: [{ name: 'learner.email', reason: 'email must be an email' }],
  })
  invalidParams?: Array<{ name: string; reason: string }>;
}

const actorHeaders = [
  ApiHeader({ name: 'X-Actor-Id', required: false, description: 'Who acts (until sign-in lands)' }),
  ApiHeader({
    name: 'X-Actor-Role',
    required: false,
    description:
      'coordinator (default), administrator, teacher, mentor, signatory, auditor, system',
  }),
  ApiHeader({ name: 'X-Actor-Institution', required: false }),
];

/** A write: If-Match, Idempotency-Key, the actor headers, and the problem responses. */
export function ApiWrite(options: { creates?: boolean } = {}) {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version you last saw (the ETag); another current version gives 409',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retry-safe: the same key returns the same response and appends nothing',
    }),
    ...actorHeaders,
    ApiOkResponse({ type: WriteResult, description: options.creates ? 'Created (201)' : 'Done' }),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields (each listed)' }),
    ApiNotFoundResponse({ type: ProblemDto }),
    ApiConflictResponse({ type: ProblemDto, description: 'Version conflict (If-Match)' }),
    ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'A domain rule forbids it' }),
  );
}

export function ApiRead() {
  return applyDecorators(ApiNotFoundResponse({ type: ProblemDto }));
}
