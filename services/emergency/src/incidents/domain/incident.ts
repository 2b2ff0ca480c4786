import {
  DISPATCH_STAGES,
  type DispatchFeedKind,
  type DispatchStage,
  type DispatchStatus,
  type IncidentOutcome,
  type IncidentSeverity,
  type IncidentSource,
  type IncidentType,
  type ResponderUnit,
} from '@pdmc/contracts';
import { plannedUnits, type DispatchPlans } from './dispatch-plan';

/** One responder unit called to an incident, with the time it reached each stage. */
export interface Dispatch {
  unit: ResponderUnit;
  status: DispatchStatus;
  dispatchedAt: Date;
  /** It must acknowledge by then, or be notified again and the incident escalated. */
  acknowledgeBy: Date;
  acknowledgedAt: Date | null;
  enRouteAt: Date | null;
  onSceneAt: Date | null;
  clearedAt: Date | null;
  stoodDownAt: Date | null;
  /** When it was notified again for missing its acknowledgement time. */
  renotifiedAt: Date | null;
}

export type TimelineAction =
  | 'reported'
  | 'dispatched'
  | 'acknowledged'
  | 'en_route'
  | 'on_scene'
  | 'cleared'
  | 'stood_down'
  | 'renotified'
  | 'escalated'
  | 'closed';

/** One line of the incident's append-only timeline. */
export interface TimelineEntry {
  at: Date;
  /** Who: a staff subject, `unit:<code>` for a responder over NATS, `rule:<id>`, or `system`. */
  by: string;
  action: TimelineAction;
  unit?: ResponderUnit;
  note?: string;
}

export interface ClosingReport {
  outcome: IncidentOutcome;
  report: string;
  closedAt: Date;
  closedBy: string;
}

export interface Incident {
  id: string;
  type: IncidentType;
  severity: IncidentSeverity;
  source: IncidentSource;
  rule: string | null;
  causeEventId: string | null;
  place: string;
  peopleCount: number;
  peopleDescription: string | null;
  description: string;
  petitionId: string | null;
  caseId: string | null;
  status: 'open' | 'closed';
  reportedAt: Date;
  reportedBy: string;
  dispatches: Dispatch[];
  /** The incident was escalated to the centre director (a unit missed its acknowledgement). */
  escalated: boolean;
  escalatedAt: Date | null;
  closing: ClosingReport | null;
  timeline: TimelineEntry[];
}

/** What a change means beyond the incident itself: a unit's feed message, or an integration event. */
export type Effect =
  | { kind: 'feed'; unit: ResponderUnit; feedKind: DispatchFeedKind; note?: string }
  | { kind: 'reported' }
  | { kind: 'escalated'; overdueUnits: ResponderUnit[] }
  | { kind: 'closed' };

/** A change: the new state, the timeline lines it appends and its effects. */
export interface Change {
  incident: Incident;
  appended: TimelineEntry[];
  effects: Effect[];
}

/** A refused change: a stable code, the HTTP status, and for 409 what is allowed now. */
export interface Refusal {
  refused: true;
  code: string;
  status: 404 | 409;
  message: string;
}

export const isRefusal = (v: Change | Refusal): v is Refusal => (v as Refusal).refused === true;

const refuse = (code: string, status: 404 | 409, message: string): Refusal => ({ refused: true, code, status, message });

export interface IncidentReport {
  id: string;
  type: IncidentType;
  severity: IncidentSeverity;
  source: IncidentSource;
  rule?: string;
  causeEventId?: string;
  place: string;
  peopleCount: number;
  peopleDescription?: string;
  description: string;
  petitionId?: string;
  caseId?: string;
}

const MINUTE = 60_000;

function newDispatch(unit: ResponderUnit, minutes: number, now: Date): Dispatch {
  return {
    unit,
    status: 'dispatched',
    dispatchedAt: now,
    acknowledgeBy: new Date(now.getTime() + minutes * MINUTE),
    acknowledgedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    clearedAt: null,
    stoodDownAt: null,
    renotifiedAt: null,
  };
}

const finished = (d: Dispatch) => d.status === 'cleared' || d.status === 'stood_down';

function change(incident: Incident, appended: TimelineEntry[], effects: Effect[]): Change {
  return { incident: { ...incident, timeline: [...incident.timeline, ...appended] }, appended, effects };
}

