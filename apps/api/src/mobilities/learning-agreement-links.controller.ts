import {
  Controller,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
  ConflictException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { AccessDenied, MobilityService } from '@ecvet/application';
import type { SignatoryRole } from '@ecvet/domain';
import { KeptSigningLinks, KeptSigningLinkUnavailable } from '@ecvet/notifications';
import { ApiWrite } from '../http/api-docs';
import { Cmd, type CommandRequest } from '../http/command-request';
import { WriteResult, writeResult } from '../http/write-response';
import { VERSION_MAX, QueryInt } from '../http/dto-fields';
import { ID, ID_MESSAGE } from './mobility-plan.dto';

const ROLES: readonly SignatoryRole[] = ['sending-school', 'host', 'learner', 'guardian'];

/** The signatory of one version of a mobility's agreement that a link is for. */
export class SignatoryLinkParams {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('mobilityId') }) mobilityId!: string;
  @ApiProperty({ description: 'The Learning Agreement version' })
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(VERSION_MAX)
  version!: number;
  @ApiProperty() @IsIn(ROLES) role!: SignatoryRole;
}

export class DisclosedSigningLinkDto extends WriteResult {
  @ApiProperty({ description: 'The link, to pass on to the signatory. Not stored anywhere' })
  signingLink!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'The outbox mail that carries it' }) outboxId!: string;
  @ApiProperty({ description: 'The id of the event that carried it (the link’s id)' })
  linkId!: string;
}

/**
 * A signatory's signing links. A coordinator of the sending school (or an operator) sends a fresh
 * one: every link issued before it for that version and role stops working, and the mail with the
 * new one goes through the outbox. Without an SMTP server (mail kept in the local outbox) an
 * operator reads the link to pass it on: recorded as `SigningLinkDisclosed`, and the only place
 * the API ever returns a link.
 */
@ApiTags('mobilities')
@Controller('mobilities/:mobilityId/learning-agreement/versions/:version/signatories/:role/links')
export class LearningAgreementLinksController {
  constructor(
    private readonly mobilities: MobilityService,
    private readonly kept: KeptSigningLinks,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send a signatory a fresh signing link; the earlier ones for this version stop working',
    description:
      'Records `SigningLinkReissued`; the outbox mails the new link to the signatory. Only for ' +
      'a signatory the current version still awaits (422 otherwise). A link issued before it ' +
      'answers 410 ("replaced by a newer link").',
  })
  @ApiWrite()
  async reissue(
    @Param() params: SignatoryLinkParams,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mobilityId, version, role } = params;
    const outcome = await this.mobilities.reissueSigningLink(
      mobilityId,
      { version, role },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, mobilityId, outcome, cmd.idempotent);
  }

  @Post('disclosures')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Operators: read the signatory’s link kept in the local outbox (no SMTP server)',
    description:
      'Without SMTP_URL nobody else can bring the signatory their link. Returns the newest link ' +
      'kept locally for this signatory that still works, and records `SigningLinkDisclosed` ' +
      '(who read which link, when). 403 for anyone but an operator; 404 when no working link ' +
      'is kept locally (mail went by SMTP, or the link expired or was replaced: send a fresh ' +
      'one); 409 when the links’ key changed since.',
  })
  @ApiWrite()
  @ApiOkResponse({ type: DisclosedSigningLinkDto })
  async disclose(
    @Param() params: SignatoryLinkParams,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisclosedSigningLinkDto> {
    // Operators only (the policy's `discloseLink`, checked again when it is recorded): the
    // coordinator's way to reach a signatory is a fresh link by mail. Checked before looking
    // for the link, so that nobody else learns whether one is kept.
    if (cmd.context.principal?.role !== 'operator') throw new AccessDenied('discloseLink');
    const { mobilityId, version, role } = params;
    const link = await this.kept.newest(mobilityId, version, role).catch((err: unknown) => {
      if (err instanceof KeptSigningLinkUnavailable) throw new ConflictException(err.message);
      throw err;
    });
    if (!link)
      throw new NotFoundException(
        `no working signing link of the ${role} for version ${version} is kept in the local outbox`,
      );
    const outcome = await this.mobilities.discloseSigningLink(
      mobilityId,
      { version, role, linkId: link.linkId },
      cmd.context,
      cmd.options,
    );
    res.setHeader('Cache-Control', 'no-store');
    return {
      ...writeResult(res, mobilityId, outcome, cmd.idempotent),
      signingLink: link.url,
      expiresAt: link.expiresAt.toISOString(),
      outboxId: link.outboxId,
      linkId: link.linkId,
    };
  }
}
