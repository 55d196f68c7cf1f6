import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Request, Response } from 'express';
import {
  GetAgreementVersionQuery,
  GetHistoryQuery,
  GetViewQuery,
  ListViewsQuery,
  MobilityService,
} from '@ecvet/application';
import type { WriteOutcome } from '@ecvet/event-sourcing';
import { Caller } from '../auth/principal.decorator';
import { IdParam, VersionParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA, PAGE_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { withETag, writeResult } from '../http/write-response';
import { AmendAgreementDto, DeclineAgreementDto, SignAgreementDto } from './learning-agreement.dto';
import { MobilityListQueryDto } from './mobility-list-query.dto';
import { PlanMobilityDto } from './mobility-plan.dto';

/** DTO instances to plain JSON data: no class prototypes or undefined keys in events. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The mobilities resource. Each write is one call to a MobilityService use case (the same one
 * the signing pages and the workflow call); this class maps HTTP to it and nothing more.
 */
@ApiTags('mobilities')
@Controller('mobilities')
export class MobilitiesController {
  constructor(
    private readonly mobilities: MobilityService,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Plan a mobility: learner, institutions, pinned qualification version, units, period',
  })
  @ApiWrite({ creates: true })
  async plan(
    @Body() body: PlanMobilityDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mobilityId, ...request } = plain(body);
    const outcome = await this.mobilities.plan(mobilityId, request, cmd.context, cmd.options);
    res.status(201).location(`/mobilities/${mobilityId}`);
    return written(res, mobilityId, outcome, cmd);
  }

  @Get()
  @ApiOperation({ summary: 'The dashboard list: mobilities by phase or partnership (read model)' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() query: MobilityListQueryDto) {
    const filter: Record<string, string> = {};
    if (query.phase) filter.phase = query.phase;
    if (query.partnershipId) filter.partnershipId = query.partnershipId;
    return this.queries.execute(
      new ListViewsQuery(
        'mobilities',
        filter,
        { limit: query.limit, offset: query.offset },
        principal,
      ),
    );
  }

  @Get(':mobilityId')
  @ApiOperation({
    summary: 'A mobility with its phase, agreement, signatures, assessments, recognition',
  })
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Mobility', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':mobilityId/history')
  @ApiOperation({ summary: 'Every event with actor, command and correlation ids (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('mobilityId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Mobility', id, principal));
  }

  @Post(':mobilityId/learning-agreement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft version 1 of the Learning Agreement from the plan' })
  @ApiWrite()
  async draft(
    @IdParam('mobilityId') id: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.draftAgreement(id, cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/learning-agreement/amendments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend the agreement: a new version whose signatures start afresh' })
  @ApiWrite()
  async amend(
    @IdParam('mobilityId') id: string,
    @Body() body: AmendAgreementDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.amendAgreement(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Get(':mobilityId/learning-agreement/versions/:version')
  @ApiOperation({
    summary: 'One version of the agreement: the content signatories sign, and its hash',
  })
  @ApiRead()
  async agreementVersion(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') id: string,
    @VersionParam() version: number,
  ) {
    const document = await this.queries.execute(
      new GetAgreementVersionQuery(id, version, principal),
    );
    if (!document)
      throw new NotFoundException(`mobility ${id} has no agreement version ${version}`);
    return document;
  }

  @Post(':mobilityId/learning-agreement/versions/:version/signatures')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign a version (its hash), as the sending school, host, learner or guardian',
  })
  @ApiWrite()
  async sign(
    @IdParam('mobilityId') id: string,
    @VersionParam() version: number,
    @Body() body: SignAgreementDto,
    @Req() req: Request,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const userAgent = req.get('user-agent');
    const request = plain({
      version,
      ...body,
      ...(req.ip && { ip: req.ip }),
      ...(userAgent && { userAgent }),
    });
    const outcome = await this.mobilities.signAgreement(id, request, cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/learning-agreement/versions/:version/declines')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a version, with a reason' })
  @ApiWrite()
  async decline(
    @IdParam('mobilityId') id: string,
    @VersionParam() version: number,
    @Body() body: DeclineAgreementDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.declineAgreement(
      id,
      plain({ version, ...body }),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }
}

function written(res: Response, id: string, outcome: WriteOutcome, cmd: CommandRequest) {
  return writeResult(res, id, outcome, cmd.idempotent);
}
