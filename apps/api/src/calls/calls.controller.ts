import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Response } from 'express';
import { CallService, GetHistoryQuery, GetViewQuery, ListViewsQuery } from '@ecvet/application';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA, PAGE_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { withETag, writeResult } from '../http/write-response';
import {
  BriefLearnerDto,
  CallListQueryDto,
  DecideApplicationDto,
  EvaluateApplicationDto,
  FormTeamDto,
  OpenCallDto,
  RecordInterviewDto,
  SubmitApplicationDto,
  WithdrawApplicationDto,
} from './call.dto';

/** A DTO instance as plain data: no prototypes, no `undefined` keys in the events. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallService,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a call for candidates (one host, one country, one placement)' })
  @ApiWrite({ creates: true })
  async open(
    @Body() body: OpenCallDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = body.callId;
    const outcome = await this.calls.open(id, plain(body), cmd.context, cmd.options);
    res.status(201).location(`/calls/${id}`);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'List calls (read model), optionally by partnership and status' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() query: CallListQueryDto) {
    const { partnershipId, status, limit, offset } = query;
    const filter = { ...(partnershipId && { partnershipId }), ...(status && { status }) };
    return this.queries.execute(new ListViewsQuery('calls', filter, { limit, offset }, principal));
  }

  @Get(':callId')
  @ApiOperation({ summary: 'A call with its applications, decisions and teams' })
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('callId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Call', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':callId/history')
  @ApiOperation({ summary: 'Every event of the call with its actor (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('callId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Call', id, principal));
  }

  @Post(':callId/applications')
  @ApiOperation({ summary: "Submit a learner's application (before the deadline)" })
  @ApiWrite({ creates: true })
  async submit(
    @IdParam('callId') id: string,
    @Body() body: SubmitApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.submitApplication(id, plain(body), cmd.context, cmd.options);
    res.status(201).location(`/calls/${id}/applications/${body.applicationId}`);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/evaluations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score an application on prior learning, social skills, qualities' })
  @ApiWrite()
  async evaluate(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Body() body: EvaluateApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.evaluateApplication(
      id,
      { applicationId, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/interviews')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an interview with the applicant' })
  @ApiWrite()
  async interview(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Body() body: RecordInterviewDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.recordInterview(
      id,
      { applicationId, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Select, reserve or reject an evaluated and interviewed application',
  })
  @ApiWrite()
  async decide(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Body() body: DecideApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.decideApplication(
      id,
      { applicationId, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an application (a selected one frees its place)' })
  @ApiWrite()
  async withdraw(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Body() body: WithdrawApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.withdrawApplication(
      id,
      { applicationId, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/briefings')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Brief a selected learner on learning outcomes, assessment and recognition',
  })
  @ApiWrite()
  async brief(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Body() body: BriefLearnerDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.briefLearner(
      id,
      { applicationId, ...plain(body) },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/briefing-acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The learner acknowledges the latest briefing' })
  @ApiWrite()
  async acknowledgeBriefing(
    @IdParam('callId') id: string,
    @IdParam('applicationId') applicationId: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.acknowledgeBriefing(
      id,
      { applicationId },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/teams')
  @HttpCode(200)
  @ApiOperation({ summary: 'Form a team of selected learners (per country and placement)' })
  @ApiWrite()
  async formTeam(
    @IdParam('callId') id: string,
    @Body() body: FormTeamDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.formTeam(id, plain(body), cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the call to applications' })
  @ApiWrite()
  async close(
    @IdParam('callId') id: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.close(id, cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
