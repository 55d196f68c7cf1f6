import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CallCommandMessage,
  GetHistoryQuery,
  GetViewQuery,
  ListViewsQuery,
  type CommandOutcome,
} from '@ecvet/application';
import type { CallCommand } from '@ecvet/domain';
import { ApiRead, ApiWrite } from '../http/api-docs';
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

type WithData = Exclude<CallCommand, { type: 'CloseCall' }>;
type Data<T extends WithData['type']> = Extract<WithData, { type: T }>['data'];

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private dispatch(id: string, command: CallCommand, cmd: CommandRequest): Promise<CommandOutcome> {
    return this.commands.execute(new CallCommandMessage(id, command, cmd.context, cmd.options));
  }

  private command<T extends WithData['type']>(
    type: T,
    data: Data<T>,
    cmd: CommandRequest,
  ): CallCommand {
    return { type, data, at: cmd.context.issuedAt } as CallCommand;
  }

  @Post()
  @ApiOperation({ summary: 'Open a call for candidates (one host, one country, one placement)' })
  @ApiWrite({ creates: true })
  async open(
    @Body() body: OpenCallDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = body.callId;
    const outcome = await this.dispatch(id, this.command('OpenCall', plain(body), cmd), cmd);
    res.status(201).location(`/calls/${id}`);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'List calls (read model), optionally by partnership and status' })
  list(@Query() query: CallListQueryDto) {
    const { partnershipId, status, limit, offset } = query;
    const filter = { ...(partnershipId && { partnershipId }), ...(status && { status }) };
    return this.queries.execute(new ListViewsQuery('calls', filter, { limit, offset }));
  }

  @Get(':callId')
  @ApiOperation({ summary: 'A call with its applications, decisions and teams' })
  @ApiRead()
  async get(
    @Param('callId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetViewQuery('Call', id, asOf.toAsOf()));
    return withETag(res, result.version, result.view);
  }

  @Get(':callId/history')
  @ApiOperation({ summary: 'Every event of the call with its actor (audit)' })
  @ApiRead()
  history(@Param('callId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Call', id));
  }

  @Post(':callId/applications')
  @ApiOperation({ summary: "Submit a learner's application (before the deadline)" })
  @ApiWrite({ creates: true })
  async submit(
    @Param('callId') id: string,
    @Body() body: SubmitApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = this.command('SubmitApplication', plain(body), cmd);
    const outcome = await this.dispatch(id, command, cmd);
    res.status(201).location(`/calls/${id}/applications/${body.applicationId}`);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/evaluations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score an application on prior learning, social skills, qualities' })
  @ApiWrite()
  async evaluate(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: EvaluateApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { applicationId, ...plain(body) };
    const outcome = await this.dispatch(id, this.command('EvaluateApplication', data, cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/interviews')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an interview with the applicant' })
  @ApiWrite()
  async interview(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: RecordInterviewDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { applicationId, ...plain(body) };
    const outcome = await this.dispatch(id, this.command('RecordInterview', data, cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Select, reserve or reject an evaluated and interviewed application',
  })
  @ApiWrite()
  async decide(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: DecideApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { applicationId, ...plain(body) };
    const outcome = await this.dispatch(id, this.command('DecideApplication', data, cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an application (a selected one frees its place)' })
  @ApiWrite()
  async withdraw(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: WithdrawApplicationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { applicationId, ...plain(body) };
    const outcome = await this.dispatch(id, this.command('WithdrawApplication', data, cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/briefings')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Brief a selected learner on learning outcomes, assessment and recognition',
  })
  @ApiWrite()
  async brief(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: BriefLearnerDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { applicationId, ...plain(body) };
    const outcome = await this.dispatch(id, this.command('BriefLearner', data, cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/applications/:applicationId/briefing-acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The learner acknowledges the latest briefing' })
  @ApiWrite()
  async acknowledgeBriefing(
    @Param('callId') id: string,
    @Param('applicationId') applicationId: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = this.command('AcknowledgeBriefing', { applicationId }, cmd);
    const outcome = await this.dispatch(id, command, cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/teams')
  @HttpCode(200)
  @ApiOperation({ summary: 'Form a team of selected learners (per country and placement)' })
  @ApiWrite()
  async formTeam(
    @Param('callId') id: string,
    @Body() body: FormTeamDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.dispatch(id, this.command('FormTeam', plain(body), cmd), cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':callId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the call to applications' })
  @ApiWrite()
  async close(
    @Param('callId') id: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command: CallCommand = { type: 'CloseCall', at: cmd.context.issuedAt };
    const outcome = await this.dispatch(id, command, cmd);
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
