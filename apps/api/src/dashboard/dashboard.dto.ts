import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  DASHBOARD_SORTS,
  MOBILITY_PHASES,
  SIGNATORY_ROLES,
  type DashboardFilter,
  type DashboardSort,
} from '@ecvet/application';
import type { SignatoryRole } from '@ecvet/domain';
import { DATE, ID, ID_MESSAGE } from '../http/dto-fields';

const dateMessage = (field: string) => ({
  message: `${field} must be a calendar date (YYYY-MM-DD)`,
});

/** The list's filters (query string), shared by the list and its export. */
export class DashboardFilterDto {
  @ApiPropertyOptional({
    enum: MOBILITY_PHASES,
    isArray: true,
    description: 'Repeat for several: phase=a&phase=b',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? (value as unknown[]) : [value],
  )
  @IsArray()
  @ArrayMaxSize(MOBILITY_PHASES.length)
  @IsIn(MOBILITY_PHASES, {
    each: true,
    message: `phase must be one of ${MOBILITY_PHASES.join(', ')}`,
  })
  phase?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('partnershipId') })
  partnershipId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('hostInstitutionId') })
  hostInstitutionId?: string;

  @ApiPropertyOptional({ example: 'ES', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'hostCountry must be two capital letters (ISO 3166-1)' })
  hostCountry?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: string;

  @ApiPropertyOptional({ enum: SIGNATORY_ROLES })
  @IsOptional()
  @IsIn(SIGNATORY_ROLES, { message: `waitingFor must be one of ${SIGNATORY_ROLES.join(', ')}` })
  waitingFor?: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'Planned start on or after' })
  @IsOptional()
  @Matches(DATE, dateMessage('from'))
  @IsISO8601({ strict: true }, dateMessage('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Planned start on or before' })
  @IsOptional()
  @Matches(DATE, dateMessage('to'))
  @IsISO8601({ strict: true }, dateMessage('to'))
  to?: string;

  @ApiPropertyOptional({ description: "Part of the learner's name (only names you may read)" })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'q must not be empty' })
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: DASHBOARD_SORTS, default: 'start' })
  @IsOptional()
  @IsIn(DASHBOARD_SORTS, { message: `sort must be one of ${DASHBOARD_SORTS.join(', ')}` })
  sort?: DashboardSort;

  toFilter(): DashboardFilter {
    return {
      ...(this.phase?.length && { phase: this.phase }),
      ...(this.partnershipId && { partnershipId: this.partnershipId }),
      ...(this.hostInstitutionId && { hostInstitutionId: this.hostInstitutionId }),
      ...(this.hostCountry && { hostCountry: this.hostCountry }),
      ...(this.overdue !== undefined && { overdue: this.overdue === 'true' }),
      ...(this.waitingFor && { waitingFor: this.waitingFor as SignatoryRole }),
      ...(this.from && { from: this.from }),
      ...(this.to && { to: this.to }),
      ...(this.q && { q: this.q }),
    };
  }
}

export class DashboardListQueryDto extends DashboardFilterDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'The previous page’s nextCursor (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}

export class DashboardExportQueryDto extends DashboardFilterDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: 'csv' | 'xlsx';
}

export class SavedFilterDto {
  @ApiProperty({ example: 'Awaiting signatures in Spain' })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ['mobilities'] })
  @IsIn(['mobilities'], { message: 'view must be mobilities' })
  view!: 'mobilities';

  @ApiProperty({ example: 'phase=awaiting-signatures&hostCountry=ES' })
  @IsString()
  @MaxLength(2000)
  // Without U+0000 too, as all text (the pipe refuses it): the document's pattern must say so.
  // eslint-disable-next-line no-control-regex -- U+0000 is the character this refuses
  @Matches(/^[^?#\s\u0000]*$/, {
    message: 'search must be a query string without ? (no spaces or #)',
  })
  search!: string;
}

/** Responses, for OpenAPI. */
export class DeadlineDto {
  @ApiProperty({ enum: ['signature', 'assessment', 'recognition'] }) kind!: string;
  @ApiProperty({ example: '2027-03-01' }) due!: string;
}

export class MobilityRowDto {
  @ApiProperty() mobilityId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String, description: 'null when you may not read it' })
  learnerName!: string | null;
  @ApiProperty({ enum: MOBILITY_PHASES }) phase!: string;
  @ApiProperty() partnershipId!: string;
  @ApiProperty() sendingInstitutionId!: string;
  @ApiProperty() hostInstitutionId!: string;
  @ApiProperty({ nullable: true, type: String }) hostCountry!: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedStart!: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedEnd!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: SIGNATORY_ROLES, isArray: true }) waitingFor!: string[];
  @ApiProperty({ type: DeadlineDto, nullable: true }) nextDeadline!: DeadlineDto | null;
  @ApiProperty({ example: '2027-02-01T10:00:00.000Z' }) updatedAt!: string;
}

export class MobilityPageDto {
  @ApiProperty({ type: MobilityRowDto, isArray: true }) items!: MobilityRowDto[];
  @ApiProperty({ description: 'Rows of the whole filtered list' }) total!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SavedFilterItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['mobilities'] }) view!: string;
  @ApiProperty() search!: string;
  @ApiProperty() createdAt!: string;
}

export class SavedFilterListDto {
  @ApiProperty({ type: SavedFilterItemDto, isArray: true }) items!: SavedFilterItemDto[];
}

export class TemporalUiDto {
  @ApiProperty({ example: 'http://localhost:8233' }) url!: string;
  @ApiProperty({ example: 'default' }) namespace!: string;
}

export class DashboardSettingsDto {
  @ApiProperty({
    type: TemporalUiDto,
    nullable: true,
    description: "The Temporal Web UI (TEMPORAL_UI_URL), for links to a mobility's workflow",
  })
  temporalUi!: TemporalUiDto | null;
}
