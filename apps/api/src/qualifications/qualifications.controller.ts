import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Response } from 'express';
import {
  GetHistoryQuery,
  GetViewQuery,
  ListViewsQuery,
  QualificationService,
  SnapshotLoader,
} from '@ecvet/application';
import { DomainError } from '@ecvet/domain';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA, PAGE_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { PageQueryDto } from '../http/list-query.dto';
import { withETag, writeResult } from '../http/write-response';
import {
  AddModuleDto,
  DefineQualificationDto,
  DefineUnitDto,
  PublishResult,
  QualificationVersionPathDto,
  UnitPathDto,
} from './qualification.dto';

/** DTO instances → plain data: no class prototypes and no `undefined` keys travel into events. */
const plain = <T>(dto: T): T => JSON.parse(JSON.stringify(dto)) as T;

@ApiTags('qualifications')
@Controller('qualifications')
export class QualificationsController {
  constructor(
    private readonly qualifications: QualificationService,
    private readonly queries: QueryBus,
    private readonly snapshots: SnapshotLoader,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Define a qualification of the catalogue (EQF/NQF level, programme)' })
  @ApiWrite({ creates: true })
  async define(
    @Body() body: DefineQualificationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.qualifications.define(
      body.qualificationId,
      plain(body),
      cmd.context,
      cmd.options,
    );
    res.status(201).location(`/qualifications/${body.qualificationId}`);
    return writeResult(res, body.qualificationId, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'List qualifications (read model)' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() page: PageQueryDto) {
    return this.queries.execute(new ListViewsQuery('qualifications', {}, page, principal));
  }

  @Get(':qualificationId')
  @ApiOperation({
    summary: 'The qualification as it stands now (or as of a version or instant), with its draft',
  })
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('qualificationId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Qualification', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':qualificationId/history')
  @ApiOperation({ summary: 'Every event of the qualification with its actor (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('qualificationId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Qualification', id, principal));
  }

  @Post(':qualificationId/modules')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a module of the modular programme (or rename it)' })
  @ApiWrite()
  async addModule(
    @IdParam('qualificationId') id: string,
    @Body() body: AddModuleDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.qualifications.addModule(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Put(':qualificationId/units/:unitId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Define or revise a unit of learning outcomes (knowledge, skills, competence)',
  })
  @ApiWrite()
  async defineUnit(
    @Param() path: UnitPathDto,
    @Body() body: DefineUnitDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { qualificationId: id, unitId } = path;
    const outcome = await this.qualifications.defineUnit(
      id,
      { unit: { unitId, ...plain(body) } },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':qualificationId/versions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the catalogue as a new numbered version (a no-op when nothing changed)',
  })
  @ApiOkResponse({
    type: PublishResult,
    description: '`publishedVersion`: the catalogue version now published',
  })
  @ApiWrite()
  async publish(
    @IdParam('qualificationId') id: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PublishResult> {
    const outcome = await this.qualifications.publishVersion(id, cmd.context, cmd.options);
    const published = outcome.events.find((e) => e.type === 'QualificationVersionPublished')
      ?.data as { version: number } | undefined;
    const publishedVersion =
      published?.version ?? (await this.currentView(id, outcome.version)).publishedVersion;
    return { ...writeResult(res, id, outcome, cmd.idempotent), publishedVersion };
  }

  @Get(':qualificationId/versions/:version')
  @ApiOperation({ summary: 'A published version, frozen: what agreements pin' })
  @ApiRead()
  async version(@Param() path: QualificationVersionPathDto) {
    try {
      return await this.snapshots.qualification(path.qualificationId, path.version);
    } catch (err) {
      if (err instanceof DomainError && err.rule.startsWith('reference.unknown-'))
        throw new NotFoundException(err.message);
      throw err;
    }
  }

  private async currentView(id: string, version: number) {
    const result = await this.queries.execute(new GetViewQuery('Qualification', id, { version }));
    return result.view as { publishedVersion: number };
  }
}
