import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetOutboxMailQuery, ListOutboxMailsQuery } from '@ecvet/notifications';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { IdParam } from '../http/params';
import { ApiRead } from '../http/api-docs';
import { OutboxListQueryDto, OutboxMailDto, OutboxPageDto } from './outbox.dto';

/**
 * The mail outbox: every reminder, escalation and deadline mail the workflow's events called for,
 * with its delivery status. Without SMTP_URL nothing is sent and the mail stays readable here —
 * except a signing link, which no outbox response carries (`signingLinkSent`; an operator reads a
 * link kept locally through POST /mobilities/…/signatories/{role}/links/disclosures, recorded).
 */
@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Mail in the outbox, newest first, by mobility and/or delivery status',
  })
  @ApiOkResponse({ type: OutboxPageDto })
  @ApiRead()
  list(@Caller() principal: Principal | undefined, @Query() query: OutboxListQueryDto) {
    return this.queries.execute(
      new ListOutboxMailsQuery(
        {
          ...(query.mobilityId && { mobilityId: query.mobilityId }),
          ...(query.partnershipId && { partnershipId: query.partnershipId }),
          ...(query.status && { status: query.status }),
        },
        { limit: query.limit, offset: query.offset },
        outboxScope(principal),
      ),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One mail: its text, HTML and delivery status (a signing link is never shown)',
  })
  @ApiOkResponse({ type: OutboxMailDto })
  @ApiRead()
  get(@Caller() principal: Principal | undefined, @IdParam('id') id: string) {
    return this.queries.execute(new GetOutboxMailQuery(id, outboxScope(principal)));
  }
}

/**
 * Whose mail a principal reads: the operator and auditors of everything all of it; an
 * institution's staff the mail about the mobilities and partnerships their institution is part
 * of; a scoped auditor their institutions'; a mentor none (docs/access.md).
 */
function outboxScope(principal: Principal | undefined): string[] | undefined {
  if (!principal || principal.role === 'operator') return undefined;
  if (principal.role === 'auditor')
    return principal.auditScope === 'all' ? undefined : (principal.auditScope ?? []);
  if (principal.role === 'mentor' || principal.institutionId === undefined) return [];
  return [principal.institutionId];
}
