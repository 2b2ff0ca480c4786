import {
  createEnvelope,
  dispatchFeedSubject,
  INCIDENT_CLOSED_V1,
  INCIDENT_ESCALATED_V1,
  INCIDENT_REPORTED_V1,
  type DispatchFeedMessageV1,
  type EventEnvelope,
} from '@pdmc/contracts';
import { secondsBetween, type Change, type Dispatch, type Effect, type Incident } from '../domain/incident';

export interface EnvelopeContext {
  correlationId: string;
  causationId?: string;
}

function feedMessage(incident: Incident, effect: Extract<Effect, { kind: 'feed' }>, at: Date): DispatchFeedMessageV1 {
  const dispatch = incident.dispatches.find((d) => d.unit === effect.unit) as Dispatch;
  const awaiting = dispatch.status === 'dispatched';
  return {
    incidentId: incident.id,
    unit: effect.unit,
    kind: effect.feedKind,
    status: dispatch.status,
    type: incident.type,
    severity: incident.severity,
    place: incident.place,
    peopleCount: incident.peopleCount,
    summary: incident.description.slice(0, 500),
    at: at.toISOString(),
    ...(awaiting ? { acknowledgeBy: dispatch.acknowledgeBy.toISOString() } : {}),
    ...(effect.note ? { note: effect.note.slice(0, 500) } : {}),
  };
}

/**
 * The envelopes a change publishes through the incident's outbox: one feed message per unit
 * concerned (subject `emergency.dispatch.<unit>.<kind>.v1`) and the integration events for
 * supervision's statistics.
 */
export function envelopesOf(change: Change, at: Date, ctx: EnvelopeContext): EventEnvelope[] {
  const incident = change.incident;
  const common = { correlationId: ctx.correlationId, causationId: ctx.causationId, occurredAt: at };
  return change.effects.map((effect): EventEnvelope => {
    switch (effect.kind) {
      case 'feed': {
        const type = dispatchFeedSubject(effect.unit, effect.feedKind);
        return createEnvelope({ subject: type, version: 1, producer: 'emergency', payload: Object }, feedMessage(incident, effect, at), common);
      }
      case 'reported':
        return createEnvelope(
          INCIDENT_REPORTED_V1,
          {
            incidentId: incident.id,
            type: incident.type,
            severity: incident.severity,
            source: incident.source,
            ...(incident.rule ? { rule: incident.rule } : {}),
            ...(incident.petitionId ? { petitionId: incident.petitionId } : {}),
            peopleCount: incident.peopleCount,
            reportedAt: incident.reportedAt.toISOString(),
            dispatches: incident.dispatches.map((d) => ({
              unit: d.unit,
              dispatchedAt: d.dispatchedAt.toISOString(),
              acknowledgeBy: d.acknowledgeBy.toISOString(),
            })),
          },
          common,
        );
      case 'escalated':
        return createEnvelope(
          INCIDENT_ESCALATED_V1,
          { incidentId: incident.id, type: incident.type, severity: incident.severity, overdueUnits: effect.overdueUnits, escalatedAt: at.toISOString() },
          common,
        );
      case 'closed': {
        const closing = incident.closing!;
        return createEnvelope(
          INCIDENT_CLOSED_V1,
          {
            incidentId: incident.id,
            type: incident.type,
            severity: incident.severity,
            source: incident.source,
            outcome: closing.outcome,
            escalated: incident.escalated,
            reportedAt: incident.reportedAt.toISOString(),
            closedAt: closing.closedAt.toISOString(),
            durationSeconds: secondsBetween(incident.reportedAt, closing.closedAt) ?? 0,
            responses: incident.dispatches.map((d) => ({
              unit: d.unit,
              finalStatus: d.status,
              ...optional('acknowledgedAfterSeconds', secondsBetween(d.dispatchedAt, d.acknowledgedAt)),
              ...optional('onSceneAfterSeconds', secondsBetween(d.dispatchedAt, d.onSceneAt)),
              ...optional('clearedAfterSeconds', secondsBetween(d.dispatchedAt, d.clearedAt)),
              acknowledgementOverdue: d.renotifiedAt !== null,
            })),
          },
          common,
        );
      }
    }
  });
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
