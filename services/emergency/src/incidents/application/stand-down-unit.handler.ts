import { Injectable } from '@nestjs/common';
import type { ResponderUnit } from '@pdmc/contracts';
import { standDownUnit, type Incident } from '../domain/incident';
import { ChangeIncident } from './change-incident';

/** The duty officer stands a unit down: it is no longer needed at the incident. */
@Injectable()
export class StandDownUnitHandler {
  constructor(private readonly change: ChangeIncident) {}

  execute(incidentId: string, unit: ResponderUnit, reason: string, by: string): Promise<Incident> {
    return this.change.apply(incidentId, (incident, now) => standDownUnit(incident, unit, reason, now, by));
  }
}
