import {
  BadRequestException,
  HttpStatus,
  ValidationError,
  ValidationPipe,
  type ArgumentMetadata,
} from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

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

/**
 * A rule across several fields that no schema states (exactly one of three parameters, a range
 * in order): 422 naming the rule, as a domain rule would be — 400 stays "not as documented".
 */
export class RequestRuleViolated extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly invalidParams: InvalidParam[],
  ) {
    super(message);
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ name, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], name)];
  });
}

/** Where a request's text holds U+0000, which PostgreSQL cannot store (nor index, nor project). */
export function nulCharacters(value: unknown, path = ''): InvalidParam[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? [{ name: path, reason: `${path} must not contain U+0000` }]
      : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulCharacters(item, at(String(i))));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      key.includes('\u0000')
        ? [{ name: at(key), reason: 'a property name must not contain U+0000' }]
        : nulCharacters(item, at(key)),
    );
  return [];
}

/**
 * The one global pipe: DTOs only, unknown fields refused, every invalid field reported; no text
 * of a body, query or path parameter may contain U+0000.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const invalid = nulCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (invalid.length > 0) throw new InvalidRequest(invalid);
    }
    // A numeric path parameter keeps its text for its own pipe (`@VersionParam()`), which
    // accepts digits only — not the `1e3` or `0x10` that Number() would.
    if (metadata.type === 'param' && metadata.metatype === Number) return value;
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * `@IsOptional()` skips a property that is missing and also one that is null; the API's optional
 * fields may be left out, but null is a value like any other that their validators refuse (the
 * document declares none of them nullable). Applied to every DTO's metadata, PartialType's too.
 */
function optionalMeansMissing(): void {
  const byTarget = Reflect.get(getMetadataStorage(), 'validationMetadatas') as Map<
    unknown,
    ValidationMetadata[]
  >;
  for (const metadatas of byTarget.values())
    for (const m of metadatas)
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === 'isOptional')
        m.constraints = [(_: object, value: unknown) => value !== undefined];
}

export function createValidationPipe(): ValidationPipe {
  optionalMeansMissing();
  return new RequestValidationPipe({
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
