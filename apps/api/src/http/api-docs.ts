import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
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

/** Every operation but the public ones: an account's token (or session), and its refusals. */
const signedIn = [
  ApiBearerAuth(),
  ApiUnauthorizedResponse({ type: ProblemDto, description: 'Not signed in (no or a bad token)' }),
  ApiNotFoundResponse({
    type: ProblemDto,
    description: 'Not found — or not visible to your account (the same answer)',
  }),
];

/** A write: If-Match, Idempotency-Key, who may call it, and the problem responses. */
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
    ...signedIn,
    ApiForbiddenResponse({ type: ProblemDto, description: 'Visible to you, but not yours to do' }),
    ApiOkResponse({ type: WriteResult, description: options.creates ? 'Created (201)' : 'Done' }),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields (each listed)' }),
    ApiConflictResponse({ type: ProblemDto, description: 'Version conflict (If-Match)' }),
    ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'A domain rule forbids it' }),
  );
}

export function ApiRead() {
  return applyDecorators(...signedIn);
}
