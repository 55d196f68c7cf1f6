import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  NotImplementedException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { AccessDenied, categoryOfReadModel, rebuildReadModel } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { EVENT_STORE, type EventStore } from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { ApiProblem, ApiRead, ApiSignedIn } from '../http/api-docs';
import { verifyLog } from './log-verification';
import { OperationJobs, type OperationJob } from './operation-jobs';
import {
  JobParamsDto,
  OperationJobDto,
  StartRebuildDto,
  StartVerificationDto,
} from './operations.dto';

const operatorsOnly = ApiProblem(403, 'Operators only');

/**
 * What an operator checks the system with (docs/access.md: operators only, 403 to everyone
 * else): the whole log verified (`verify()` of the store: hashes, chains, seals), and a read
 * model rebuilt from the log in memory and compared with the live table. Both are jobs: the POST
 * answers 202 with the job, `GET /operations/jobs/{id}` its progress and, once done, its report.
 */
@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly jobs: OperationJobs,
    private readonly config: AppConfig,
    @InjectPool() private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('verifications')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Verify the whole event log (hashes, stream chains, seals): a job; operators only',
  })
  @ApiSignedIn()
  @operatorsOnly
  @ApiProblem(501, 'Only with the PostgreSQL event store (EVENT_STORE=postgres)')
  @ApiBody({ type: StartVerificationDto, required: false })
  @ApiAcceptedResponse({ type: OperationJobDto, description: 'The job (Location: its URL)' })
  verify(
    @Caller() principal: Principal | undefined,
    @Body() body: StartVerificationDto,
    @Res({ passthrough: true }) res: Response,
  ): OperationJob {
    const by = operator(principal, 'verify');
    if (this.config.EVENT_STORE !== 'postgres')
      throw new NotImplementedException('verification needs the PostgreSQL event store');
    const job = this.jobs.start('verify', undefined, by, (progress) =>
      verifyLog(this.pool, {
        ...(body.hashing && { hashing: body.hashing }),
        ...(this.config.SEAL_SIGNING_KEY && { sealSigningKeyPem: this.config.SEAL_SIGNING_KEY }),
        ...(this.config.SEAL_TRUSTED_KEYS && { sealTrustedKeys: this.config.SEAL_TRUSTED_KEYS }),
        onProgress: progress,
      }),
    );
    res.location(`/operations/jobs/${job.jobId}`);
    return job;
  }

  @Post('read-model-rebuilds')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild a read model from the log in memory and compare it with the live table: a job; operators only',
  })
  @ApiSignedIn()
  @operatorsOnly
  @ApiProblem(400, 'No such read model (or another invalid field)')
  @ApiAcceptedResponse({ type: OperationJobDto, description: 'The job (Location: its URL)' })
  rebuild(
    @Caller() principal: Principal | undefined,
    @Body() body: StartRebuildDto,
    @Res({ passthrough: true }) res: Response,
  ): OperationJob {
    const by = operator(principal, 'rebuild');
    const job = this.jobs.start('rebuild', body.kind, by, async (progress) => {
      const total = await this.eventsOfKind(body.kind);
      progress(0, total);
      return rebuildReadModel(this.store, this.pool, body.kind, (read) =>
        progress(read, total === undefined ? undefined : Math.max(total, read)),
      );
    });
    res.location(`/operations/jobs/${job.jobId}`);
    return job;
  }

  @Get('jobs/:jobId')
  @ApiOperation({ summary: 'A job of the operations: its progress and, once done, its report' })
  @ApiRead()
  @operatorsOnly
  @ApiOkResponse({ type: OperationJobDto })
  job(@Caller() principal: Principal | undefined, @Param() params: JobParamsDto): OperationJob {
    operator(principal, 'operations');
    const job = this.jobs.get(params.jobId);
    if (!job) throw new NotFoundException(`no job ${params.jobId} (jobs are kept an hour)`);
    return job;
  }

  /** About how many events a rebuild reads (a progress bar's total; PostgreSQL only). */
  private async eventsOfKind(kind: string): Promise<number | undefined> {
    if (this.config.EVENT_STORE !== 'postgres') return undefined;
    const category = categoryOfReadModel(kind);
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ecvet_events WHERE stream_id LIKE $1`,
      [`${category}-%`],
    );
    return Number(rows[0].n);
  }
}

/** The operator's actor id; 403 to anyone else (they may see the system, not run this on it). */
function operator(principal: Principal | undefined, useCase: string): string {
  if (principal?.role !== 'operator') throw new AccessDenied(useCase);
  return `account:${principal.accountId}`;
}
