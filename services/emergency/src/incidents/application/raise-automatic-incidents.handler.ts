import { Inject, Injectable, Logger } from '@nestjs/common';
import { reportIncident } from '../domain/incident';
import { incidentsFromIntakeEvent, type IntakeFacts } from '../domain/incident-rules';
import { EMERGENCY_PLAN, type EmergencyPlan } from '../infrastructure/emergency-plan';
import { ChangeIncident } from './change-incident';

/**
 * Raises the incidents the configured rules call for on an intake event. The incident id comes
 * from the causing event, so a redelivered event finds its incident there and raises nothing.
 */
@Injectable()
export class RaiseAutomaticIncidentsHandler {
  private readonly logger = new Logger(RaiseAutomaticIncidentsHandler.name);

  constructor(
    private readonly change: ChangeIncident,
    @Inject(EMERGENCY_PLAN) private readonly plan: EmergencyPlan,
  ) {}

  async execute(facts: IntakeFacts): Promise<string[]> {
    const raised: string[] = [];
    for (const auto of incidentsFromIntakeEvent(this.plan.incidentRules, facts)) {
      const change = reportIncident(
        {
          id: auto.incidentId,
          type: auto.type,
          severity: auto.severity,
          source: 'rule',
          rule: auto.rule,
          causeEventId: auto.causeEventId,
          place: auto.place,
          peopleCount: auto.peopleCount,
          description: auto.description,
          petitionId: auto.petitionId,
        },
        this.plan.dispatchPlans,
        this.change.now(),
        `rule:${auto.rule}`,
      );
      if (await this.change.create(change)) {
        raised.push(auto.incidentId);
        this.logger.log({ msg: 'automatic incident raised', incidentId: auto.incidentId, rule: auto.rule, type: auto.type });
      }
    }
    return raised;
  }
}
