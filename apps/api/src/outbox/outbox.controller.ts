import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetOutboxMailQuery, ListOutboxMailsQuery } from '@ecvet/notifications';
import { ApiRead } from '../http/api-docs';
import { OutboxListQueryDto, OutboxMailDto, OutboxPageDto } from './outbox.dto';

/**
 * The mail outbox: every reminder, escalation and deadline mail the workflow's events called for,
 * with its delivery status. Without SMTP_URL nothing is sent and the mail stays readable here.
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
  list(@Query() query: OutboxListQueryDto) {
    return this.queries.execute(
      new ListOutboxMailsQuery(
        {
          ...(query.mobilityId && { mobilityId: query.mobilityId }),
          ...(query.partnershipId && { partnershipId: query.partnershipId }),
          ...(query.status && { status: query.status }),
        },
        { limit: query.limit, offset: query.offset },
      ),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One mail: its text, HTML, signing link and delivery status' })
  @ApiOkResponse({ type: OutboxMailDto })
  @ApiRead()
  get(@Param('id') id: string) {
    return this.queries.execute(new GetOutboxMailQuery(id));
  }
}
