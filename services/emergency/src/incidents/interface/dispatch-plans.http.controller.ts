import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { RESPONDER_UNIT_NAMES } from '@pdmc/contracts';
import { EMERGENCY_PLAN, type EmergencyPlan } from '../infrastructure/emergency-plan';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('dispatch-plans')
export class DispatchPlansHttpController {
  constructor(@Inject(EMERGENCY_PLAN) private readonly plan: EmergencyPlan) {}

  @Get()
  @RequirePermission('incident.read')
  @ApiOkResponse({
    description:
      'The responder units, the dispatch plans (type → severity → units and acknowledgement minutes; a severity not listed takes the next lower one) and the automatic-incident rules in force.',
  })
  get() {
    return { units: RESPONDER_UNIT_NAMES, dispatchPlans: this.plan.dispatchPlans, incidentRules: this.plan.incidentRules };
  }
}
