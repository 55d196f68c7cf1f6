import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { READ_MODEL_KINDS } from '@ecvet/application';

export class StartVerificationDto {
  @ApiPropertyOptional({
    enum: ['node', 'database'],
    description:
      "Where each event's hash is recomputed: `node` (default: trusts nothing in the database) or `database` (faster, trusts PostgreSQL's sha256)",
  })
  @IsOptional()
  @IsIn(['node', 'database'])
  hashing?: 'node' | 'database';
}

export class StartRebuildDto {
  @ApiProperty({ enum: READ_MODEL_KINDS, description: 'The read model to rebuild and compare' })
  @IsIn(READ_MODEL_KINDS)
  kind!: string;
}

export class JobParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId!: string;
}

class JobProgressDto {
  @ApiProperty({ description: 'Events handled so far' }) done!: number;
  @ApiPropertyOptional({ description: 'About how many there are' }) total?: number;
}

export class OperationJobDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['verify', 'rebuild'] }) operation!: string;
  @ApiPropertyOptional({ description: 'The read model kind of a rebuild' }) target?: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ example: 'account:acc-ops' }) startedBy!: string;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiProperty({ type: JobProgressDto }) progress!: JobProgressDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'verify: `{ ok, eventsChecked, streamsChecked, sealsChecked, unsealedEvents, problem?, signaturesChecked, trustedKeyIds, hashing }`; rebuild: `{ kind, checkpoint, eventsRead, rebuiltDocuments, liveDocuments, equal, differences: [{ id, problem, liveVersion?, rebuiltVersion?, paths? }] }`',
  })
  result?: object;
  @ApiPropertyOptional({ description: 'Why the job itself failed (not a finding)' })
  error?: string;
}
