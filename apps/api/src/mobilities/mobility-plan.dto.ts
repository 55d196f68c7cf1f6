import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
import { DATE, ID, ID_MESSAGE, IsDay } from '../http/dto-fields';
export { DATE, ID, ID_MESSAGE, IsDay };

const MOBILITY_TYPES = [
  'programme-module',
  'specialised-course',
  'innovation-pilot',
  'long-term-foundation',
] as const;
const LIFE_SKILLS = [
  'entrepreneurship-and-initiative',
  'foreign-languages',
  'cultural-awareness',
] as const;

export class GuardianDto {
  @ApiProperty({ example: 'Dace Bērziņa' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'dace@example.lv' }) @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class LearnerDto {
  @ApiProperty({ example: 'annija' })
  @Matches(ID, { message: ID_MESSAGE('learnerId') })
  learnerId!: string;
  @ApiProperty({ example: 'Annija Bērziņa', description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
  @ApiProperty({ example: '2005-04-02', description: 'Personal data. A minor needs a guardian' })
  @IsDay({ message: 'dateOfBirth must be a date YYYY-MM-DD' })
  dateOfBirth!: string;
  @ApiProperty({ example: 'annija@example.lv' }) @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ type: GuardianDto, description: 'Required for a learner under 18' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

export class PeriodDto {
  @ApiProperty({ example: '2027-03-01' })
  @IsDay({ message: 'start must be a date YYYY-MM-DD' })
  start!: string;
  @ApiProperty({ example: '2027-05-31', description: 'The last day abroad' })
  @IsDay({ message: 'end must be a date YYYY-MM-DD' })
  end!: string;
}

export class MentorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class MentorsDto {
  @ApiProperty({ type: MentorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MentorDto)
  sending!: MentorDto;
  @ApiProperty({ type: MentorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MentorDto)
  host!: MentorDto;
}

export class ResponsibilitiesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  sendingSchool!: string[];
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  host!: string[];
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  learner!: string[];
}

export class InsuranceDto {
  @ApiProperty({ example: 'BTA' }) @IsString() @IsNotEmpty() @MaxLength(200) provider!: string;
  @ApiProperty({ example: 'BTA-2027-0001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  policyNumber!: string;
  @ApiProperty({ example: 'health, accident, civil liability' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  coverage!: string;
}

export class SelectionRefDto {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('callId') }) callId!: string;
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('applicationId') }) applicationId!: string;
}

/** The terms that an amendment may change (every field optional there). */
export class TermsDto {
  @ApiProperty({ enum: MOBILITY_TYPES })
  @IsIn(MOBILITY_TYPES)
  type!: (typeof MOBILITY_TYPES)[number];
  @ApiProperty({ type: PeriodDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  plannedPeriod!: PeriodDto;
  @ApiProperty({
    type: [String],
    description: 'Units of the pinned qualification version, covered by the signed MoU',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ID, { each: true, message: 'each unit id must be 1–100 letters, digits, _ . : or -' })
  targetedUnitIds!: string[];
  @ApiProperty({ enum: LIFE_SKILLS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(LIFE_SKILLS, { each: true })
  lifeSkills!: Array<(typeof LIFE_SKILLS)[number]>;
  @ApiProperty({ type: MentorsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MentorsDto)
  mentors!: MentorsDto;
  @ApiProperty({ type: ResponsibilitiesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ResponsibilitiesDto)
  responsibilities!: ResponsibilitiesDto;
  @ApiProperty({ type: InsuranceDto, description: 'Personal data: stored encrypted' })
  @IsObject()
  @ValidateNested()
  @Type(() => InsuranceDto)
  insurance!: InsuranceDto;
}

export class PlanMobilityDto extends TermsDto {
  @ApiProperty({ example: 'm-annija' })
  @Matches(ID, { message: ID_MESSAGE('mobilityId') })
  mobilityId!: string;
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('partnershipId') }) partnershipId!: string;
  @ApiProperty()
  @Matches(ID, { message: ID_MESSAGE('sendingInstitutionId') })
  sendingInstitutionId!: string;
  @ApiProperty()
  @Matches(ID, { message: ID_MESSAGE('hostInstitutionId') })
  hostInstitutionId!: string;
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE('qualificationId') }) qualificationId!: string;
  @ApiProperty({ description: 'The published catalogue version the agreement pins' })
  @IsInt()
  @Min(1)
  qualificationVersion!: number;
  @ApiPropertyOptional({
    type: SelectionRefDto,
    description: 'The selected application, when the learner came through a call',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelectionRefDto)
  selection?: SelectionRefDto;
  @ApiProperty({ type: LearnerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LearnerDto)
  learner!: LearnerDto;
}
