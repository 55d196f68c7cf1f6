import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Request, Response } from 'express';
import {
  GetHistoryQuery,
  GetMouVersionQuery,
  GetViewQuery,
  ListViewsQuery,
  PartnershipService,
} from '@ecvet/application';
import type { PartnershipReminderPolicy } from '@ecvet/domain';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA, PAGE_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { withETag, writeResult } from '../http/write-response';
import {
  DeclineMouDto,
  MouContentBodyDto,
  MouVersionDocumentDto,
  MouVersionParamsDto,
  RecordMouReviewDto,
  RenewMouDto,
  SignMouDto,
} from './mou.dto';
import {
  EvaluatePartnershipDto,
  PartnershipListQueryDto,
  PartnershipPartyDto,
  ProposePartnershipDto,
  SetReminderPolicyDto,
  TerminatePartnershipDto,
} from './partnership.dto';

/** A DTO instance as plain data: no prototypes, no `undefined` keys in the events. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipsController {
  constructor(
    private readonly partnerships: PartnershipService,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Propose a partnership between a sending school and its hosts' })
  @ApiWrite({ creates: true })
  async propose(
    @Body() body: ProposePartnershipDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = body.partnershipId;
    const outcome = await this.partnerships.propose(id, plain(body), cmd.context, cmd.options);
    res.status(201).location(`/partnerships/${id}`);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'List partnerships (read model), optionally by status' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() query: PartnershipListQueryDto) {
    const { status, limit, offset } = query;
    return this.queries.execute(
      new ListViewsQuery('partnerships', status ? { status } : {}, { limit, offset }, principal),
    );
  }

  @Get(':partnershipId')
  @ApiOperation({ summary: 'A partnership with its parties, current MoU and signed versions' })
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('partnershipId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Partnership', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':partnershipId/history')
  @ApiOperation({ summary: 'Every event of the partnership with its actor (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('partnershipId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Partnership', id, principal));
  }

  @Post(':partnershipId/partners')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a party (voids the signatures of a version awaiting them)' })
  @ApiWrite()
  async addPartner(
    @IdParam('partnershipId') id: string,
    @Body() body: PartnershipPartyDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.addPartner(
      id,
      { party: plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Delete(':partnershipId/partners/:institutionId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a party (voids the signatures of a version awaiting them)' })
  @ApiWrite()
  async removePartner(
    @IdParam('partnershipId') id: string,
    @IdParam('institutionId') institutionId: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.removePartner(
      id,
      { institutionId },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/mou')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft the first MoU version' })
  @ApiWrite()
  async draftMou(
    @IdParam('partnershipId') id: string,
    @Body() body: MouContentBodyDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.draftMou(
      id,
      { content: plain(body.content) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/mou/amendments')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Amend the MoU: a new version (signatures of one not fully signed are void)',
  })
  @ApiWrite()
  async amendMou(
    @IdParam('partnershipId') id: string,
    @Body() body: MouContentBodyDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.amendMou(
      id,
      { content: plain(body.content) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Get(':partnershipId/mou/versions/:version')
  @ApiOperation({
    summary: 'The document of an MoU version as a signer sees it, with the hash to sign',
  })
  @ApiOkResponse({ type: MouVersionDocumentDto })
  @ApiRead({ etag: true })
  async mouVersion(
    @Caller() principal: Principal | undefined,
    @Param() params: MouVersionParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partnershipId, version } = params;
    const { streamVersion, document } = await this.queries.execute(
      new GetMouVersionQuery(partnershipId, version, principal),
    );
    if (!document)
      throw new NotFoundException(
        `Partnership ${partnershipId} has no MoU version ${String(version)}`,
      );
    return withETag(res, streamVersion, document);
  }

  @Post(':partnershipId/mou/versions/:version/signatures')
  @HttpCode(200)
  @ApiOperation({
    summary: "A party signs an MoU version's hash (the last signature makes it fully signed)",
  })
  @ApiWrite()
  async signMou(
    @Param() params: MouVersionParamsDto,
    @Body() body: SignMouDto,
    @Cmd() cmd: CommandRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partnershipId: id, version } = params;
    const userAgent = req.get('User-Agent');
    const outcome = await this.partnerships.signMou(
      id,
      {
        version,
        ...plain(body),
        ...(req.ip && { ip: req.ip }),
        ...(userAgent && { userAgent }),
      },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/mou/versions/:version/declines')
  @HttpCode(200)
  @ApiOperation({ summary: 'A party declines to sign an MoU version, stating why' })
  @ApiWrite()
  async declineMou(
    @Param() params: MouVersionParamsDto,
    @Body() body: DeclineMouDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partnershipId: id, version } = params;
    const outcome = await this.partnerships.declineMou(
      id,
      { version, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/renewals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew the fully signed MoU: a new version with a new validity' })
  @ApiWrite()
  async renewMou(
    @IdParam('partnershipId') id: string,
    @Body() body: RenewMouDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.renewMou(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/reviews')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a review of the fully signed MoU' })
  @ApiWrite()
  async reviewMou(
    @IdParam('partnershipId') id: string,
    @Body() body: RecordMouReviewDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.recordReview(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/termination')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate the partnership from a date (never retroactively)' })
  @ApiWrite()
  async terminate(
    @IdParam('partnershipId') id: string,
    @Body() body: TerminatePartnershipDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.terminate(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':partnershipId/evaluations')
  @HttpCode(200)
  @ApiOperation({ summary: 'A party evaluates the partnership' })
  @ApiWrite()
  async evaluate(
    @IdParam('partnershipId') id: string,
    @Body() body: EvaluatePartnershipDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.partnerships.evaluate(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Put(':partnershipId/reminder-policy')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the reminder and escalation policy read by the workflows' })
  @ApiWrite()
  async setReminderPolicy(
    @IdParam('partnershipId') id: string,
    @Body() body: SetReminderPolicyDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Only the keys sent (plain drops the others): durations, hours and a time zone.
    const policy = plain(body.policy) as PartnershipReminderPolicy;
    const outcome = await this.partnerships.setReminderPolicy(
      id,
      { policy },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
