import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../http/list-query.dto';
import { ID, ID_MESSAGE } from './mobility-plan.dto';

const PHASES = [
  'preparation',
  'awaiting-signatures',
  'agreement-declined',
  'ready-to-start',
  'under-way',
  'awaiting-assessment',
  'awaiting-validation',
  'awaiting-recognition',
  'recognised',
  'completed',
  'cancelled',
] as const;

export class MobilityListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PHASES }) @IsOptional() @IsIn(PHASES) phase?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('partnershipId') })
  partnershipId?: string;
}