/** A new incident, its units dispatched at once by the plan for its type and severity. */
export function reportIncident(report: IncidentReport, plans: DispatchPlans, now: Date, by: string): Change {
  const dispatches = plannedUnits(plans, report.type, report.severity).map((p) => newDispatch(p.unit, p.acknowledgeWithinMinutes, now));
  const incident: Incident = {
    id: report.id,
    type: report.type,
    severity: report.severity,
    source: report.source,
    rule: report.rule ?? null,
    causeEventId: report.causeEventId ?? null,
    place: report.place,
    peopleCount: report.peopleCount,
    peopleDescription: report.peopleDescription ?? null,
    description: report.description,
    petitionId: report.petitionId ?? null,
    caseId: report.caseId ?? null,
    status: 'open',
    reportedAt: now,
    reportedBy: by,
    dispatches,
    escalated: false,
    escalatedAt: null,
    closing: null,
    timeline: [],
  };
  return change(
    incident,
    [
      { at: now, by, action: 'reported' },
      ...dispatches.map((d): TimelineEntry => ({ at: now, by, action: 'dispatched', unit: d.unit })),
    ],
    [{ kind: 'reported' }, ...dispatches.map((d): Effect => ({ kind: 'feed', unit: d.unit, feedKind: 'dispatched' }))],
  );
}

function closedRefusal(): Refusal {
  return refuse('EMERGENCY.INCIDENT_CLOSED', 409, `The incident is closed (status closed); nothing can change it any more`);
}

/** The duty officer calls one more unit (or calls again a unit that cleared or was stood down). */
export function dispatchUnit(incident: Incident, unit: ResponderUnit, minutes: number, now: Date, by: string): Change | Refusal {
  if (incident.status === 'closed') return closedRefusal();
  const current = incident.dispatches.find((d) => d.unit === unit);
  if (current && !finished(current)) {
    return refuse(
      'EMERGENCY.UNIT_ALREADY_DISPATCHED',
      409,
      `${unit} is already dispatched (status ${current.status}); allowed: stand it down, or wait until it cleared`,
    );
  }
  const dispatch = newDispatch(unit, minutes, now);
  return change(
    { ...incident, dispatches: [...incident.dispatches.filter((d) => d.unit !== unit), dispatch] },
    [{ at: now, by, action: 'dispatched', unit }],
    [{ kind: 'feed', unit, feedKind: 'dispatched' }],
  );
}

/** The duty officer stands a unit down: it is no longer needed. */
export function standDownUnit(incident: Incident, unit: ResponderUnit, reason: string, now: Date, by: string): Change | Refusal {
  if (incident.status === 'closed') return closedRefusal();
  const current = incident.dispatches.find((d) => d.unit === unit);
  if (!current) return refuse('EMERGENCY.DISPATCH_NOT_FOUND', 404, `${unit} is not dispatched to this incident`);
  if (finished(current)) {
    return refuse('EMERGENCY.DISPATCH_FINISHED', 409, `${unit} has already finished (status ${current.status}); allowed: none`);
  }
  const updated: Dispatch = { ...current, status: 'stood_down', stoodDownAt: now };
  return change(
    { ...incident, dispatches: incident.dispatches.map((d) => (d.unit === unit ? updated : d)) },
    [{ at: now, by, action: 'stood_down', unit, note: reason }],
    [{ kind: 'feed', unit, feedKind: 'stood-down', note: reason }],
  );
}

const STAGE_FIELD: Record<Exclude<DispatchStage, 'dispatched'>, keyof Dispatch> = {
  acknowledged: 'acknowledgedAt',
  en_route: 'enRouteAt',
  on_scene: 'onSceneAt',
  cleared: 'clearedAt',
};
const STAGE_FEED: Record<Exclude<DispatchStage, 'dispatched'>, DispatchFeedKind> = {
  acknowledged: 'acknowledged',
  en_route: 'en-route',
  on_scene: 'on-scene',
  cleared: 'cleared',
};

/** The one stage a dispatch may move to next (none once it cleared or was stood down). */
export function nextStage(status: DispatchStatus): Exclude<DispatchStage, 'dispatched'> | undefined {
  if (status === 'stood_down') return undefined;
  return DISPATCH_STAGES[DISPATCH_STAGES.indexOf(status) + 1] as Exclude<DispatchStage, 'dispatched'> | undefined;
}

