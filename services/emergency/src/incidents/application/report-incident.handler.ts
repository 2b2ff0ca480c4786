import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { IncidentSeverity, IncidentType } from '@pdmc/contracts';
import { DomainError } from '@pdmc/platform';
import { reportIncident, type Incident } from '../domain/incident';
import { EMERGENCY_PLAN, type EmergencyPlan } from '../infrastructure/emergency-plan';
import { WatchItemsLookup } from '../infrastructure/watch-items.lookup';
import { ChangeIncident } from './change-incident';

export interface StaffReport {
  type: IncidentType;
  severity: IncidentSeverity;
  place: string;
  peopleCount: number;
  peopleDescription?: string;
  description: string;
  petitionId?: string;
  caseId?: string;
  /** Start from a petition on the watch list: links the petition. */
  fromWatchItem?: string;
}

/** Staff report an incident; its units are dispatched at once by the plan. */
@Injectable()
export class ReportIncidentHandler {
  constructor(
    private readonly change: ChangeIncident,
    private readonly watchItems: WatchItemsLookup,
    @Inject(EMERGENCY_PLAN) private readonly plan: EmergencyPlan,
  ) {}

  async execute(report: StaffReport, by: string): Promise<Incident> {
    let petitionId = report.petitionId;
    if (report.fromWatchItem) {
      const item = await this.watchItems.find(report.fromWatchItem);
      if (!item) {
        throw new DomainError('EMERGENCY.WATCH_ITEM_NOT_FOUND', 'fromWatchItem names no petition on the watch list', 422, [
          { field: 'fromWatchItem', rule: 'onWatchList', message: 'fromWatchItem must name a petition on the watch list' },
        ]);
      }
      if (petitionId && petitionId !== item.petitionId) {
        throw new DomainError('VALIDATION_FAILED', 'petitionId and fromWatchItem name different petitions', 400, [
          { field: 'petitionId', rule: 'equalsFromWatchItem', message: 'petitionId must be the watch item’s petition' },
        ]);
      }
      petitionId = item.petitionId;
    }
    const change = reportIncident(
      {
        id: randomUUID(),
        type: report.type,
        severity: report.severity,
        source: 'staff',
        place: report.place,
        peopleCount: report.peopleCount,
        peopleDescription: report.peopleDescription,
        description: report.description,
        petitionId,
        caseId: report.caseId,
      },
      this.plan.dispatchPlans,
      this.change.now(),
      by,
    );
    await this.change.create(change);
    return change.incident;
  }
}
