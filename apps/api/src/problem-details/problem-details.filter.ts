import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@ecvet/domain';
import {
  DuplicateEventId,
  InvalidAppend,
  StreamNotFound,
  SubjectForgotten,
  WrongExpectedVersion,
} from '@ecvet/event-store';
import { AccessDenied } from '@ecvet/application';
import { IdempotencyKeyReused } from '@ecvet/event-sourcing';
import { Unauthenticated } from '../auth/unauthenticated';
import type { AllowedMethods } from '../http/route-methods';
import { TooManyRequests } from '../security/too-many-requests';
import {
  InvalidRequest,
  problem,
  RequestRuleViolated,
  type ProblemDetails,
} from './problem-details';

/**
 * Maps every error to RFC 9457 `application/problem+json`, in one place: 400 with each invalid
 * field, 404, 405 with Allow for a method a known path does not serve, 409 with the current
 * version, 422 naming the broken domain rule, 500 for the rest (logged, with no internals in the
 * response).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  /** `allowedMethods`: the routes' methods at a path (without it, an unknown route is a 404). */
  constructor(private readonly allowedMethods?: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const allow = this.methodNotAllowed(exception, request);
    if (allow) response.setHeader('Allow', allow.join(', '));
    const problemOf = allow
      ? problem(HttpStatus.METHOD_NOT_ALLOWED, 'method-not-allowed', 'Method not allowed', {
          detail: `${request.method} is not served here; use ${allow.join(', ')}`,
        })
      : this.toProblem(exception);
    const body = { ...problemOf, instance: request.originalUrl };
    if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof Unauthenticated) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof TooManyRequests)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.status).type('application/problem+json').json(body);
  }

  /** A 404 at a path whose routes serve other methods only: no route of this method matched. */
  private methodNotAllowed(exception: unknown, request: Request): string[] | undefined {
    if (!(exception instanceof NotFoundException) || !this.allowedMethods) return undefined;
    const allow = this.allowedMethods(request.path);
    return allow.length > 0 && !allow.includes(request.method) ? allow : undefined;
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof InvalidRequest) {
      return problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request has invalid fields', {
        invalidParams: exception.invalidParams,
      });
    }
    if (exception instanceof DomainError) {
      return problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'domain-rule-violated',
        'A rule of the process forbids this',
        {
          detail: exception.message,
          rule: exception.rule,
          ...exception.details,
        },
      );
    }
    if (exception instanceof RequestRuleViolated) {
      return problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'request-rule-violated',
        'The fields are valid, but not together',
        { detail: exception.message, rule: exception.rule, invalidParams: exception.invalidParams },
      );
    }
    if (exception instanceof IdempotencyKeyReused) {
      return problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request',
        { detail: exception.message, rule: 'request.idempotency-key-reused' },
      );
    }
    if (exception instanceof WrongExpectedVersion) {
      return problem(
        HttpStatus.CONFLICT,
        'version-conflict',
        'Someone changed this in the meantime',
        {
          detail: `You sent version ${String(exception.expected)}; it is now at version ${exception.actual}. Reload and try again.`,
          currentVersion: exception.actual,
        },
      );
    }
    if (exception instanceof DuplicateEventId) {
      return problem(
        HttpStatus.CONFLICT,
        'duplicate-command',
        'This command was already used for something else',
        {
          detail: exception.message,
        },
      );
    }
    if (exception instanceof Unauthenticated) {
      return problem(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Sign-in required', {
        detail: exception.message,
      });
    }
    if (exception instanceof AccessDenied) {
      return problem(HttpStatus.FORBIDDEN, 'forbidden', 'Not allowed', {
        detail: `your role may not do this here (${exception.useCase})`,
      });
    }
    if (exception instanceof StreamNotFound) {
      return problem(HttpStatus.NOT_FOUND, 'not-found', 'Not found', { detail: exception.message });
    }
    if (exception instanceof SubjectForgotten || exception instanceof InvalidAppend) {
      return problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'domain-rule-violated',
        'A rule of the process forbids this',
        {
          detail: exception.message,
          rule: exception.code,
        },
      );
    }
    if (exception instanceof TooManyRequests) {
      return problem(HttpStatus.TOO_MANY_REQUESTS, 'too-many-requests', 'Too many requests', {
        detail: exception.message,
        retryAfter: exception.retryAfterSeconds,
      });
    }
    const refusedBody = bodyParserRefusal(exception);
    if (refusedBody)
      return problem(refusedBody.status, `http-${refusedBody.status}`, refusedBody.message);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404)
        return problem(HttpStatus.NOT_FOUND, 'not-found', 'Not found', {
          detail: exception.message,
        });
      return problem(status, `http-${status}`, exception.message);
    }
    return problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal-error',
      'Something went wrong on our side',
    );
  }
}

/**
 * The body parser's own refusals (http-errors with `expose`): a body over the limit (413), in a
 * charset or encoding it does not read (415) — the client's doing, not a failure of ours.
 */
function bodyParserRefusal(exception: unknown): { status: number; message: string } | undefined {
  if (!(exception instanceof Error)) return undefined;
  const status: unknown = Reflect.get(exception, 'status');
  const exposed: unknown = Reflect.get(exception, 'expose');
  if (typeof status !== 'number' || status < 400 || status > 499 || exposed !== true)
    return undefined;
  return { status, message: exception.message };
}
