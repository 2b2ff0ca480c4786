import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { AcceptanceQueriesHandler } from '../application/acceptance-queries.handler';
import { DecideAcceptanceHandler } from '../application/decide-acceptance.handler';
import type { Petition } from '../domain/petition';
import { AcceptanceDecisionDto } from './acceptance-decision.dto';
import { AcceptanceQueueQuery } from './list-petitions.query';

@ApiTags('acceptance')
@ApiBearerAuth()
@Controller('petitions')
export class AcceptanceHttpController {
  constructor(
    private readonly decide: DecideAcceptanceHandler,
    private readonly queries: AcceptanceQueriesHandler,
  ) {}

  @Get('acceptance-queue')
  @RequirePermission('petition.list')
  @ApiOkResponse({ description: 'Petitions awaiting the acceptance decision, nearest 15-day deadline first; `acceptanceOverdue` marks late ones.' })
  queue(@Query() query: AcceptanceQueueQuery): ReturnType<AcceptanceQueriesHandler['queue']> {
    return this.queries.queue(query);
  }

  @Post(':id/acceptance-decision')
  @HttpCode(200)
  @RequirePermission('petition.decide_acceptance')
  @Audit({ action: 'petition.decide_acceptance', objectType: 'petition', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Decided: accepted (routing takes over), not accepted with a reason, or forwarded.' })
  @ApiBadRequestResponse({ description: 'A reason is required to decline; a target to forward.' })
  @ApiConflictResponse({ description: 'Already decided.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  decideAcceptance(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AcceptanceDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Petition> {
    return this.decide.execute(id, dto, principal.subject);
  }

  /** Carries the petitioners' names: only for the desk that registers, and audited. */
  @Get(':id/receipt')
  @RequirePermission('petition.register')
  @Audit({ action: 'petition.print_receipt', objectType: 'petition', objectId: 'param:id' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The registration receipt (登记回执) as HTML, ready to print: case number, query code and the 15-day date.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  async receipt(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const html = await this.queries.receipt(id);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }

  /** Carries the petitioners' names: only for those who decide, and audited. */
  @Get(':id/notice')
  @RequirePermission('petition.decide_acceptance')
  @Audit({ action: 'petition.print_notice', objectType: 'petition', objectId: 'param:id' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The written notice (受理告知书 / 不予受理告知书 / 转送告知书) as HTML, ready to print.' })
  @ApiConflictResponse({ description: 'Not decided yet.' })
  async notice(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const html = await this.queries.notice(id);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }
}
