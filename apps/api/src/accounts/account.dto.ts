import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ACCOUNT_ROLES, type AccountRole } from '@ecvet/domain';
import { ID, idOptions, IsInstant } from '../http/dto-fields';

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
  @IsInstant('expiresAt')
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

  @ApiPropertyOptional({
    description: 'Auditors: "all" or institution ids',
    example: 'all',
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: { type: 'string', pattern: '^[^\\u0000]*$' } },
    ],
  })
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

export class CreatedApiTokenDto {
  @ApiProperty({ description: 'The token: send it as Authorization: Bearer; shown only now' })
  token!: string;
  @ApiProperty() tokenId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
