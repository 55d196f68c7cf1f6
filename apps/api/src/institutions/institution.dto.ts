import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
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

const KINDS = [
  'sending-school',
  'host-company',
  'host-school',
  'intermediary',
  'competent-body',
] as const;
const LANGUAGES = ['lv', 'en'] as const;

export class InstitutionIdentifiersDto {
  @ApiPropertyOptional({ description: 'Erasmus+ organisation id (OID)', example: 'E10000001' })
  @IsOptional()
  @Matches(/^E\d{8}$/, { message: 'erasmusOid must look like E12345678' })
  erasmusOid?: string;

  @ApiPropertyOptional({ example: '40003059788' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationNumber?: string;
}

export class RegisterInstitutionDto {
  @ApiProperty({ description: 'Chosen by the client: a slug or UUID', example: 'rtrit' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, {
    message: 'institutionId must be 1–100 letters, digits, _ . : or -',
  })
  institutionId!: string;

  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  @ApiProperty({ example: 'Rīgas Tūrisma un radošās industrijas tehnikums' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  legalName!: string;

  @ApiProperty({ example: 'Nīcgales iela 26, Rīga, LV-1035' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  legalAddress!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'LV' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. LV' })
  country!: string;

  @ApiProperty({ type: InstitutionIdentifiersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InstitutionIdentifiersDto)
  identifiers!: InstitutionIdentifiersDto;

  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  preferredLanguage!: (typeof LANGUAGES)[number];
}

export class ChangeInstitutionDetailsDto extends PartialType(
  PickType(RegisterInstitutionDto, [
    'legalName',
    'legalAddress',
    'identifiers',
    'preferredLanguage',
  ] as const),
) {}

export class ContactPersonDto {
  @ApiProperty({ example: 'c-ilze' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, {
    message: 'id must be 1–100 letters, digits, _ . : or -',
  })
  id!: string;

  @ApiProperty({ example: 'Ilze Ozola', description: 'Personal data: stored encrypted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'mobility coordinator' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;

  @ApiProperty({ example: 'ilze.ozola@example.lv' })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ example: '+371 20000000' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}
