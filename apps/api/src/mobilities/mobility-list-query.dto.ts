import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MOBILITY_PHASES } from '@ecvet/domain';
import { PageQueryDto } from '../http/list-query.dto';
import { ID, ID_MESSAGE } from './mobility-plan.dto';

export class MobilityListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MOBILITY_PHASES })
  @IsOptional()
  @IsIn(MOBILITY_PHASES)
  phase?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('partnershipId') })
  partnershipId?: string;
}
