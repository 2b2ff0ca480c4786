import {
  closeIncident,
  dispatchUnit,
  escalateOverdue,
  isRefusal,
  nextAcknowledgementDue,
  reportIncident,
  reportStage,
  standDownUnit,
  type Change,
  type Incident,
  type Refusal,
} from './incident';
import { DEFAULT_DISPATCH_PLANS, checkDispatchPlans, plannedUnits } from './dispatch-plan';

const T0 = new Date('2026-11-30T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ok = (result: Change | Refusal): Incident => {
  if (isRefusal(result)) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.incident;
};
const report = (type: Incident['type'] = 'disorder', severity: Incident['severity'] = 'high') =>
  reportIncident(
    { id: 'i-1', type, severity, source: 'staff', place: '接待大厅', peopleCount: 2, description: '争吵' },
    DEFAULT_DISPATCH_PLANS,
    T0,
    'duty-01',
  );

describe('dispatch plans', () => {
  it('takes the nearest lower severity a type lists', () => {
    expect(plannedUnits(DEFAULT_DISPATCH_PLANS, 'medical_emergency', 'medium').map((p) => p.unit)).toEqual(['HEALTH']);
    expect(plannedUnits(DEFAULT_DISPATCH_PLANS, 'medical_emergency', 'critical').map((p) => p.unit)).toEqual(['HEALTH', 'ADMIN_AFFAIRS']);
  });

  it('accepts the defaults and names every problem of a bad configuration', () => {
    expect(checkDispatchPlans(DEFAULT_DISPATCH_PLANS)).toEqual([]);
    const problems = checkDispatchPlans({ ...DEFAULT_DISPATCH_PLANS, riot: {}, disorder: { huge: [{ unit: 'FIRE', acknowledgeWithinMinutes: 0 }] } });
    expect(problems).toEqual([
      'dispatchPlans.disorder.huge: unknown severity',
      'dispatchPlans.disorder.huge[0].unit: unknown responder unit FIRE',
      'dispatchPlans.disorder.huge[0].acknowledgeWithinMinutes must be a number of minutes from 0 to 1440',
      'dispatchPlans.riot: unknown incident type',
    ]);
  });
});

describe('an incident', () => {
  it('dispatches the plan’s units at once, each with its acknowledgement time, and says so on each feed', () => {
    const change = report();
    expect(change.incident.dispatches.map((d) => [d.unit, d.status, d.acknowledgeBy])).toEqual([
      ['POLICE', 'dispatched', at(3)],
      ['POLITICAL_LEGAL', 'dispatched', at(10)],
      ['ADMIN_AFFAIRS', 'dispatched', at(10)],
    ]);
    expect(change.effects).toEqual([
      { kind: 'reported' },
      { kind: 'feed', unit: 'POLICE', feedKind: 'dispatched' },
      { kind: 'feed', unit: 'POLITICAL_LEGAL', feedKind: 'dispatched' },
      { kind: 'feed', unit: 'ADMIN_AFFAIRS', feedKind: 'dispatched' },
    ]);
    expect(nextAcknowledgementDue(change.incident)).toEqual(at(3));
  });

  it('moves a unit one stage at a time and refuses any other step with the current status and the step allowed', () => {
    let incident = report().incident;
    const skipped = reportStage(incident, 'POLICE', 'on_scene', at(1), 'desk');
    expect(skipped).toMatchObject({ refused: true, status: 409, code: 'EMERGENCY.DISPATCH_OUT_OF_ORDER' });
    expect((skipped as Refusal).message).toBe('POLICE is dispatched; on_scene is not the next step (allowed: acknowledged)');
    for (const stage of ['acknowledged', 'en_route', 'on_scene', 'cleared'] as const) {
      incident = ok(reportStage(incident, 'POLICE', stage, at(1), 'desk'));
    }
    expect(incident.dispatches[0]).toMatchObject({ status: 'cleared', acknowledgedAt: at(1), clearedAt: at(1) });
    expect(reportStage(incident, 'POLICE', 'cleared', at(2), 'desk')).toMatchObject({ refused: true, message: expect.stringContaining('allowed: none') });
    expect(reportStage(incident, 'HEALTH', 'acknowledged', at(2), 'desk')).toMatchObject({ refused: true, status: 404, code: 'EMERGENCY.DISPATCH_NOT_FOUND' });
  });

  it('escalates once, for the units still unacknowledged at their time', () => {
    let incident = ok(reportStage(report().incident, 'POLICE', 'acknowledged', at(1), 'desk'));
    expect(escalateOverdue(incident, at(9))).toBeUndefined();
    const escalation = escalateOverdue(incident, at(10))!;
    expect(escalation.effects).toEqual([
      { kind: 'feed', unit: 'POLITICAL_LEGAL', feedKind: 'renotified' },
      { kind: 'feed', unit: 'ADMIN_AFFAIRS', feedKind: 'renotified' },
      { kind: 'escalated', overdueUnits: ['POLITICAL_LEGAL', 'ADMIN_AFFAIRS'] },
    ]);
    incident = escalation.incident;
    expect(incident).toMatchObject({ escalated: true, escalatedAt: at(10) });
    expect(nextAcknowledgementDue(incident)).toBeNull();
    expect(escalateOverdue(incident, at(60))).toBeUndefined();
    // A re-notified unit may still acknowledge.
    expect(ok(reportStage(incident, 'ADMIN_AFFAIRS', 'acknowledged', at(11), 'desk')).dispatches[2].status).toBe('acknowledged');
  });

  it('closes only when every unit cleared or was stood down, and then changes no more', () => {
    let incident = report('medical_emergency', 'low').incident;
    expect(closeIncident(incident, 'medical_transfer', '送医', at(5), 'duty')).toMatchObject({ code: 'EMERGENCY.UNITS_NOT_CLEARED' });
    incident = ok(dispatchUnit(incident, 'POLICE', 5, at(1), 'duty'));
    expect(dispatchUnit(incident, 'POLICE', 5, at(1), 'duty')).toMatchObject({ code: 'EMERGENCY.UNIT_ALREADY_DISPATCHED' });
    incident = ok(standDownUnit(incident, 'POLICE', '不需要', at(2), 'duty'));
    for (const stage of ['acknowledged', 'en_route', 'on_scene', 'cleared'] as const) incident = ok(reportStage(incident, 'HEALTH', stage, at(3), 'desk'));
    const closing = closeIncident(incident, 'medical_transfer', '送医', at(5), 'duty');
    incident = ok(closing);
    expect(incident).toMatchObject({ status: 'closed', closing: { outcome: 'medical_transfer', closedAt: at(5) } });
    expect(incident.timeline.map((t) => t.action)).toEqual([
      'reported',
      'dispatched',
      'dispatched',
      'stood_down',
      'acknowledged',
      'en_route',
      'on_scene',
      'cleared',
      'closed',
    ]);
    expect(dispatchUnit(incident, 'POLICE', 5, at(6), 'duty')).toMatchObject({ code: 'EMERGENCY.INCIDENT_CLOSED' });
    expect(reportStage(incident, 'HEALTH', 'acknowledged', at(6), 'desk')).toMatchObject({ code: 'EMERGENCY.INCIDENT_CLOSED' });
  });
});
