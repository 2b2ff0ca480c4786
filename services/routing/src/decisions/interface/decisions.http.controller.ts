import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { DecisionQueriesHandler, type DecisionView, type DeskItemView } from '../application/decision-queries.handler';
import { DispatchPetitionHandler } from '../application/dispatch-petition.handler';
import { DeskQuery, DispatchDto } from './dispatch.dto';

@ApiTags('routing')
@ApiBearerAuth()
@Controller()
export class DecisionsHttpController {
  constructor(
    private readonly queries: DecisionQueriesHandler,
    private readonly dispatch: DispatchPetitionHandler,
  ) {}

  @Get('routing-decisions/:petitionId')
  @RequirePermission('routing.decision.read')
  @ApiOkResponse({ description: 'How the petition is routed now and why (rule-set version, explanation), with every earlier decision.' })
  @ApiNotFoundResponse({ description: 'Not accepted (yet), or routed outside the caller’s units.' })
  decision(@Param('petitionId', UuidParamPipe) petitionId: string, @CurrentPrincipal() principal: Principal): Promise<DecisionView> {
    return this.queries.decision(petitionId, principal);
  }

  @Get('dispatch-desk')
  @RequirePermission('routing.desk.read')
  @ApiOkResponse({ description: 'Items no rule decided and items units returned, nearest deadline first, then the longest waiting.' })
  desk(@Query() query: DeskQuery): Promise<{ items: DeskItemView[]; total: number; page: number; pageSize: number }> {
    return this.queries.desk(query);
  }

  @Post('routing-decisions/:petitionId/dispatch')
  @HttpCode(200)
  @RequirePermission('routing.dispatch')
  @Audit({ action: 'routing.dispatch', objectType: 'petition', objectId: 'param:petitionId' })
  @ApiOkResponse({ description: 'Decided by hand (route, re-route after a return, or override; a split with assisting units); routing.petition.routed.v1 carries a new decisionId.' })
  @ApiBadRequestResponse({ description: 'Unknown unit or body; an assisting unit that leads or repeats.' })
  @ApiNotFoundResponse({ description: 'Routing knows no accepted petition with this id.' })
  @ApiConflictResponse({ description: 'Nothing would change, or the petition changed meanwhile.' })
  decide(
    @Param('petitionId', UuidParamPipe) petitionId: string,
    @Body() dto: DispatchDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionView> {
    return this.dispatch.execute(petitionId, dto, principal.subject);
  }
}
