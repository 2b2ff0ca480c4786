import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import type { Incident } from '../domain/incident';
import { IncidentDocument } from '../infrastructure/incident.schema';
import { toIncident } from '../infrastructure/incidents.repository';
import { IncidentNotFoundError } from './errors';
import { actingUnits, toIncidentView, type IncidentView } from './incident.view';

/** The documented cap of the incident list. */
export const INCIDENT_LIST_LIMIT = 100;

/** Reads of incidents: centre-wide roles see all, a responder unit those it was dispatched to (404 otherwise). */
@Injectable()
export class IncidentQueriesHandler {
  constructor(@InjectModel(IncidentDocument.name) private readonly incidents: Model<IncidentDocument>) {}

  /** The incidents reported last, newest first. */
  async latest(status: 'open' | 'closed' | undefined, principal: Principal): Promise<IncidentView[]> {
    const units = actingUnits(principal);
    if (units !== 'all' && units.length === 0) return [];
    const filter: Record<string, unknown> = {};
    if (status) filter.status = status;
    if (units !== 'all') filter.dispatchUnits = units[0];
    const docs = await this.incidents
      .find(filter, { outbox: 0, timeline: 0 })
      .sort({ reportedAt: -1 })
      .limit(INCIDENT_LIST_LIMIT)
      .lean<IncidentDocument[]>()
      .exec();
    return docs.map((d) => toIncidentView(toIncident(d)));
  }

  /** The incident if the principal may see it. */
  async visible(id: string, principal: Principal): Promise<Incident> {
    const units = actingUnits(principal);
    const filter: Record<string, unknown> = { _id: id };
    if (units !== 'all') {
      if (units.length === 0) throw new IncidentNotFoundError();
      filter.dispatchUnits = units[0];
    }
    const doc = await this.incidents.findOne(filter, { outbox: 0 }).lean<IncidentDocument>().exec();
    if (!doc) throw new IncidentNotFoundError();
    return toIncident(doc);
  }
}
