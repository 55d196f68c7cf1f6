import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  OUTBOX_STATUSES,
  type MailKind,
  type OutboxStatus,
  type RecipientRole,
} from '@ecvet/notifications';
import { PageQueryDto } from '../http/list-query.dto';
import { ID, ID_MESSAGE } from '../mobilities/mobility-plan.dto';

// Every MailKind once: the compiler refuses a missing or unknown one.
const KINDS = Object.keys({
  'signature-reminder': true,
  'signing-link-reissued': true,
  'signature-escalation': true,
  'signature-expired': true,
  'step-reminder': true,
  'step-escalation': true,
  'step-deadline-missed': true,
  'mou-signature-reminder': true,
  'mou-signature-escalation': true,
  'mou-signature-expired': true,
  'mou-renewal-reminder': true,
  'mou-renewal-escalation': true,
  'checkpoint-digest': true,
} satisfies Record<MailKind, true>);
// Every RecipientRole once: the compiler refuses a missing or unknown one.
const RECIPIENT_ROLES = Object.keys({
  learner: true,
  guardian: true,
  'sending-school': true,
  host: true,
  coordinator: true,
  head: true,
  'host-mentor': true,
  'partner-contact': true,
  'checkpoint-recipient': true,
} satisfies Record<RecipientRole, true>);

export class OutboxListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the mail of this mobility' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('mobilityId') })
  mobilityId?: string;

  @ApiPropertyOptional({ description: 'Only the mail of this partnership (MoU reminders)' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('partnershipId') })
  partnershipId?: string;

  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;
}

class RecipientDto {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) role!: string;
}

export class OutboxMailSummaryDto {
  @ApiProperty({ description: '`<event id>:<recipient index>`', example: '3f2a…:0' }) id!: string;
  @ApiProperty({ description: 'The event that called for the mail' }) eventId!: string;
  @ApiProperty({ example: 'SignatureReminderSent' }) eventType!: string;
  @ApiPropertyOptional({ description: 'Set for mobility mail' }) mobilityId?: string;
  @ApiPropertyOptional({ description: 'Set for MoU mail' }) partnershipId?: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ type: RecipientDto }) to!: RecipientDto;
  @ApiProperty({ enum: ['lv', 'en'] }) language!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({
    enum: OUTBOX_STATUSES,
    description: '`kept-locally`: no SMTP_URL was configured, the mail was not sent',
  })
  status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) sentAt?: string;
  @ApiPropertyOptional({ example: '<3f2a….0@ecvet>' }) messageId?: string;
  @ApiProperty({
    description:
      'The mail carries a signing link. The outbox never shows it: the text and HTML read ' +
      '`[signing link sent]` in its place',
  })
  signingLinkSent!: boolean;
}

export class OutboxPageDto {
  @ApiProperty({ type: [OutboxMailSummaryDto] }) items!: OutboxMailSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class OutboxMailDto extends OutboxMailSummaryDto {
  @ApiProperty({ description: 'The plain-text part (a signing link replaced)' }) text!: string;
  @ApiProperty({ description: 'The HTML part (a signing link replaced)' }) html!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'A pending mail’s next attempt' })
  nextAttemptAt?: string;
}
