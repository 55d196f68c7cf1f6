import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID, ID_MESSAGE as idMessage } from '../http/dto-fields';

const KINDS = ['module', 'part-of-module'] as const;

/** One credited unit carried over to a module of the target qualification. */
export class TransferUnitDto {
  @ApiProperty({ description: "The unit's id in its source qualification", example: 'u-vegan' })
  @Matches(ID, { message: idMessage('unitId') })
  unitId!: string;

  @ApiProperty({ description: 'The qualification the unit is credited to', example: 'cook-3' })
  @Matches(ID, { message: idMessage('fromQualificationId') })
  fromQualificationId!: string;

  @ApiProperty({ description: 'A module of the target qualification', example: 'm-nutrition' })
  @Matches(ID, { message: idMessage('toModuleId') })
  toModuleId!: string;

  @ApiPropertyOptional({
    description: "Points in the target qualification; when absent, the source credit's carry over",
    minimum: 0,
    example: 3,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  ecvetPoints?: number;

  @ApiPropertyOptional({
    enum: KINDS,
    description: 'When absent, part-of-module: completing a module takes an explicit decision',
  })
  @IsOptional()
  @IsIn(KINDS)
  kind?: (typeof KINDS)[number];
}

/** Credits transferred to another qualification / programme (ECVET principle: transfer). */
export class TransferCreditDto {
  @ApiProperty({ description: 'Chosen by the client: a slug or UUID', example: 'tr-1' })
  @Matches(ID, { message: idMessage('transferId') })
  transferId!: string;

  @ApiProperty({ example: 'confectioner-3' })
  @Matches(ID, { message: idMessage('toQualificationId') })
  toQualificationId!: string;

  @ApiProperty({ description: 'The programme the learner follows it under', example: 'Konditors' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  toProgramme!: string;

  @ApiProperty({ type: [TransferUnitDto], description: 'At least one unit (422 otherwise)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TransferUnitDto)
  units!: TransferUnitDto[];

  @ApiProperty({ description: 'Actor id of who decided', example: 'user:ilze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decidedBy!: string;

  @ApiProperty({ example: 'Same learning outcomes as module M-NUTR of the programme' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  rationale!: string;
}

/** A credit taken back (e.g. its recognition revoked on appeal); the history keeps both. */
export class WithdrawCreditDto {
  @ApiProperty({ description: 'The mobility the credit was recognised from', example: 'mob-1' })
  @Matches(ID, { message: idMessage('mobilityId') })
  mobilityId!: string;

  @ApiProperty({ example: 'u-vegan' })
  @Matches(ID, { message: idMessage('unitId') })
  unitId!: string;

  @ApiProperty({ example: 'Recognition revoked on appeal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ description: 'Actor id of who withdraws it', example: 'user:ilze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by!: string;
}

/** A learner's personal data erased (GDPR): say why — a request's reference, not who. */
export class EraseLearnerDto {
  @ApiProperty({
    description: 'Why (kept in the log after the erasure, unencrypted: no personal data here)',
    example: 'Erasure request of 2027-07-01, ref. DPO-12',
  })
  @IsString()
  @IsNotEmpty()
  // Not blank (and, as all text, without U+0000: the document's pattern says both).
  // eslint-disable-next-line no-control-regex -- U+0000 is the character this refuses
  @Matches(/^[^\u0000]*[^\s\u0000][^\u0000]*$/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason!: string;
}
