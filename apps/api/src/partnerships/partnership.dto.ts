import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';
import { PARTNERSHIP_PARTY_ROLES, type PartnershipPartyRole } from '@ecvet/domain';
import { PageQueryDto } from '../http/list-query.dto';
import { IsDay, ID, dateOptions as dateMessage, idOptions as idMessage } from '../http/dto-fields';

const STATUSES = ['proposed', 'active', 'terminated'] as const;

export class PartnershipListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'Only partnerships in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class PartnershipPartyDto {
  @ApiProperty({ description: 'A registered institution', example: 'rtrit' })
  @Matches(ID, idMessage('institutionId'))
  institutionId!: string;

  @ApiProperty({ enum: PARTNERSHIP_PARTY_ROLES })
  @IsIn(PARTNERSHIP_PARTY_ROLES)
  role!: PartnershipPartyRole;
}

export class ProposePartnershipDto {
  @ApiProperty({ description: 'Chosen by the client: a slug or UUID', example: 'rtrit-hotel-sol' })
  @Matches(ID, idMessage('partnershipId'))
  partnershipId!: string;

  @ApiProperty({ example: 'Hospitality placements in Valencia' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({
    type: [PartnershipPartyDto],
    description: 'At least one sending and one host party',
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PartnershipPartyDto)
  parties!: PartnershipPartyDto[];

  @ApiProperty({ description: 'One of the parties', example: 'rtrit' })
  @Matches(ID, idMessage('coordinatorInstitutionId'))
  coordinatorInstitutionId!: string;
}

export class TerminatePartnershipDto {
  @ApiProperty({ example: 'The host company closed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;

  @ApiProperty({ description: 'ISO date, today or later', example: '2027-01-31' })
  @IsDay(dateMessage('effectiveOn'))
  effectiveOn!: string;
}

export class EvaluatePartnershipDto {
  @ApiProperty({ description: 'Chosen by the client', example: 'eval-2026-rtrit' })
  @Matches(ID, idMessage('evaluationId'))
  evaluationId!: string;

  @ApiProperty({ description: 'The party that evaluates', example: 'rtrit' })
  @Matches(ID, idMessage('institutionId'))
  institutionId!: string;

  @ApiProperty({ description: 'A whole number from 1 to 5', example: 4 })
  @IsInt()
  rating!: number;

  @ApiProperty({ example: 'Well-prepared mentors' })
  @IsString()
  @MaxLength(4000)
  strengths!: string;

  @ApiProperty({ example: 'Earlier confirmation of placements' })
  @IsString()
  @MaxLength(4000)
  improvements!: string;
}

/** ISO 8601 duration, e.g. P3D, PT12H, P1W (at least one component). */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
/** ISO 8601 local time of day, hours and minutes. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function IsDurationOrCount(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDurationOrCount',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && ISO_DURATION.test(value)) ||
          (typeof value === 'number' && Number.isInteger(value) && value >= 0),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO 8601 duration (e.g. P3D, PT12H) or a whole number`,
          options,
        ),
      },
    },
    options,
  );
}

function IsTimeOfDay(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTimeOfDay',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && TIME_OF_DAY.test(value)) ||
          (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 23),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a time of day HH:MM or a whole hour 0 to 23`,
          options,
        ),
      },
    },
    options,
  );
}

const durationOrCount = (description: string) => ({
  description: `${description}: an ISO 8601 duration or a whole number`,
  oneOf: [
    { type: 'string', pattern: ISO_DURATION.source, example: 'P3D' },
    { type: 'integer', minimum: 0 },
  ],
});
const timeOfDay = (description: string) => ({
  description: `${description}: HH:MM or a whole hour`,
  oneOf: [
    { type: 'string', pattern: TIME_OF_DAY.source, example: '20:00' },
    { type: 'integer', minimum: 0, maximum: 23 },
  ],
});

/** Read by the reminder workflows; every key is optional, unknown keys are refused. */
export class ReminderPolicyDto {
  @ApiPropertyOptional(durationOrCount('First reminder after a request is sent'))
  @IsOptional()
  @IsDurationOrCount()
  firstReminderAfter?: string | number;

  @ApiPropertyOptional(durationOrCount('Repeat reminders every'))
  @IsOptional()
  @IsDurationOrCount()
  repeatEvery?: string | number;

  @ApiPropertyOptional(durationOrCount('Escalate to the coordinator after'))
  @IsOptional()
  @IsDurationOrCount()
  escalateAfter?: string | number;

  @ApiPropertyOptional(durationOrCount('Escalate to the head of the institution after'))
  @IsOptional()
  @IsDurationOrCount()
  escalateToHeadAfter?: string | number;

  @ApiPropertyOptional(durationOrCount('Signatures due this long before a mobility starts'))
  @IsOptional()
  @IsDurationOrCount()
  signatureDeadlineBeforeStart?: string | number;

  @ApiPropertyOptional(durationOrCount('Assessment due this long after a mobility ends'))
  @IsOptional()
  @IsDurationOrCount()
  assessmentDeadlineAfterEnd?: string | number;

  @ApiPropertyOptional(durationOrCount('Recognition due this long after a mobility ends'))
  @IsOptional()
  @IsDurationOrCount()
  recognitionDeadlineAfterEnd?: string | number;

  @ApiPropertyOptional(timeOfDay('No reminders from'))
  @IsOptional()
  @IsTimeOfDay()
  quietHoursStart?: string | number;

  @ApiPropertyOptional(timeOfDay('No reminders until'))
  @IsOptional()
  @IsTimeOfDay()
  quietHoursEnd?: string | number;

  @ApiPropertyOptional({ description: 'IANA time zone of the quiet hours', example: 'Europe/Riga' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

export class SetReminderPolicyDto {
  @ApiProperty({ type: ReminderPolicyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  policy!: ReminderPolicyDto;
}
