import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
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
import { TooManyRequests } from '../security/too-many-requests';
import { InvalidRequest, problem, type ProblemDetails } from './problem-details';

/**
 * Maps every error to RFC 9457 `application/problem+json`, in one place: 400 with each invalid
 * field, 404, 409 with the current version, 422 naming the broken domain rule, 500 for the rest
 * (logged, with no internals in the response).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...this.toProblem(exception), instance: request.originalUrl };
    if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof Unauthenticated) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof TooManyRequests)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.status).type('application/problem+json').json(body);
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
