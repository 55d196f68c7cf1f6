import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GuardianDto, ID, ID_MESSAGE, TermsDto } from './mobility-plan.dto';

const ROLES = ['sending-school', 'host', 'learner', 'guardian'] as const;
const AUTH = ['account', 'signing-link', 'qualified-e-signature', 'handwritten'] as const;

export class LearnerContactDto {
  @ApiProperty() @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ type: GuardianDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

export class TermChangesDto extends PartialType(TermsDto) {
  @ApiPropertyOptional({ type: LearnerContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LearnerContactDto)
  learnerContact?: LearnerContactDto;
}

export class AmendAgreementDto {
  @ApiProperty({ type: TermChangesDto, description: 'Only what changes' })
  @IsObject()
  @ValidateNested()
  @Type(() => TermChangesDto)
  changes!: TermChangesDto;
  @ApiProperty({ example: 'the host moved the start by two weeks' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AgreementSignerDto {
  @ApiProperty({ example: 'user:ilze' }) @Matches(ID, { message: ID_MESSAGE('id') }) id!: string;
  @ApiProperty({ description: 'Personal data' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
  @ApiProperty() @IsEmail() email!: string;
}

export class SignAgreementDto {
  @ApiProperty({
    description: 'The hash of the version the signatory saw',
    example: 'sha256:7777777777777777777777777777777777777777777777777777777777777777',
  })
  @Matches(/^sha256:[0-9a-f]{64}$/, {
    message: 'contentHash must be sha256: followed by 64 hex digits',
  })
  contentHash!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: (typeof ROLES)[number];
  @ApiProperty({ type: AgreementSignerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementSignerDto)
  signer!: AgreementSignerDto;
  @ApiProperty({ enum: AUTH }) @IsIn(AUTH) authMethod!: (typeof AUTH)[number];
  @ApiProperty({ example: 'I have read and agree to this Learning Agreement' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  intent!: string;
}

export class DeclineAgreementDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: (typeof ROLES)[number];
  @ApiProperty({ type: AgreementSignerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementSignerDto)
  signer!: AgreementSignerDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
