import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { WriteResult } from '../http/write-response';
import { ID, ID_MESSAGE as idMessage, VERSION_MAX, QueryInt } from '../http/dto-fields';

/** Text in the two languages of the product. */
export class LocalizedDto {
  @ApiProperty({ description: 'Latvian', example: 'Vegāniskā uztura gatavošana' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  lv!: string;

  @ApiProperty({ description: 'English', example: 'Vegan nutrition and cooking' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  en!: string;
}

export class DefineQualificationDto {
  @ApiProperty({ description: 'Chosen by the client: a slug or UUID', example: 'cook-3' })
  @Matches(ID, { message: idMessage('qualificationId') })
  qualificationId!: string;

  @ApiProperty({ type: LocalizedDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDto)
  title!: LocalizedDto;

  @ApiProperty({ description: 'European Qualifications Framework level', minimum: 1, maximum: 8 })
  @IsInt()
  @Min(1)
  @Max(8)
  eqfLevel!: number;

  @ApiProperty({
    description: 'National (LKI) qualifications framework level',
    minimum: 1,
    maximum: 8,
  })
  @IsInt()
  @Min(1)
  @Max(8)
  nqfLevel!: number;

  @ApiProperty({
    description: 'The modular education programme',
    example: 'Ēdināšanas pakalpojumi',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  programme!: string;
}

export class AddModuleDto {
  @ApiProperty({ description: 'Module of the modular programme', example: 'm-veg' })
  @Matches(ID, { message: idMessage('moduleId') })
  moduleId!: string;

  @ApiProperty({ type: LocalizedDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDto)
  title!: LocalizedDto;
}

/**
 * A unit of learning outcomes (the unit id comes from the path). The domain requires at least one
 * knowledge, skills or competence statement in total and at least one assessment criterion (422).
 */
export class DefineUnitDto {
  @ApiProperty({ type: LocalizedDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDto)
  title!: LocalizedDto;

  @ApiProperty({ type: [String], example: ['principles of vegan nutrition'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  knowledge!: string[];

  @ApiProperty({ type: [String], example: ['prepares legume dishes'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  skills!: string[];

  @ApiProperty({
    type: [String],
    description: 'Responsibility and autonomy',
    example: ['plans a balanced vegan menu'],
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  competence!: string[];

  @ApiProperty({ type: [String], example: ['dish meets the recipe and hygiene standards'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  assessmentCriteria!: string[];

  @ApiPropertyOptional({ description: 'ECVET points (optional)', minimum: 0, example: 3 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  ecvetPoints?: number;

  @ApiPropertyOptional({
    description: 'Share of the qualification, 0 to 1',
    minimum: 0,
    maximum: 1,
    example: 0.05,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  relativeWeight?: number;

  @ApiProperty({
    type: [String],
    description: 'Modules of the qualification this unit can count towards',
    example: ['m-veg'],
  })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ID, { each: true, message: 'each value in moduleIds must be a module id' })
  moduleIds!: string[];
}

export class UnitPathDto {
  @ApiProperty({ example: 'cook-3' })
  @Matches(ID, { message: idMessage('qualificationId') })
  qualificationId!: string;

  @ApiProperty({ example: 'u-vegan' })
  @Matches(ID, { message: idMessage('unitId') })
  unitId!: string;
}

export class QualificationVersionPathDto {
  @ApiProperty({ example: 'cook-3' })
  @Matches(ID, { message: idMessage('qualificationId') })
  qualificationId!: string;

  @ApiProperty({ description: 'A published version number', example: 1 })
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(VERSION_MAX)
  version!: number;
}

export class PublishResult extends WriteResult {
  @ApiProperty({
    description: 'The catalogue version now published (unchanged when nothing changed)',
    example: 1,
  })
  publishedVersion!: number;
}
