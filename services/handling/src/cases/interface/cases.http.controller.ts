import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import type { Case, HistoryEntry } from '../domain/case';
import { FindCasesHandler, type HandlerLoad, type OverdueTask, type Page } from '../application/find-cases.handler';
import { ListCasesQuery } from './list-cases.query';
import { QueueQuery, QueueUnitQuery } from './queue.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesHttpController {
  constructor(private readonly find: FindCasesHandler) {}

  @Get('cases')
  @RequirePermission('case.list')
  @ApiOkResponse({ description: 'Cases the caller may see (own units or body), newest first, filtered and paginated.' })
  list(@Query() query: ListCasesQuery, @CurrentPrincipal() principal: Principal): Promise<Page<Case>> {
    return this.find.list(query, principal);
  }

  @Get('cases/:id')
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'One case, with its decision (null before), resolutions, tasks, extension, review and re-examination.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units or body.' })
  get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<Case> {
    return this.find.byId(id, principal);
  }

  @Get('cases/:id/history')
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'The append-only history of the case, oldest first: who (and in which roles), when, from-state, to-state, what.' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units or body.' })
  history(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<{ items: HistoryEntry[] }> {
    return this.find.history(id, principal);
  }

  @Get('queue')
  @RequirePermission('case.list')
  @ApiOkResponse({ description: 'A unit’s work queue (or all the caller sees): overdue first, then the nearest deadline; filters by state, handler, unassigned, overdue. Empty for a unit outside the caller’s.' })
  @ApiBadRequestResponse({ description: 'An unknown unit or filter.' })
  queue(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal): Promise<Page<Case>> {
    return this.find.queue(query.unit, query, principal);
  }

  @Get('queue/load')
  @RequirePermission('case.list')
  @ApiOkResponse({ description: 'Each handler’s load in the unit’s queue (cases and overdue ones; unassigned under handler null).' })
  @ApiBadRequestResponse({ description: 'An unknown unit.' })
  load(@Query() query: QueueUnitQuery, @CurrentPrincipal() principal: Principal): Promise<{ handlers: HandlerLoad[] }> {
    return this.find.load(query.unit, principal);
  }

  @Get('tasks/overdue')
  @RequirePermission('case.list')
  @ApiOkResponse({ description: 'Tasks of responsible bodies past their deadline without a report, within the caller’s units or bodies.' })
  overdueTasks(@CurrentPrincipal() principal: Principal): Promise<{ items: OverdueTask[] }> {
    return this.find.overdueTasks(principal);
  }
}
