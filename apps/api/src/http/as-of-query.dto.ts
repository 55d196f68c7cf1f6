import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Min } from 'class-validator';

/** An auditor's replay: the resource as it stood at a version or an instant. */
export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'State as of this stream version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  asOfVersion?: number;

  @ApiPropertyOptional({ description: 'State as of this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  /** As the queries take it. */
  toAsOf(): { version?: number; recordedAt?: Date } {
    return { version: this.asOfVersion, recordedAt: this.asOf ? new Date(this.asOf) : undefined };
  }
}
