import { Body, Controller, Get, HttpCode, NotFoundException, Post, Put, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetMobilityDocumentQuery, MobilityService } from '@ecvet/application';
import type { WriteOutcome } from '@ecvet/event-sourcing';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite } from '../http/api-docs';
import { Cmd, type CommandRequest } from '../http/command-request';
import { writeResult } from '../http/write-response';
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

/**
 * The mobility after its agreement: start, mentoring, assessment, transcript, validation,
 * recognition, certificate, feedback, completion. Each write is one MobilityService call.
 */
@ApiTags('mobilities')
@Controller('mobilities')
@ApiTags('mobilities')
@Controller('mobilities')
export class MobilityProgressController {
  constructor(
    private readonly mobilities: MobilityService,
    private readonly queries: QueryBus,
  ) {}

  @Post(':mobilityId/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start: needs the current agreement fully signed and the MoU valid that day',
  })
  @ApiWrite()
  async start(
    @IdParam('mobilityId') id: string,
    @Body() body: StartMobilityDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.start(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/check-ins')
  @HttpCode(200)
  @ApiOperation({ summary: 'A mentor check-in during the mobility' })
  @ApiWrite()
  async checkIn(
    @IdParam('mobilityId') id: string,
    @Body() body: CheckInDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.recordCheckIn(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/incidents')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report an incident during the mobility' })
  @ApiWrite()
  async incident(
    @IdParam('mobilityId') id: string,
    @Body() body: IncidentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.reportIncident(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/formative-assessments')
  @HttpCode(200)
  @ApiOperation({ summary: 'A formative assessment of a unit along the way' })
  @ApiWrite()
  async formative(
    @IdParam('mobilityId') id: string,
    @Body() body: FormativeAssessmentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.recordFormativeAssessment(
      id,
      plain(body),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Put(':mobilityId/assessments/:unitId')
  @ApiOperation({ summary: 'The host’s final assessment of a unit' })
  @ApiWrite()
  async assess(
    @IdParam('mobilityId') id: string,
    @IdParam('unitId') unitId: string,
    @Body() body: FinalAssessmentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.recordFinalAssessment(
      id,
      plain({ unitId, ...body }),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'The actual end of the mobility' })
  @ApiWrite()
  async end(
    @IdParam('mobilityId') id: string,
    @Body() body: EndMobilityDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.end(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/transcript')
  @HttpCode(200)
  @ApiOperation({ summary: 'The host issues the personal transcript (every unit assessed)' })
  @ApiWrite()
  async transcript(
    @IdParam('mobilityId') id: string,
    @Body() body: TranscriptDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.issueTranscript(
      id,
      plain(body),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Get(':mobilityId/transcript')
  @ApiOperation({ summary: 'The transcript of records' })
  @ApiRead()
  async getTranscript(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') id: string,
  ) {
    return this.document(id, 'transcript', principal);
  }

  @Put(':mobilityId/validations/:unitId')
  @ApiOperation({ summary: 'The sending school validates the assessed unit' })
  @ApiWrite()
  async validate(
    @IdParam('mobilityId') id: string,
    @IdParam('unitId') unitId: string,
    @Body() body: ValidationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.validateUnit(
      id,
      plain({ unitId, ...body }),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Put(':mobilityId/recognitions/:unitId')
  @ApiOperation({
    summary: 'Recognise the unit as a module or part of one (credited to the learner), or refuse',
  })
  @ApiWrite()
  async recognise(
    @IdParam('mobilityId') id: string,
    @IdParam('unitId') unitId: string,
    @Body() body: RecognitionDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.recogniseUnit(
      id,
      plain({ unitId, ...body }),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/certificate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the certificate of achieved learning outcomes' })
  @ApiWrite()
  async certificate(
    @IdParam('mobilityId') id: string,
    @Body() body: CertificateDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.issueCertificate(
      id,
      plain(body),
      cmd.context,
      cmd.options,
    );
    return written(res, id, outcome, cmd);
  }

  @Get(':mobilityId/certificate')
  @ApiOperation({ summary: 'The certificate of achieved learning outcomes' })
  @ApiRead()
  async getCertificate(
    @Caller() principal: Principal | undefined,
    @IdParam('mobilityId') id: string,
  ) {
    return this.document(id, 'certificate', principal);
  }

  @Post(':mobilityId/feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Feedback from the learner, the sending school or the host' })
  @ApiWrite()
  async feedback(
    @IdParam('mobilityId') id: string,
    @Body() body: FeedbackDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.submitFeedback(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the mobility once every unit has a recognition decision' })
  @ApiWrite()
  async complete(
    @IdParam('mobilityId') id: string,
    @Body() body: CompletionDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.complete(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  @Post(':mobilityId/cancellation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a planned or running mobility, with a reason' })
  @ApiWrite()
  async cancel(
    @IdParam('mobilityId') id: string,
    @Body() body: CancellationDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.mobilities.cancel(id, plain(body), cmd.context, cmd.options);
    return written(res, id, outcome, cmd);
  }

  private async document(
    id: string,
    what: 'transcript' | 'certificate',
    principal: Principal | undefined,
  ) {
    const document = await this.queries.execute(new GetMobilityDocumentQuery(id, what, principal));
    if (!document) throw new NotFoundException(`mobility ${id} has no ${what} yet`);
    return document;
  }
}

function written(res: Response, id: string, outcome: WriteOutcome, cmd: CommandRequest) {
  return writeResult(res, id, outcome, cmd.idempotent);
}
