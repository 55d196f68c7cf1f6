import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  GetHistoryQuery,
  GetViewQuery,
  ListViewsQuery,
  MobilityCommandMessage,
  type MobilityInput,
  type MobilityView,
} from '@ecvet/application';
import { ApiRead, ApiWrite } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { withETag, writeResult } from '../http/write-response';
import { AmendAgreementDto, DeclineAgreementDto, SignAgreementDto } from './learning-agreement.dto';
import { MobilityListQueryDto } from './mobility-list-query.dto';
import { PlanMobilityDto } from './mobility-plan.dto';
import {
  CancellationDto,
  CertificateDto,
  CheckInDto,
  CompletionDto,
  EndMobilityDto,
  FeedbackDto,
  FinalAssessmentDto,
  FormativeAssessmentDto,
  IncidentDto,
  RecognitionDto,
  StartMobilityDto,
  TranscriptDto,
  ValidationDto,
} from './mobility-progress.dto';

/** DTO instances to plain JSON data: no class prototypes or undefined keys in events. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

@ApiTags('mobilities')
@Controller('mobilities')
export class MobilitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(id: string, input: MobilityInput, cmd: CommandRequest, res: Response) {
    const outcome = await this.commands.execute(
      new MobilityCommandMessage(id, plain(input), cmd.context, cmd.options),
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

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
    const { mobilityId } = body;
    const result = await this.run(
      mobilityId,
      { type: 'PlanMobility', data: { ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
    res.status(201).location(`/mobilities/${mobilityId}`);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'The dashboard list: mobilities by phase or partnership (read model)' })
  list(@Query() query: MobilityListQueryDto) {
    const filter: Record<string, string> = {};
    if (query.phase) filter.phase = query.phase;
    if (query.partnershipId) filter.partnershipId = query.partnershipId;
    return this.queries.execute(
      new ListViewsQuery('mobilities', filter, { limit: query.limit, offset: query.offset }),
    );
  }

  @Get(':mobilityId')
  @ApiOperation({
    summary: 'A mobility with its phase, agreement, signatures, assessments, recognition',
  })
  @ApiRead()
  async get(
    @Param('mobilityId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetViewQuery('Mobility', id, asOf.toAsOf()));
    return withETag(res, result.version, result.view);
  }

  @Get(':mobilityId/history')
  @ApiOperation({ summary: 'Every event with actor, command and correlation ids (audit)' })
  @ApiRead()
  history(@Param('mobilityId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Mobility', id));
  }

  @Post(':mobilityId/learning-agreement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft version 1 of the Learning Agreement from the plan' })
  @ApiWrite()
  draft(
    @Param('mobilityId') id: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'DraftLearningAgreement', data: { mobilityId: id, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/learning-agreement/amendments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend the agreement: a new version whose signatures start afresh' })
  @ApiWrite()
  amend(
    @Param('mobilityId') id: string,
    @Body() body: AmendAgreementDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'AmendLearningAgreement',
        data: { mobilityId: id, ...body, at: cmd.context.issuedAt },
      },
      cmd,
      res,
    );
  }

  @Get(':mobilityId/learning-agreement/versions/:version')
  @ApiOperation({
    summary: 'One version of the agreement: the content signatories sign, and its hash',
  })
  @ApiRead()
  async agreementVersion(
    @Param('mobilityId') id: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    const history = await this.queries.execute(new GetHistoryQuery('Mobility', id));
    const drafted = history.find(
      (e) =>
        e.type === 'LearningAgreementVersionDrafted' &&
        (e.data as { version: number }).version === version,
    );
    if (!drafted) throw new NotFoundException(`mobility ${id} has no agreement version ${version}`);
    const signatures = history
      .filter(
        (e) =>
          (e.type === 'LearningAgreementSigned' || e.type === 'LearningAgreementDeclined') &&
          (e.data as { version: number }).version === version,
      )
      .map((e) => ({ type: e.type, ...e.data }));
    return { ...drafted.data, recordedAt: drafted.recordedAt, signatures };
  }

  @Post(':mobilityId/learning-agreement/versions/:version/signatures')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign a version (its hash), as the sending school, host, learner or guardian',
  })
  @ApiWrite()
  sign(
    @Param('mobilityId') id: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: SignAgreementDto,
    @Req() req: Request,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'SignLearningAgreement',
        data: {
          mobilityId: id,
          version,
          ...body,
          ...(req.ip && { ip: req.ip }),
          ...(req.get('user-agent') && { userAgent: req.get('user-agent') }),
          at: cmd.context.issuedAt,
        },
      },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/learning-agreement/versions/:version/declines')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a version, with a reason' })
  @ApiWrite()
  decline(
    @Param('mobilityId') id: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: DeclineAgreementDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'DeclineLearningAgreement',
        data: { mobilityId: id, version, ...body, at: cmd.context.issuedAt },
      },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start: needs the current agreement fully signed and the MoU valid that day',
  })
  @ApiWrite()
  start(
    @Param('mobilityId') id: string,
    @Body() body: StartMobilityDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'StartMobility', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/check-ins')
  @HttpCode(200)
  @ApiOperation({ summary: 'A mentor check-in during the mobility' })
  @ApiWrite()
  checkIn(
    @Param('mobilityId') id: string,
    @Body() body: CheckInDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'RecordMentorCheckIn', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/incidents')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report an incident during the mobility' })
  @ApiWrite()
  incident(
    @Param('mobilityId') id: string,
    @Body() body: IncidentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'ReportIncident', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/formative-assessments')
  @HttpCode(200)
  @ApiOperation({ summary: 'A formative assessment of a unit along the way' })
  @ApiWrite()
  formative(
    @Param('mobilityId') id: string,
    @Body() body: FormativeAssessmentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'RecordFormativeAssessment',
        data: { mobilityId: id, ...body, at: cmd.context.issuedAt },
      },
      cmd,
      res,
    );
  }

  @Put(':mobilityId/assessments/:unitId')
  @ApiOperation({ summary: 'The host’s final assessment of a unit' })
  @ApiWrite()
  assess(
    @Param('mobilityId') id: string,
    @Param('unitId') unitId: string,
    @Body() body: FinalAssessmentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'RecordFinalAssessment',
        data: { mobilityId: id, unitId, ...body, at: cmd.context.issuedAt },
      },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'The actual end of the mobility' })
  @ApiWrite()
  end(
    @Param('mobilityId') id: string,
    @Body() body: EndMobilityDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'EndMobility', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/transcript')
  @HttpCode(200)
  @ApiOperation({ summary: 'The host issues the personal transcript (every unit assessed)' })
  @ApiWrite()
  transcript(
    @Param('mobilityId') id: string,
    @Body() body: TranscriptDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'IssueTranscript', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Get(':mobilityId/transcript')
  @ApiOperation({ summary: 'The transcript of records' })
  @ApiRead()
  async getTranscript(@Param('mobilityId') id: string) {
    return this.documentOf(id, 'TranscriptIssued', 'transcript');
  }

  @Put(':mobilityId/validations/:unitId')
  @ApiOperation({ summary: 'The sending school validates the assessed unit' })
  @ApiWrite()
  validate(
    @Param('mobilityId') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ValidationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'ValidateUnit', data: { mobilityId: id, unitId, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Put(':mobilityId/recognitions/:unitId')
  @ApiOperation({
    summary: 'Recognise the unit as a module or part of one (credited to the learner), or refuse',
  })
  @ApiWrite()
  recognise(
    @Param('mobilityId') id: string,
    @Param('unitId') unitId: string,
    @Body() body: RecognitionDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      {
        type: 'RecogniseUnit',
        data: { mobilityId: id, unitId, ...body, at: cmd.context.issuedAt },
      },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/certificate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the certificate of achieved learning outcomes' })
  @ApiWrite()
  certificate(
    @Param('mobilityId') id: string,
    @Body() body: CertificateDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'IssueCertificate', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Get(':mobilityId/certificate')
  @ApiOperation({ summary: 'The certificate of achieved learning outcomes' })
  @ApiRead()
  async getCertificate(@Param('mobilityId') id: string) {
    return this.documentOf(id, 'CertificateIssued', 'certificate');
  }

  @Post(':mobilityId/feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Feedback from the learner, the sending school or the host' })
  @ApiWrite()
  feedback(
    @Param('mobilityId') id: string,
    @Body() body: FeedbackDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'SubmitFeedback', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the mobility once every unit has a recognition decision' })
  @ApiWrite()
  complete(
    @Param('mobilityId') id: string,
    @Body() body: CompletionDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'CompleteMobility', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  @Post(':mobilityId/cancellation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a planned or running mobility, with a reason' })
  @ApiWrite()
  cancel(
    @Param('mobilityId') id: string,
    @Body() body: CancellationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { type: 'CancelMobility', data: { mobilityId: id, ...body, at: cmd.context.issuedAt } },
      cmd,
      res,
    );
  }

  private async documentOf(id: string, type: string, what: string) {
    const history = await this.queries.execute(new GetHistoryQuery('Mobility', id));
    const event = history.find((e) => e.type === type);
    if (!event) throw new NotFoundException(`mobility ${id} has no ${what} yet`);
    const mobility = (await this.queries.execute(new GetViewQuery('Mobility', id)))
      .view as MobilityView;
    return {
      ...event.data,
      learner: { learnerId: mobility.learner.learnerId, name: mobility.learner.name },
      qualification: mobility.qualification,
      sendingInstitution: mobility.sendingInstitution,
      host: mobility.host,
      period: { start: mobility.actualStart, end: mobility.actualEnd },
    };
  }
}
