import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ID, ID_MESSAGE, IsInstant } from '../http/dto-fields';

/** `GET /audit/bundles`: exactly one subject, an optional time range, an optional kept checkpoint. */
export class AuditBundleQueryDto {
  @ApiPropertyOptional({ description: 'The bundle of this mobility (its stream)' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('mobilityId') })
  mobilityId?: string;

  @ApiPropertyOptional({
    description: 'The bundle of this partnership: its stream and the mobilities run under it',
  })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('partnershipId') })
  partnershipId?: string;

  @ApiPropertyOptional({
    description:
      'The bundle of this institution: its stream, and the mobilities, partnerships and calls it is part of',
  })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('institutionId') })
  institutionId?: string;

  @ApiPropertyOptional({
    description:
      'Only events recorded at or after this instant (ISO 8601; a date is its 00:00 UTC)',
  })
  @IsOptional()
  @IsInstant('from')
  from?: string;

  @ApiPropertyOptional({
    description: 'Only events recorded before this instant (ISO 8601; a date is its 00:00 UTC)',
  })
  @IsOptional()
  @IsInstant('to')
  to?: string;

  @ApiPropertyOptional({
    description:
      'A seal hash the auditor kept (a checkpoint): the seal chain in the bundle starts at it, so `verify-bundle --checkpoint` can link it',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'checkpoint must be a seal hash: 64 lowercase hex digits' })
  checkpoint?: string;

  @ApiPropertyOptional({
    description:
      "The rendered documents' languages: `lv`, `en` or `lv,en` (the default); the PDFs of every Learning Agreement or MoU version in the bundle, and of the transcript and certificate when issued",
    pattern: '^(lv|en)(,(lv|en))?$',
  })
  @IsOptional()
  @Matches(/^(lv|en)(,(lv|en))?$/, { message: 'lang must be lv, en or lv,en' })
  lang?: string;
}

class CheckpointBodyDto {
  @ApiProperty({ example: 'ecvet-checkpoint/1' }) format!: string;
  @ApiProperty({ description: 'The signing key: first 16 hex digits of SHA-256 of its SPKI' })
  keyId!: string;
  @ApiProperty({ description: "The latest seal's hash (hex)" }) sealHash!: string;
  @ApiProperty({ description: "The latest seal's time", format: 'date-time' }) sealedAt!: string;
  @ApiProperty({ description: "The latest seal's sequence number" }) seq!: number;
  @ApiProperty({ description: 'How many events the seals 1..seq cover' }) treeSize!: number;
}

export class SignedCheckpointDto {
  @ApiProperty({ type: CheckpointBodyDto }) body!: CheckpointBodyDto;
  @ApiProperty({ description: 'Ed25519 over SHA-256 of the RFC 8785 text of body, base64' })
  signature!: string;
  @ApiProperty({
    description:
      'The signing public key (DER SubjectPublicKeyInfo, base64), for convenience: trust the key you were given, not this one',
  })
  spki!: string;
}
