import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { problemContent } from '../http/api-docs';

const HTML = { 'text/html': { schema: { type: 'string' } } };

/**
 * Every answer of a signing page is a page (HTML) in the signatory's language, whatever went
 * wrong; only what stops a request before the page (an invalid parameter, the rate limit) is
 * problem details.
 */
export const ApiPages = (ok: string) =>
  applyDecorators(
    ApiResponse({ status: 200, description: ok, content: HTML }),
    ApiResponse({
      status: 400,
      description: 'A link that is not ours, or an incomplete form (a page); an invalid parameter',
      content: { ...HTML, ...problemContent() },
    }),
    ApiResponse({ status: 404, description: 'The agreement is not there (a page)', content: HTML }),
    ApiResponse({
      status: 409,
      description: 'A new version replaced the one the link is for (a page)',
      content: HTML,
    }),
    ApiResponse({
      status: 410,
      description: 'Expired, used or replaced link, or the role has signed (a page)',
      content: HTML,
    }),
    ApiResponse({
      status: 422,
      description: 'A rule of the process refused it (a page)',
      content: HTML,
    }),
  );
