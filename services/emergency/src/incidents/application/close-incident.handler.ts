import { Injectable } from '@nestjs/common';
import type { IncidentOutcome } from '@pdmc/contracts';
import { closeIncident, type Incident } from '../domain/incident';
import { ChangeIncident } from './change-incident';

/** The duty officer closes an incident every unit has left, with the closing report. */
@Injectable()
export class CloseIncidentHandler {
  constructor(private readonly change: ChangeIncident) {}

  execute(incidentId: string, outcome: IncidentOutcome, report: string, by: string): Promise<Incident> {
    return this.change.apply(incidentId, (incident, now) => closeIncident(incident, outcome, report, now, by));
  }
}
