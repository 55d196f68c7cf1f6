import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsDay,
  ID,
  VERSION_MAX,
  dateOptions as dateMessage,
  idOptions as idMessage,
  QueryInt,
} from '../http/dto-fields';

/** The Memorandum of Understanding's DTOs: its content, a version's signatures and declines, renewal, review. */
const AUTH_METHODS = ['account', 'signing-link'] as const;

export class CoveredQualificationDto {
  @ApiProperty({ example: 'cook-3' })
  @Matches(ID, idMessage('qualificationId'))
  qualificationId!: string;

  @ApiProperty({ description: 'The published catalogue version the MoU pins', example: 1 })
  @IsInt()
  @Min(1)
  qualificationVersion!: number;

  @ApiProperty({ type: [String], description: 'Units of that version', example: ['u-hot-dishes'] })
  @IsArray()
  @Matches(ID, { each: true, message: 'each unitId must be 1–100 letters, digits, _ . : or -' })
  unitIds!: string[];
}

export class MouProceduresDto {
  @ApiProperty({ description: 'How learning outcomes are assessed at the host' })
  @IsString()
  @MaxLength(4000)
  assessment!: string;

  @ApiProperty({ description: 'How the assessment is documented' })
  @IsString()
  @MaxLength(4000)
  documentation!: string;

  @ApiProperty({ description: 'How the sending institution validates the outcomes' })
  @IsString()
  @MaxLength(4000)
  validation!: string;

  @ApiProperty({ description: 'How the outcomes are recognised' })
  @IsString()
  @MaxLength(4000)
  recognition!: string;
}

export class PlannedDurationsDto {
  @ApiProperty({ description: 'Whole weeks, 1 to 52', example: 3 })
  @IsInt()
  minWeeks!: number;

  @ApiProperty({ description: 'Whole weeks, 1 to 52', example: 6 })
  @IsInt()
  maxWeeks!: number;
}

export class CompetentBodyDto {
  @ApiProperty({ example: 'State Education Quality Service' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 'recognition of qualifications' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  role!: string;

  @ApiPropertyOptional({ description: 'When it is a registered institution' })
  @IsOptional()
  @Matches(ID, idMessage('institutionId'))
  institutionId?: string;
}

export class MouContentDto {
  @ApiProperty({ type: [CoveredQualificationDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CoveredQualificationDto)
  qualifications!: CoveredQualificationDto[];

  @ApiProperty({ type: MouProceduresDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MouProceduresDto)
  procedures!: MouProceduresDto;

  @ApiProperty({ description: 'How learners are mentored at the host' })
  @IsString()
  @MaxLength(4000)
  mentoring!: string;

  @ApiProperty({ type: PlannedDurationsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PlannedDurationsDto)
  plannedDurations!: PlannedDurationsDto;

  @ApiProperty({ description: 'ISO date, inclusive', example: '2026-01-01' })
  @IsDay(dateMessage('validFrom'))
  validFrom!: string;

  @ApiProperty({ description: 'ISO date, inclusive', example: '2028-12-31' })
  @IsDay(dateMessage('validUntil'))
  validUntil!: string;

  @ApiPropertyOptional({ description: 'ISO date within the validity', example: '2027-06-30' })
  @IsOptional()
  @IsDay(dateMessage('reviewDate'))
  reviewDate?: string;

  @ApiPropertyOptional({ type: [CompetentBodyDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CompetentBodyDto)
  competentBodies?: CompetentBodyDto[];
}

/** DraftMou and AmendMou: the content of the next MoU version. */
export class MouContentBodyDto {
  @ApiProperty({ type: MouContentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MouContentDto)
  content!: MouContentDto;
}

export class MouVersionParamsDto {
  @ApiProperty({ example: 'rtrit-hotel-sol' })
  @Matches(ID, { message: 'partnershipId must be 1–100 letters, digits, _ . : or -' })
  partnershipId!: string;

  @ApiProperty({ description: 'MoU version number', example: 1 })
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(VERSION_MAX)
  version!: number;
}

export class MouSignerDto {
  @ApiProperty({ example: 'Ilze Ozola', description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'director' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;

  @ApiPropertyOptional({ example: 'ilze@example.lv', description: 'Personal data' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class SignMouDto {
  @ApiProperty({
    description: 'The hash of the version document as shown (GET …/mou/versions/{version})',
    example: 'sha256:7777777777777777777777777777777777777777777777777777777777777777',
  })
  @Matches(/^sha256:[0-9a-f]{64}$/, { message: 'contentHash must be sha256: and 64 hex digits' })
  contentHash!: string;

  @ApiProperty({ description: 'The party that signs', example: 'rtrit' })
  @Matches(ID, idMessage('institutionId'))
  institutionId!: string;

  @ApiProperty({ type: MouSignerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MouSignerDto)
  signer!: MouSignerDto;

  @ApiProperty({ enum: AUTH_METHODS })
  @IsIn(AUTH_METHODS)
  authMethod!: (typeof AUTH_METHODS)[number];

  @ApiProperty({
    description: 'The statement of intent the signer agreed to, as shown',
    example: 'I sign this Memorandum of Understanding on behalf of my institution.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  intent!: string;
}

export class DeclineMouDto {
  @ApiProperty({ description: 'The party that declines', example: 'hotel-sol' })
  @Matches(ID, idMessage('institutionId'))
  institutionId!: string;

  @ApiProperty({ example: 'The mentoring arrangements need another round' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class RenewMouDto {
  @ApiProperty({ description: 'ISO date: the end of the renewed validity', example: '2030-12-31' })
  @IsDay(dateMessage('newValidUntil'))
  newValidUntil!: string;

  @ApiPropertyOptional({ description: 'ISO date within the new validity' })
  @IsOptional()
  @IsDay(dateMessage('reviewDate'))
  reviewDate?: string;
}

export class RecordMouReviewDto {
  @ApiProperty({ example: 'user:ilze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reviewedBy!: string;

  @ApiProperty({ example: 'Procedures still fit; no change needed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  notes!: string;
}

/** The answer of GET …/mou/versions/{version}: what a signer sees and signs. */
export class MouVersionDocumentDto {
  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({
    description: 'The hash to send with a signature',
    example: 'sha256:7777777777777777777777777777777777777777777777777777777777777777',
  })
  contentHash!: string;

  @ApiProperty({ enum: ['awaiting-signatures', 'fully-signed', 'superseded', 'declined'] })
  status!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ partnershipId, parties (sorted by institution id), content }',
  })
  document!: object;
}
