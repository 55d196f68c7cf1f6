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
  Min,
  ValidateNested,
} from 'class-validator';
import type { BriefingTopic, SelectionDecision } from '@ecvet/domain';
import { PageQueryDto } from '../http/list-query.dto';
import { IsDay, ID, dateOptions as dateMessage, idOptions as idMessage } from '../http/dto-fields';

const STATUSES = ['open', 'closed'] as const;
const DECISIONS: readonly SelectionDecision[] = ['selected', 'reserve', 'rejected'];
const TOPICS: readonly BriefingTopic[] = [
  'learning-outcomes',
  'assessment',
  'recognition',
  'practicalities',
];

export class CallListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the calls of this partnership' })
  @IsOptional()
  @Matches(ID, idMessage('partnershipId'))
  partnershipId?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Only calls in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class OpenCallDto {
  @ApiProperty({ description: 'Chosen by the client: a slug or UUID', example: 'call-2026-es' })
  @Matches(ID, idMessage('callId'))
  callId!: string;

  @ApiProperty({ example: 'rtrit-hotel-sol' })
  @Matches(ID, idMessage('partnershipId'))
  partnershipId!: string;

  @ApiProperty({ example: 'rtrit' })
  @Matches(ID, idMessage('sendingInstitutionId'))
  sendingInstitutionId!: string;

  @ApiProperty({ example: 'hotel-sol' })
  @Matches(ID, idMessage('hostInstitutionId'))
  hostInstitutionId!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'ES' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. ES' })
  country!: string;

  @ApiProperty({ description: 'The company or school, and the workplace', example: 'Hotel Sol' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  placement!: string;

  @ApiProperty({ example: 'cook-3' })
  @Matches(ID, idMessage('qualificationId'))
  qualificationId!: string;

  @ApiProperty({ description: 'At least one', example: 4 })
  @IsInt()
  @Min(1)
  places!: number;

  @ApiProperty({ description: 'ISO date: the last day to apply', example: '2026-03-01' })
  @IsDay(dateMessage('applicationDeadline'))
  applicationDeadline!: string;

  @ApiProperty({ description: 'ISO date: the planned start of the mobilities' })
  @IsDay(dateMessage('plannedStart'))
  plannedStart!: string;
}

export class ApplicantDto {
  @ApiProperty({ example: 'learner-anna' })
  @Matches(ID, idMessage('learnerId'))
  learnerId!: string;

  @ApiProperty({ example: 'Anna Bērziņa', description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'ISO date; personal data', example: '2007-05-14' })
  @IsDay(dateMessage('dateOfBirth'))
  dateOfBirth!: string;

  @ApiProperty({ example: 'anna@example.lv', description: 'Personal data' })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ example: '+371 20000001', description: 'Personal data' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class SubmitApplicationDto {
  @ApiProperty({ description: 'Chosen by the client', example: 'app-anna' })
  @Matches(ID, idMessage('applicationId'))
  applicationId!: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  learner!: ApplicantDto;

  @ApiProperty({ description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  motivation!: string;
}

export class SelectionScoreDto {
  @ApiProperty({ description: 'A whole number from 0 to 10', example: 8 })
  @IsInt()
  score!: number;

  @ApiPropertyOptional({ description: 'Personal data: stored encrypted' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class EvaluateApplicationDto {
  @ApiProperty({ description: 'Who evaluates; a new evaluation replaces their earlier one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  evaluatorId!: string;

  @ApiProperty({ type: SelectionScoreDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SelectionScoreDto)
  priorLearning!: SelectionScoreDto;

  @ApiProperty({ type: SelectionScoreDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SelectionScoreDto)
  socialSkills!: SelectionScoreDto;

  @ApiProperty({ type: SelectionScoreDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SelectionScoreDto)
  personalQualities!: SelectionScoreDto;
}

export class RecordInterviewDto {
  @ApiProperty({ type: [String], example: ['user:ilze'] })
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  interviewers!: string[];

  @ApiProperty({ description: 'ISO date, not in the future', example: '2026-02-10' })
  @IsDay(dateMessage('heldOn'))
  heldOn!: string;

  @ApiProperty({ description: 'Personal data: stored encrypted' })
  @IsString()
  @MaxLength(8000)
  notes!: string;

  @ApiPropertyOptional({ description: 'Personal data', example: 'English B1' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  languageSkills?: string;
}

export class DecideApplicationDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision!: SelectionDecision;

  @ApiProperty({ description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reasons!: string;

  @ApiProperty({ example: 'user:ilze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decidedBy!: string;
}

export class WithdrawApplicationDto {
  @ApiProperty({ description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class FormTeamDto {
  @ApiProperty({ description: 'Chosen by the client', example: 'team-valencia-1' })
  @Matches(ID, idMessage('teamId'))
  teamId!: string;

  @ApiProperty({ example: 'Valencia, March' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [String], description: 'Selected applications', example: ['app-anna'] })
  @IsArray()
  @Matches(ID, {
    each: true,
    message: 'each applicationId must be 1–100 letters, digits, _ . : or -',
  })
  applicationIds!: string[];

  @ApiPropertyOptional({ example: 'Jānis Kalniņš' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  mentorName?: string;
}

export class BriefLearnerDto {
  @ApiProperty({
    enum: TOPICS,
    isArray: true,
    description: 'At least learning-outcomes, assessment and recognition',
  })
  @IsArray()
  @IsIn(TOPICS, { each: true })
  topics!: BriefingTopic[];

  @ApiProperty({ example: 'user:ilze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  briefedBy!: string;

  @ApiProperty({ description: 'ISO date, not in the future', example: '2026-02-20' })
  @IsDay(dateMessage('heldOn'))
  heldOn!: string;
}
