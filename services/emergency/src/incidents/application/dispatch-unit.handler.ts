import { Inject, Injectable } from '@nestjs/common';
import type { ResponderUnit } from '@pdmc/contracts';
import { dispatchUnit, type Incident } from '../domain/incident';
import { plannedUnits } from '../domain/dispatch-plan';
import { EMERGENCY_PLAN, type EmergencyPlan } from '../infrastructure/emergency-plan';
import { ChangeIncident } from './change-incident';

/** Default acknowledgement time of a unit the duty officer adds beyond the plan. */
export const DEFAULT_ACKNOWLEDGE_MINUTES = 10;

/** The duty officer calls one more unit to an incident. */
@Injectable()
export class DispatchUnitHandler {
  constructor(
    private readonly change: ChangeIncident,
    @Inject(EMERGENCY_PLAN) private readonly plan: EmergencyPlan,
  ) {}

  execute(incidentId: string, unit: ResponderUnit, minutes: number | undefined, by: string): Promise<Incident> {
    return this.change.apply(incidentId, (incident, now) => {
      // Without a time given, the unit gets the time the plan gives it for this incident, if any.
      const planned = plannedUnits(this.plan.dispatchPlans, incident.type, incident.severity).find((p) => p.unit === unit);
      return dispatchUnit(incident, unit, minutes ?? planned?.acknowledgeWithinMinutes ?? DEFAULT_ACKNOWLEDGE_MINUTES, now, by);
    });
  }
}