/**
 * A unit reports its progress: dispatched → acknowledged → en route → on scene → cleared, one
 * step at a time. A unit not dispatched to the incident is "not found"; a step out of order
 * (or repeated) is refused with the current status and the step allowed.
 */
export function reportStage(
  incident: Incident,
  unit: ResponderUnit,
  stage: Exclude<DispatchStage, 'dispatched'>,
  now: Date,
  by: string,
  note?: string,
): Change | Refusal {
  const current = incident.dispatches.find((d) => d.unit === unit);
  if (!current) return refuse('EMERGENCY.DISPATCH_NOT_FOUND', 404, `${unit} is not dispatched to this incident`);
  if (incident.status === 'closed') return closedRefusal();
  const allowed = nextStage(current.status);
  if (allowed !== stage) {
    return refuse(
      'EMERGENCY.DISPATCH_OUT_OF_ORDER',
      409,
      `${unit} is ${current.status}; ${stage} is not the next step (allowed: ${allowed ?? 'none'})`,
    );
  }
  const updated: Dispatch = { ...current, status: stage, [STAGE_FIELD[stage]]: now };
  return change(
    { ...incident, dispatches: incident.dispatches.map((d) => (d.unit === unit ? updated : d)) },
    [{ at: now, by, action: stage, unit, ...(note ? { note } : {}) }],
    [{ kind: 'feed', unit, feedKind: STAGE_FEED[stage], ...(note ? { note } : {}) }],
  );
}

/** The earliest acknowledgement time still awaited, or null: the escalation timer. */
export function nextAcknowledgementDue(incident: Incident): Date | null {
  if (incident.status === 'closed') return null;
  const due = incident.dispatches
    .filter((d) => d.status === 'dispatched' && !d.renotifiedAt)
    .map((d) => d.acknowledgeBy.getTime());
  return due.length ? new Date(Math.min(...due)) : null;
}

/**
 * Units that have not acknowledged by their time are notified again, once, and the incident is
 * escalated to the centre director. Undefined when nothing is overdue at `now`.
 */
export function escalateOverdue(incident: Incident, now: Date): Change | undefined {
  if (incident.status === 'closed') return undefined;
  const overdue = incident.dispatches.filter((d) => d.status === 'dispatched' && !d.renotifiedAt && d.acknowledgeBy <= now);
  if (!overdue.length) return undefined;
  const units = overdue.map((d) => d.unit);
  return change(
    {
      ...incident,
      dispatches: incident.dispatches.map((d) => (units.includes(d.unit) && d.status === 'dispatched' ? { ...d, renotifiedAt: now } : d)),
      escalated: true,
      escalatedAt: incident.escalatedAt ?? now,
    },
    [
      ...units.map((unit): TimelineEntry => ({ at: now, by: 'system', action: 'renotified', unit, note: 'no acknowledgement in time' })),
      { at: now, by: 'system', action: 'escalated', note: `escalated to the centre director: ${units.join(', ')} did not acknowledge` },
    ],
    [...units.map((unit): Effect => ({ kind: 'feed', unit, feedKind: 'renotified' })), { kind: 'escalated', overdueUnits: units }],
  );
}

/** Closes the incident with its report, once every unit cleared or was stood down. */
export function closeIncident(incident: Incident, outcome: IncidentOutcome, report: string, now: Date, by: string): Change | Refusal {
  if (incident.status === 'closed') return closedRefusal();
  const busy = incident.dispatches.filter((d) => !finished(d));
  if (busy.length) {
    return refuse(
      'EMERGENCY.UNITS_NOT_CLEARED',
      409,
      `The incident is open and ${busy.map((d) => `${d.unit} is ${d.status}`).join(', ')}; allowed: wait until every unit cleared, or stand units down`,
    );
  }
  return change(
    { ...incident, status: 'closed', closing: { outcome, report, closedAt: now, closedBy: by } },
    [{ at: now, by, action: 'closed', note: outcome }],
    [...incident.dispatches.map((d): Effect => ({ kind: 'feed', unit: d.unit, feedKind: 'incident-closed' })), { kind: 'closed' }],
  );
}

/** Seconds from `from` to `to`, or undefined when `to` never happened. */
export function secondsBetween(from: Date, to: Date | null): number | undefined {
  return to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : undefined;
}
