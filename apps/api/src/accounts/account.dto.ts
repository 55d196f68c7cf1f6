import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ACCOUNT_ROLES, type AccountRole } from '@ecvet/domain';
import { ID, idOptions } from '../http/dto-fields';

export class ProvisionAccountDto {
  @ApiProperty({ description: 'The e-mail the person signs in with' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES)
  role!: AccountRole;

  @ApiPropertyOptional({ description: 'Every role but operator and auditor' })
  @IsOptional()
  @Matches(ID, idOptions('institutionId'))
  institutionId?: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ description: 'What the token is for' })
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiProperty({ description: 'When it expires (at most a year ahead), ISO 8601' })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class RoleAssignmentDto {
  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES)
  role!: AccountRole;

  @ApiPropertyOptional({ description: 'Every role but operator and auditor' })
  @IsOptional()
  @Matches(ID, idOptions('institutionId'))
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Auditors: "all" or institution ids', example: 'all' })
  @IsOptional()
  @ValidateIf((o: { auditScope?: unknown }) => o.auditScope !== 'all')
  @IsArray()
  @IsString({ each: true })
  auditScope?: 'all' | string[];
}

export class DisableAccountDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
