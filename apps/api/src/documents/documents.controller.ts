import { Controller, Get, NotFoundException, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetPrintableDocumentQuery, type PrintableDocumentRef } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import type { Principal } from '@ecvet/identity';
import { publicUrlOf } from '@ecvet/notifications';
import { Caller } from '../auth/principal.decorator';
import { IdParam, VersionParam } from '../http/params';
import { ApiRead, PDF_SCHEMA } from '../http/api-docs';
import { DocumentLanguageDto } from './document-query.dto';
import { documentPdf } from './document-pdf';

/**
 * The documents as PDF, rendered from the exact events of a version: the Learning Agreement
 * version, the MoU version, the transcript, the certificate. Who may read the JSON may read the
 * PDF (the same visibility; 404 otherwise), with the same personal fields withheld.
 */
@ApiTags('documents')
@Controller()
export class DocumentsController {
  private readonly publicUrl: string;

  constructor(
    private readonly queries: QueryBus,
    config: AppConfig,
  ) {
    this.publicUrl = publicUrlOf(config);
  }

  @Get('mobilities/:mobilityId/learning-agreement/versions/:version.pdf')
  @ApiOperation({
    summary: 'A Learning Agreement version as PDF/A-3 (Latvian or English), hash and QR code',
  })
  @ApiRead({ produces: ['application/pdf'], schema: PDF_SCHEMA })
  agreementVersion(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') mobilityId: string,
    @VersionParam() version: number,
    @Query() query: DocumentLanguageDto,
    @Res() res: Response,
  ) {
    return this.send(res, { type: 'learning-agreement', mobilityId, version }, query, principal);
  }

  @Get('partnerships/:partnershipId/mou/versions/:version.pdf')
  @ApiOperation({ summary: 'An MoU version as PDF/A-3 (Latvian or English), hash and QR code' })
  @ApiRead({ produces: ['application/pdf'], schema: PDF_SCHEMA })
  mouVersion(
    @Caller() principal: Principal | undefined,
    @IdParam('partnershipId') partnershipId: string,
    @VersionParam() version: number,
    @Query() query: DocumentLanguageDto,
    @Res() res: Response,
  ) {
    return this.send(res, { type: 'mou', partnershipId, version }, query, principal);
  }

  @Get('mobilities/:mobilityId/transcript.pdf')
  @ApiOperation({ summary: 'The transcript of records as PDF/A-3, hash and QR code' })
  @ApiRead({ produces: ['application/pdf'], schema: PDF_SCHEMA })
  transcript(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') mobilityId: string,
    @Query() query: DocumentLanguageDto,
    @Res() res: Response,
  ) {
    return this.send(res, { type: 'transcript', mobilityId }, query, principal);
  }

  @Get('mobilities/:mobilityId/certificate.pdf')
  @ApiOperation({
    summary: 'The certificate of achieved learning outcomes as PDF/A-3, hash and QR code',
  })
  @ApiRead({ produces: ['application/pdf'], schema: PDF_SCHEMA })
  certificate(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') mobilityId: string,
    @Query() query: DocumentLanguageDto,
    @Res() res: Response,
  ) {
    return this.send(res, { type: 'certificate', mobilityId }, query, principal);
  }

  private async send(
    res: Response,
    ref: PrintableDocumentRef,
    query: DocumentLanguageDto,
    principal: Principal | undefined,
  ): Promise<void> {
    const doc = await this.queries.execute(new GetPrintableDocumentQuery(ref, principal));
    if (!doc)
      throw new NotFoundException(
        'version' in ref
          ? `${ref.type} version ${ref.version} does not exist`
          : `the ${ref.type} has not been issued`,
      );
    const language = query.lang ?? 'lv';
    const pdf = await documentPdf(doc, language, `${this.publicUrl}/verify/${doc.contentHash}`);
    const name = [ref.type, doc.id, doc.version, language].filter((x) => x !== undefined);
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${name.join('-').replace(/[^\w.-]+/g, '_')}.pdf"`,
        // Personal data, for one reader: kept by no shared cache.
        'Cache-Control': 'private, no-store',
        'X-Content-Hash': doc.contentHash,
      })
      .send(pdf);
  }
}
