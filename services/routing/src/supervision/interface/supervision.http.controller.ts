import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { statisticsTable, toCsv } from '../domain/statistics-table';
import { statisticsXlsx } from '../infrastructure/statistics-xlsx';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { SupervisionQueriesHandler, type QueueItemView, type StatisticsView } from '../application/supervision-queries.handler';
import { QueueQuery, StatisticsExportQuery, StatisticsQuery } from './supervision.dto';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionHttpController {
  constructor(private readonly queries: SupervisionQueriesHandler) {}

  @Get('queue')
  @RequirePermission('supervision.read')
  @ApiOkResponse({ description: 'Open obligations (every watched deadline), overdue first, then the nearest deadline; unit staff see their units’ only.' })
  queue(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: QueueItemView[]; total: number; page: number; pageSize: number }> {
    return this.queries.queue(query, principal);
  }

  @Get('statistics')
  @RequirePermission('statistics.read')
  @ApiOkResponse({ description: 'Counters and rates per value of a dimension over a range of months (definitions in docs/supervision.md).' })
  @ApiBadRequestResponse({ description: 'A month not YYYY-MM, to before from, more than 24 months, or an unknown dimension.' })
  statistics(@Query() query: StatisticsQuery): Promise<StatisticsView> {
    return this.queries.statistics(query);
  }

  @Get('statistics/export')
  @RequirePermission('statistics.read')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The same table as /supervision/statistics, one row per value, counters then rates, as CSV or XLSX.' })
  @ApiBadRequestResponse({ description: 'As /supervision/statistics, or an unknown format.' })
  async export(@Query() query: StatisticsExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const table = statisticsTable(await this.queries.statistics(query));
    const format = query.format ?? 'csv';
    reply.header('content-disposition', `attachment; filename="${table.name}.${format}"`);
    if (format === 'csv') {
      reply.type('text/csv; charset=utf-8');
      return toCsv(table);
    }
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return statisticsXlsx(table);
  }
}
