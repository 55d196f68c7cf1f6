import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A state-changing request that authenticates by the session cookie but neither comes from
 * `PUBLIC_URL`'s origin nor carries the session's `X-CSRF-Token`: 403 problem details. An
 * HttpException, so that it stays a 403 wherever it is caught.
 */
export class CsrfRefused extends HttpException {
  constructor() {
    super(
      'A request that changes something with the session cookie must come from this site ' +
        '(Origin) or send the session’s X-CSRF-Token (GET /auth/session)',
      HttpStatus.FORBIDDEN,
    );
  }
}
