import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BUS, type Bus } from '@pdmc/messaging';
import { trusted, type Model } from 'mongoose';
import type { EventEnvelope } from '@pdmc/contracts';
import { insertIfAbsent, toOutbox } from '@pdmc/persistence';
import { nextAcknowledgementDue, type Change, type Incident } from '../domain/incident';
import { IncidentDocument } from './incident.schema';

export interface StoredIncident {
  incident: Incident;
  version: number;
}

export function toIncident(doc: IncidentDocument): Incident {
  return {
    id: doc._id,
    type: doc.type,
    severity: doc.severity,
    source: doc.source,
    rule: doc.rule ?? null,
    causeEventId: doc.causeEventId ?? null,
    place: doc.place,
    peopleCount: doc.peopleCount,
    peopleDescription: doc.peopleDescription ?? null,
    description: doc.description,
    petitionId: doc.petitionId ?? null,
    caseId: doc.caseId ?? null,
    status: doc.status,
    reportedAt: doc.reportedAt,
    reportedBy: doc.reportedBy,
    dispatches: (doc.dispatches ?? []).map((d) => ({
      unit: d.unit,
      status: d.status,
      dispatchedAt: d.dispatchedAt,
      acknowledgeBy: d.acknowledgeBy,
      acknowledgedAt: d.acknowledgedAt ?? null,
      enRouteAt: d.enRouteAt ?? null,
      onSceneAt: d.onSceneAt ?? null,
      clearedAt: d.clearedAt ?? null,
      stoodDownAt: d.stoodDownAt ?? null,
      renotifiedAt: d.renotifiedAt ?? null,
    })),
    escalated: doc.escalated,
    escalatedAt: doc.escalatedAt ?? null,
    closing: doc.closing
      ? { outcome: doc.closing.outcome, report: doc.closing.report, closedAt: doc.closing.closedAt, closedBy: doc.closing.closedBy }
      : null,
    timeline: (doc.timeline ?? []).map((t) => ({
      at: t.at,
      by: t.by,
      action: t.action,
      ...(t.unit ? { unit: t.unit } : {}),
      ...(t.note ? { note: t.note } : {}),
    })),
  };
}

/** The fields a change may set; the timeline is appended to, never set. */
function mutableFields(incident: Incident) {
  return {
    status: incident.status,
    dispatches: incident.dispatches,
    dispatchUnits: incident.dispatches.map((d) => d.unit),
    escalated: incident.escalated,
    escalatedAt: incident.escalatedAt,
    closing: incident.closing,
    nextAcknowledgementDueAt: nextAcknowledgementDue(incident),
  };
}

/** Incidents, one document each, changed only by conditional single-document writes. */
@Injectable()
export class IncidentsRepository {
  private readonly logger = new Logger(IncidentsRepository.name);
  /** Publishing in progress per incident: one incident's writes are published in write order. */
  private readonly publishing = new Map<string, Promise<boolean>>();

  constructor(
    @InjectModel(IncidentDocument.name) private readonly incidents: Model<IncidentDocument>,
    @Inject(BUS) private readonly bus: Bus,
  ) {}

  /**
   * The fast path of the outbox, for one incident: publishes the entries a write just added, in
   * order, then removes exactly them (`$pullAll` of the entries as written, as the relay does).
   * The relay would find them only by scanning every incident with an outbox, which on the
   * embedded store costs a scan of the collection per pass; dispatches must not wait for it.
   * Returns false when a publish failed: the entries stay for the relay.
   */
  publishOutbox(id: string, events: EventEnvelope[]): Promise<boolean> {
    const previous = this.publishing.get(id) ?? Promise.resolve(true);
    // A write that failed to publish leaves its entries to the relay; later ones wait for it too.
    const next = previous.then((ok) => (ok ? this.publishNow(id, events) : false));
    this.publishing.set(id, next);
    void next.finally(() => {
      if (this.publishing.get(id) === next) this.publishing.delete(id);
    });
    return next;
  }

  private async publishNow(id: string, events: EventEnvelope[]): Promise<boolean> {
    try {
      for (const event of events) await this.bus.publish(event);
    } catch (error) {
      this.logger.warn({ msg: 'publishing an incident’s events failed; the outbox relay retries', incidentId: id, error: String(error) });
      return false;
    }
    try {
      await this.incidents.collection.updateOne({ _id: id } as never, { $pullAll: { outbox: toOutbox(...events) } } as never);
    } catch (error) {
      // Published but still listed: the relay publishes them again, which JetStream drops by id.
      this.logger.warn({ msg: 'removing published events from an incident’s outbox failed', incidentId: id, error: String(error) });
    }
    return true;
  }

  get model(): Model<IncidentDocument> {
    return this.incidents;
  }

  async find(id: string): Promise<StoredIncident | undefined> {
    const doc = await this.incidents.findById(id).lean<IncidentDocument>().exec();
    return doc ? { incident: toIncident(doc), version: doc.version ?? 0 } : undefined;
  }

  /** Inserts a new incident with its outbox; false when one with this id exists already. */
  async insert(change: Change, events: EventEnvelope[]): Promise<boolean> {
    const { id, timeline, ...rest } = change.incident;
    return insertIfAbsent(this.incidents, { _id: id, ...rest, ...mutableFields(change.incident), timeline, outbox: toOutbox(...events) });
  }

  /** Applies a change to the incident stored at `version`; false when someone changed it first. */
  async save(change: Change, version: number, events: EventEnvelope[]): Promise<boolean> {
    const result = await this.incidents
      .updateOne(
        { _id: change.incident.id, version },
        {
          $set: mutableFields(change.incident),
          $push: { timeline: { $each: change.appended }, outbox: { $each: toOutbox(...events) } },
          $inc: { version: 1 },
        },
      )
      .exec();
    return result.matchedCount === 1;
  }

  /** Ids of open incidents whose escalation timer ran out at `now`, oldest first. */
  async dueForEscalation(now: Date, limit: number): Promise<string[]> {
    const docs = await this.incidents
      .find({ nextAcknowledgementDueAt: trusted({ $lte: now }) }, { _id: 1 })
      .sort({ nextAcknowledgementDueAt: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>()
      .exec();
    return docs.map((d) => d._id);
  }
}
