import { Injectable } from '@nestjs/common';
import type { ReportableStage, ResponderUnit } from '@pdmc/contracts';
import { reportStage, type Incident } from '../domain/incident';
import { ChangeIncident } from './change-incident';

/** A responder unit (or the duty officer for it) reports the next stage of its dispatch. */
@Injectable()
export class ReportDispatchStatusHandler {
  constructor(private readonly change: ChangeIncident) {}

  execute(incidentId: string, unit: ResponderUnit, stage: ReportableStage, by: string, note?: string): Promise<Incident> {
    return this.change.apply(incidentId, (incident, now) => reportStage(incident, unit, stage, now, by, note));
  }
}
