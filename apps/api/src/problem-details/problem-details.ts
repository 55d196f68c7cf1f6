import { BadRequestException, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';

/** RFC 9457 problem details. `type` URIs are relative to the API (documented at /api/docs). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface InvalidParam {
  /** Dotted path of the offending field, e.g. `learner.birthDate` or `units.0.title`. */
  name: string;
  reason: string;
}

/** What the validation pipe throws: carries each invalid field for the 400 problem. */
export class InvalidRequest extends BadRequestException {
  constructor(readonly invalidParams: InvalidParam[]) {
    super('The request has invalid fields');
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ name, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], name)];
  });
}

/** The one global pipe: DTOs only, unknown fields refused, every invalid field reported. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidRequest(flattenValidationErrors(errors)),
  });
}

export const problem = (
  status: HttpStatus,
  slug: string,
  title: string,
  extra: Omit<Partial<ProblemDetails>, 'status' | 'type' | 'title'> = {},
): ProblemDetails => ({ ...extra, type: `/problems/${slug}`, title, status });
