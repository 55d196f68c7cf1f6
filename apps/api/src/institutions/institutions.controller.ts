import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Response } from 'express';
import {
  GetHistoryQuery,
  GetViewQuery,
  InstitutionService,
  ListViewsQuery,
} from '@ecvet/application';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA, PAGE_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { PageQueryDto } from '../http/list-query.dto';
import { withETag, writeResult } from '../http/write-response';
import {
  ChangeInstitutionDetailsDto,
  ContactPersonDto,
  RegisterInstitutionDto,
} from './institution.dto';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly institutions: InstitutionService,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a sending school, host, intermediary or competent body' })
  @ApiWrite({ creates: true })
  async register(
    @Body() body: RegisterInstitutionDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.institutions.register(
      body.institutionId,
      { ...body, identifiers: { ...body.identifiers } },
      cmd.context,
      cmd.options,
    );
    res.status(201).location(`/institutions/${body.institutionId}`);
    return writeResult(res, body.institutionId, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'List institutions (read model)' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() page: PageQueryDto) {
    return this.queries.execute(new ListViewsQuery('institutions', {}, page, principal));
  }

  @Get(':institutionId')
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('institutionId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Institution', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':institutionId/history')
  @ApiOperation({ summary: 'Every event of the institution with its actor (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('institutionId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Institution', id, principal));
  }

  @Patch(':institutionId')
  @HttpCode(200)
  @ApiWrite()
  async change(
    @IdParam('institutionId') id: string,
    @Body() body: ChangeInstitutionDetailsDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const changes = JSON.parse(JSON.stringify(body)) as ChangeInstitutionDetailsDto;
    const outcome = await this.institutions.changeDetails(
      id,
      { changes },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':institutionId/contacts')
  @HttpCode(200)
  @ApiWrite()
  async addContact(
    @IdParam('institutionId') id: string,
    @Body() body: ContactPersonDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.institutions.addContactPerson(
      id,
      { contact: { ...body } },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Delete(':institutionId/contacts/:contactId')
  @HttpCode(200)
  @ApiWrite()
  async removeContact(
    @IdParam('institutionId') id: string,
    @IdParam('contactId') contactId: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.institutions.removeContactPerson(
      id,
      { contactId },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
