import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FindDocumentByHashQuery } from '@ecvet/application';
import { Public } from '../auth/public.decorator';
import { problemContent } from '../http/api-docs';
import { PAGE_HEADERS } from '../signing/signing-pages';
import { languageOf } from '../signing/signing-form';
import { unknownHashPage, verificationPage } from './verification-page';

/**
 * `GET /verify/{hash}`: what the QR code of a rendered document opens. Public — the hash is
 * printed on the document, and the answer discloses no more than the document itself (less:
 * which document and version, its status, the signatories' roles, names, methods and times;
 * never an e-mail, a date of birth or an address). HTML in Latvian or English (`?lang=`), or JSON
 * with `Accept: application/json`.
 */
@ApiTags('documents')
@Public()
@Controller('verify')
export class VerificationController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':hash')
  @ApiOperation({
    summary: 'Verify a document by its content hash: which it is, current, superseded or revoked',
    description:
      'Public. text/html (Latvian by default, ?lang=en) or, with Accept: application/json, ' +
      'JSON: `document` (type, mobility or partnership id, version, document id), `status` ' +
      '(current | superseded | revoked), `supersededBy`, `revoked` (reason, on), ' +
      '`signatures` and `declines` (role, name, institution, method, at). 404 for a hash of ' +
      'no document.',
  })
  @ApiParam({ name: 'hash', example: `sha256:${'0'.repeat(64)}` })
  @ApiQuery({ name: 'lang', required: false, enum: ['lv', 'en'] })
  @ApiResponse({
    status: 200,
    description: 'The document and its status: a page, or JSON with Accept: application/json',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'object' } },
    },
  })
  @ApiResponse({
    status: 404,
    description: 'No document has this hash: a page, or problem details with Accept JSON',
    content: { 'text/html': { schema: { type: 'string' } }, ...problemContent() },
  })
  async verify(
    @Param('hash') hash: string,
    @Query('lang') lang: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const verification = await this.queries.execute(new FindDocumentByHashQuery(hash));
    const json = req.accepts(['text/html', 'application/json']) === 'application/json';
    res.vary('Accept');
    if (json) {
      if (!verification) throw new NotFoundException('no document has this content hash');
      res.status(200).set('Cache-Control', 'no-store').json(verification);
      return;
    }
    const language = languageOf(lang) ?? 'lv';
    res
      .status(verification ? 200 : 404)
      .set(PAGE_HEADERS)
      .send(verification ? verificationPage(language, verification) : unknownHashPage(language));
  }
}
