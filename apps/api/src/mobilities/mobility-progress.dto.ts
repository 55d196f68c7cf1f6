import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID, ID_MESSAGE, IsDay } from './mobility-plan.dto';

const dateField = (name: string) => IsDay({ message: `${name} must be a date YYYY-MM-DD` });

export class StartMobilityDto {
  @ApiProperty({ example: '2027-03-01' }) @dateField('actualStart') actualStart!: string;
}
export class EndMobilityDto {
  @ApiProperty({ example: '2027-05-31' }) @dateField('actualEnd') actualEnd!: string;
}

export class CheckInDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('checkInId') }) checkInId!: string;
  @ApiProperty({ enum: ['sending', 'host'] }) @IsIn(['sending', 'host']) mentor!:
    'sending' | 'host';
  @ApiProperty() @dateField('heldOn') heldOn!: string;
  @ApiProperty({ enum: ['on-site', 'video', 'phone', 'message'] })
  @IsIn(['on-site', 'video', 'phone', 'message'])
  channel!: 'on-site' | 'video' | 'phone' | 'message';
  @ApiProperty() @IsString() @MaxLength(5000) notes!: string;
  @ApiProperty({ enum: ['good', 'concerns'] }) @IsIn(['good', 'concerns']) wellbeing!:
    'good' | 'concerns';
}

export class IncidentDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('incidentId') }) incidentId!: string;
  @ApiProperty() @dateField('occurredOn') occurredOn!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high'] }) @IsIn(['low', 'medium', 'high']) severity!:
    'low' | 'medium' | 'high';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) description!: string;
  @ApiProperty() @IsString() @MaxLength(5000) actionsTaken!: string;
}

export class AssessorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'workplace mentor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;
  @ApiProperty({ description: 'The host institution makes the final assessment' })
  @Matches(ID, { message: ID_MESSAGE('institutionId') })
  institutionId!: string;
}

export class FormativeAssessmentDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('assessmentId') }) assessmentId!: string;
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('unitId') }) unitId!: string;
  @ApiProperty() @dateField('assessedOn') assessedOn!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) feedback!: string;
  @ApiProperty({ type: AssessorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessorDto)
  assessor!: AssessorDto;
}

export class CriterionResultDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) criterion!: string;
  @ApiProperty() @IsBoolean() met!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

const RESULTS = ['achieved', 'partly-achieved', 'not-achieved'] as const;
export class FinalAssessmentDto {
  @ApiProperty({ enum: RESULTS }) @IsIn(RESULTS) result!: (typeof RESULTS)[number];
  @ApiPropertyOptional({ example: '9' }) @IsOptional() @IsString() @MaxLength(20) grade?: string;
  @ApiPropertyOptional({ example: '1–10' }) @IsOptional() @IsString() @MaxLength(50) scale?: string;
  @ApiProperty({
    type: [CriterionResultDto],
    description: 'One result per assessment criterion of the unit',
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionResultDto)
  criteriaResults!: CriterionResultDto[];
  @ApiProperty({ type: [String], description: 'References to evidence (documents, photos, logs)' })
  @IsArray()
  @IsString({ each: true })
  evidence!: string[];
  @ApiProperty({ type: AssessorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessorDto)
  assessor!: AssessorDto;
  @ApiPropertyOptional({
    description: 'Departures from the assessment procedure agreed in the MoU',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  deviations?: string;
  @ApiProperty() @dateField('assessedOn') assessedOn!: string;
}

export class TranscriptDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('transcriptId') }) transcriptId!: string;
  @ApiProperty() @dateField('issuedOn') issuedOn!: string;
  @ApiProperty({ description: 'Who issued it at the host' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuedBy!: string;
}

export class ValidationDto {
  @ApiProperty({ enum: ['validated', 'not-validated'] })
  @IsIn(['validated', 'not-validated'])
  decision!: 'validated' | 'not-validated';
  @ApiProperty() @IsString() @MaxLength(5000) notes!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) validatedBy!: string;
  @ApiProperty() @dateField('validatedOn') validatedOn!: string;
}

export class RecognitionDto {
  @ApiProperty({ enum: ['module', 'part-of-module', 'refused'] })
  @IsIn(['module', 'part-of-module', 'refused'])
  decision!: 'module' | 'part-of-module' | 'refused';
  @ApiPropertyOptional({ description: 'The module (of the programme) the unit is recognised as' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('moduleId') })
  moduleId?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(240) ecvetPoints?: number;
  @ApiPropertyOptional({ description: 'Required when refused' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  rationale?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) decidedBy!: string;
  @ApiProperty() @dateField('decidedOn') decidedOn!: string;
}

export class CertificateDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('certificateId') }) certificateId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) issuedBy!: string;
  @ApiProperty() @dateField('issuedOn') issuedOn!: string;
}

export class FeedbackDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('feedbackId') }) feedbackId!: string;
  @ApiProperty({ enum: ['learner', 'sending-school', 'host'] })
  @IsIn(['learner', 'sending-school', 'host'])
  from!: 'learner' | 'sending-school' | 'host';
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiProperty() @IsString() @MaxLength(5000) comments!: string;
  @ApiProperty() @dateField('submittedOn') submittedOn!: string;
}

export class CompletionDto {
  @ApiProperty() @dateField('completedOn') completedOn!: string;
}
export class CancellationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiProperty() @dateField('cancelledOn') cancelledOn!: string;
}
