import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError, scopedFilter, UuidParamPipe } from '@pdmc/platform';
import { ROUTING_RULES, type RoutingRule } from '../domain/routing-rules';
import { RoutingDecisionDocument } from '../infrastructure/routing-decision.schema';

export interface RoutingDecisionView {
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  ruleId: string;
  reason: string;
  decidedAt: Date;
}

/** A unit head sees why petitions were routed to their units; elsewhere it is a 404. */
const DECISION_SCOPE = { units: 'workUnit', bodies: 'responsibleBody' };

@ApiTags('routing')
@ApiBearerAuth()
@Controller()
export class RoutingHttpController {
  constructor(@InjectModel(RoutingDecisionDocument.name) private readonly decisions: Model<RoutingDecisionDocument>) {}

  @Get('routing-rules')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'The rule table routing applies, most specific rule first wins.' })
  rules(): readonly RoutingRule[] {
    return ROUTING_RULES;
  }

  @Get('routing-decisions/:petitionId')
  @RequirePermission('routing.decision.read')
  @ApiOkResponse({ description: 'How the petition was routed and why.' })
  @ApiNotFoundResponse({ description: 'Not routed (yet), or routed outside the caller’s units.' })
  async decision(
    @Param('petitionId', UuidParamPipe) petitionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RoutingDecisionView> {
    const d = await this.decisions.findOne(scopedFilter({ _id: petitionId }, principal, DECISION_SCOPE), { outbox: 0 }).lean().exec();
    if (!d) throw new NotFoundError('ROUTING.DECISION_NOT_FOUND', 'No routing decision for this petition');
    return {
      petitionId: d._id,
      caseNumber: d.caseNumber,
      workUnit: d.workUnit,
      responsibleBody: d.responsibleBody,
      ruleId: d.ruleId,
      reason: d.reason,
      decidedAt: d.decidedAt,
    };
  }
}
