import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import type { Response } from 'express';
import { GetHistoryQuery, GetViewQuery, LearnerRecordService } from '@ecvet/application';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead, ApiWrite, HISTORY_SCHEMA } from '../http/api-docs';
import { AsOfQueryDto } from '../http/as-of-query.dto';
import { Cmd, type CommandRequest } from '../http/command-request';
import { withETag, writeResult } from '../http/write-response';
import { EraseLearnerDto, TransferCreditDto, WithdrawCreditDto } from './learner.dto';

/**
 * The learner's credit record. Credits are accumulated by the mobility process when the sending
 * school recognises a unit (never over HTTP); here they are read, transferred and withdrawn. And
 * the learner's erasure (GDPR).
 */
@ApiTags('learners')
@Controller('learners')
export class LearnersController {
  constructor(
    private readonly learners: LearnerRecordService,
    private readonly queries: QueryBus,
  ) {}

  @Get(':learnerId/credits')
  @ApiOperation({
    summary: 'The credit record: recognised units and ECVET points per qualification, transfers',
  })
  @ApiRead({ etag: true })
  async credits(
    @Caller() principal: Principal | undefined,
    @IdParam('learnerId') id: string,
    @Query() asOf: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(
      new GetViewQuery('Learner', id, asOf.toAsOf(), principal),
    );
    return withETag(res, result.version, result.view);
  }

  @Get(':learnerId/history')
  @ApiOperation({ summary: "Every event of the learner's credit record with its actor (audit)" })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('learnerId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Learner', id, principal));
  }

  @Post(':learnerId/transfers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer credited units to modules of another qualification' })
  @ApiWrite()
  async transfer(
    @IdParam('learnerId') id: string,
    @Body() body: TransferCreditDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = JSON.parse(JSON.stringify(body)) as TransferCreditDto;
    const outcome = await this.learners.transferCredit(id, data, cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':learnerId/credit-withdrawals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a credit (e.g. its recognition revoked on appeal)' })
  @ApiWrite()
  async withdraw(
    @IdParam('learnerId') id: string,
    @Body() body: WithdrawCreditDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.learners.withdrawCredit(id, { ...body }, cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':learnerId/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase the learner's personal data (GDPR): their key destroyed, every copy cleared",
    description:
      "The operator, or an administrator of the sending school of one of the learner's " +
      'mobilities. Records LearnerErased (erasing again records nothing, and clears the copies ' +
      'again); the personal fields of the mobilities and calls read as erased, the read models ' +
      'and the mail outbox lose them; the log still verifies.',
  })
  @ApiWrite()
  async erase(
    @IdParam('learnerId') id: string,
    @Body() body: EraseLearnerDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.learners.erase(
      id,
      { reason: body.reason },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
