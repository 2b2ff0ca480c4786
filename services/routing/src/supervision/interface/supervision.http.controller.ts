import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { SupervisionQueriesHandler, type QueueItemView, type StatisticsView } from '../application/supervision-queries.handler';
import { QueueQuery, StatisticsQuery } from './supervision.dto';

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
}
