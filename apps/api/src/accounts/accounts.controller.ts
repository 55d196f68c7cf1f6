import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccountService, GetHistoryQuery, GetViewQuery, ListViewsQuery } from '@ecvet/application';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { Unauthenticated } from '../auth/unauthenticated';
import { IdParam } from '../http/params';
import {
  ApiCommandHeaders,
  ApiProblem,
  ApiRead,
  ApiSignedIn,
  ApiWrite,
  HISTORY_SCHEMA,
  PAGE_SCHEMA,
} from '../http/api-docs';
import { Cmd, type CommandRequest } from '../http/command-request';
import { PageQueryDto } from '../http/list-query.dto';
import { RateLimit } from '../http/rate-limit';
import { withETag, writeResult } from '../http/write-response';
import {
  CreateApiTokenDto,
  CreatedApiTokenDto,
  DisableAccountDto,
  ProvisionAccountDto,
  RoleAssignmentDto,
} from './account.dto';

/**
 * Accounts: who may sign in, as what (provisioned by an operator or an institution's
 * administrator), their API tokens, and their security record (provisioning, roles, sign-ins,
 * tokens) for auditors. Secrets never leave: a token is shown once, when it is created.
 */
@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountService,
    private readonly queries: QueryBus,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'Who you are: account, role, institution, how you signed in' })
  @ApiRead()
  @ApiRead()
  me(@Caller() principal: Principal | undefined) {
    if (!principal) throw new Unauthenticated('not signed in');
    const { accountId, email, name, role, institutionId, auditScope, via } = principal;
    return { accountId, email, name, role, institutionId, auditScope, via };
  }

  @Post()
  @ApiOperation({
    summary: 'Provision an account (operator; an administrator for their institution)',
  })
  @ApiWrite({ creates: true })
  async provision(
    @Body() body: ProvisionAccountDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const accountId = randomUUID();
    const outcome = await this.accounts.provision(
      accountId,
      { ...body, email: body.email.trim().toLowerCase() },
      cmd.context,
      cmd.options,
    );
    res.status(201).location(`/accounts/${accountId}`);
    return writeResult(res, accountId, outcome, cmd.idempotent);
  }

  @Get()
  @ApiOperation({ summary: 'The accounts you may see (read model)' })
  @ApiRead({ schema: PAGE_SCHEMA })
  list(@Caller() principal: Principal | undefined, @Query() page: PageQueryDto) {
    return this.queries.execute(new ListViewsQuery('accounts', {}, page, principal));
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'An account: role, institution, second factor, tokens (never values)' })
  @ApiRead({ etag: true })
  async get(
    @Caller() principal: Principal | undefined,
    @IdParam('accountId') id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetViewQuery('Account', id, {}, principal));
    return withETag(res, result.version, result.view);
  }

  @Get(':accountId/history')
  @ApiOperation({ summary: 'The security record: provisioning, roles, sign-ins, tokens (audit)' })
  @ApiRead({ schema: HISTORY_SCHEMA })
  history(@Caller() principal: Principal | undefined, @IdParam('accountId') id: string) {
    return this.queries.execute(new GetHistoryQuery('Account', id, principal));
  }

  @Put(':accountId/role')
  @ApiOperation({ summary: 'Grant a role (and revoke the previous one): a security event' })
  @ApiWrite()
  async changeRole(
    @IdParam('accountId') id: string,
    @Body() body: RoleAssignmentDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.accounts.changeRole(id, { ...body }, cmd.context, cmd.options);
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post(':accountId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account: its tokens and sessions stop working at once' })
  @ApiWrite()
  async disable(
    @IdParam('accountId') id: string,
    @Body() body: DisableAccountDto,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.accounts.disable(
      id,
      { reason: body.reason },
      cmd.context,
      cmd.options,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }

  @Post('me/tokens')
  @HttpCode(201)
  @RateLimit('token-create')
  @ApiOperation({ summary: 'A new API token for yourself: shown once, stored as a hash' })
  @ApiCommandHeaders()
  @ApiSignedIn()
  @ApiCreatedResponse({ type: CreatedApiTokenDto, description: 'The token (shown only now)' })
  @ApiProblem(409, 'Version conflict (If-Match), with currentVersion')
  @ApiProblem(422, 'A rule of the process forbids it (rule names it)')
  async createToken(@Body() body: CreateApiTokenDto, @Cmd() cmd: CommandRequest) {
    const principal = cmd.context.principal!;
    return this.accounts.createApiToken(principal.accountId, body, cmd.context);
  }

  @Delete(':accountId/tokens/:tokenId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API token (yours; an administrator or operator: any)' })
  @ApiWrite()
  async revokeToken(
    @IdParam('accountId') id: string,
    @IdParam('tokenId') tokenId: string,
    @Cmd() cmd: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.accounts.revokeApiToken(
      id,
      { tokenId, reason: `revoked by ${cmd.context.actor.id}` },
      cmd.context,
    );
    return writeResult(res, id, outcome, cmd.idempotent);
  }
}
