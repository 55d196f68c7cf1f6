import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import {
  allMobilityRows,
  DashboardListQuery,
  DashboardOverviewQuery,
  InvalidDashboardCursor,
  type MobilityRow,
  SavedFilters,
} from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { Unauthenticated } from '../auth/unauthenticated';
import { ApiRead, ProblemDto } from '../http/api-docs';
import { InvalidRequest } from '../problem-details/problem-details';
import { writeCsv, writeXlsx } from './dashboard-export';
import {
  DashboardExportQueryDto,
  DashboardSettingsDto,
  DashboardListQueryDto,
  MobilityPageDto,
  MobilityRowDto,
  SavedFilterDto,
  SavedFilterItemDto,
  SavedFilterListDto,
} from './dashboard.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const signedIn = (principal: Principal | undefined): Principal => {
  if (!principal)
    throw new Unauthenticated('sign in, or send an API token as Authorization: Bearer');
  return principal;
};

/**
 * The coordinators' dashboard (docs/dashboard-api.md): the overview, the mobilities' list with
 * filters, sorts and keyset paging, its export, and each account's saved filters. Everything is
 * limited to what the caller may read (the same scope as the read models' lists).
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly queries: QueryBus,
    private readonly savedFilters: SavedFilters,
    @InjectPool() private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  @Get('settings')
  @ApiOperation({
    summary: 'What the dashboard needs of the deployment: where the Temporal Web UI is (or null)',
  })
  @ApiRead()
  @ApiOkResponse({ type: DashboardSettingsDto })
  settings(@Caller() principal: Principal | undefined): DashboardSettingsDto {
    signedIn(principal);
    const url = this.config.TEMPORAL_UI_URL;
    return { temporalUi: url ? { url, namespace: this.config.TEMPORAL_NAMESPACE } : null };
  }

  @Get('overview')
  @ApiOperation({
    summary:
      'Counts by phase, overdue, waiting per signatory, deadlines of the next 14 days, per month and partnership',
  })
  @ApiRead()
  overview(@Caller() principal: Principal | undefined) {
    return this.queries.execute(new DashboardOverviewQuery(signedIn(principal)));
  }

  @Get('mobilities')
  @ApiOperation({ summary: 'The mobilities you may see: filters, sorts, keyset paging' })
  @ApiRead()
  @ApiOkResponse({ type: MobilityPageDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A bad parameter (named)' })
  async list(@Caller() principal: Principal | undefined, @Query() query: DashboardListQueryDto) {
    try {
      return await this.queries.execute(
        new DashboardListQuery(
          signedIn(principal),
          query.toFilter(),
          query.sort ?? 'start',
          query.limit,
          query.cursor,
        ),
      );
    } catch (err) {
      if (err instanceof InvalidDashboardCursor)
        throw new InvalidRequest([
          {
            name: 'cursor',
            reason: 'not a cursor of this list and sort (start again without one)',
          },
        ]);
      throw err;
    }
  }

  @Get('mobilities/export')
  @ApiOperation({ summary: 'The whole filtered list as CSV (UTF-8 with BOM) or XLSX' })
  @ApiRead()
  @ApiProduces('text/csv', XLSX)
  @ApiOkResponse({
    description: 'The file (Content-Disposition: attachment)',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A bad parameter (named)' })
  async export(
    @Caller() principal: Principal | undefined,
    @Query() query: DashboardExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const rows = allMobilityRows(
      this.pool,
      signedIn(principal),
      query.toFilter(),
      query.sort ?? 'start',
    );
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="mobilities-${stamp}.${query.format}"`,
    );
    res.setHeader('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
    try {
      await (query.format === 'csv' ? writeCsv(rows, res) : writeXlsx(rows, res));
    } catch (err) {
      // Once the body has begun, a failure can only cut it short (the client sees no complete file).
      if (!res.headersSent) throw err;
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  @Get('mobilities/:mobilityId')
  @ApiOperation({
    summary: "One mobility's row: phase, waiting for, next deadline (404 when not yours to see)",
  })
  @ApiRead()
  @ApiOkResponse({ type: MobilityRowDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such mobility that you may see' })
  async row(
    @Caller() principal: Principal | undefined,
    @Param('mobilityId') mobilityId: string,
  ): Promise<MobilityRow> {
    const page = await this.queries.execute(
      new DashboardListQuery(signedIn(principal), { mobilityId }, 'start', 1),
    );
    const row = page.items[0];
    if (!row) throw new NotFoundException(`no mobility ${mobilityId}`);
    return row;
  }

  @Get('saved-filters')
  @ApiOperation({ summary: 'Your saved filters' })
  @ApiRead()
  @ApiOkResponse({ type: SavedFilterListDto })
  async savedFilterList(@Caller() principal: Principal | undefined) {
    return { items: await this.savedFilters.list(signedIn(principal).accountId) };
  }

  @Post('saved-filters')
  @ApiOperation({ summary: 'Save a filter of a dashboard view under a name (unique per account)' })
  @ApiRead()
  @ApiCreatedResponse({ type: SavedFilterItemDto, description: 'Created' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields (each listed)' })
  @ApiConflictResponse({ type: ProblemDto, description: 'You have a filter of that name' })
  async saveFilter(@Caller() principal: Principal | undefined, @Body() body: SavedFilterDto) {
    const saved = await this.savedFilters.create(signedIn(principal).accountId, {
      name: body.name,
      view: body.view,
      search: body.search,
    });
    if (saved === 'name-taken')
      throw new ConflictException(`you already have a saved filter named "${body.name}"`);
    return saved;
  }

  @Delete('saved-filters/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your saved filters' })
  @ApiRead()
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteFilter(
    @Caller() principal: Principal | undefined,
    @Param('id') id: string,
  ): Promise<void> {
    if (!(await this.savedFilters.delete(signedIn(principal).accountId, id)))
      throw new NotFoundException(`you have no saved filter ${id}`);
  }
}
