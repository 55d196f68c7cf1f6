import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant, VERSION_MAX, QueryInt } from './dto-fields';

/** An auditor's replay: the resource as it stood at a version or an instant. */
export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'State as of this stream version' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(VERSION_MAX)
  asOfVersion?: number;

  @ApiPropertyOptional({ description: 'State as of this instant (ISO 8601)' })
  @IsOptional()
  @IsInstant('asOf')
  asOf?: string;

  /** As the queries take it. */
  toAsOf(): { version?: number; recordedAt?: Date } {
    return { version: this.asOfVersion, recordedAt: this.asOf ? new Date(this.asOf) : undefined };
  }
}
