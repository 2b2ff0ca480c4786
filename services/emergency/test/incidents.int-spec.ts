import { randomUUID } from 'node:crypto';
import {
  INCIDENT_CLOSED_V1,
  INCIDENT_ESCALATED_V1,
  INCIDENT_REPORTED_V1,
  dispatchFeedSubject,
  type PetitionFlagsChangedV1,
} from '@pdmc/contracts';
import { ManualClock } from '@pdmc/calendar';
import { loadConfig, type RunningService } from '@pdmc/platform';
import {
  aRegisteredPetition,
  findEvents,
  petitionFlags,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvent,
  type HttpClient,
  type InProcessService,
  type AsJson,
} from '@pdmc/testing';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { startEmergency } from '../src/app';
import { IncidentDocument } from '../src/incidents/infrastructure/incident.schema';
import { EmergencyConfig } from '../src/config/emergency.config';
import { EscalationPass } from '../src/incidents/application/escalation-pass.handler';
import { deterministicIncidentId } from '../src/incidents/domain/incident-rules';
import type { IncidentView as ServiceIncidentView } from '../src/incidents/application/incident.view';

/** An incident as the API answers it: the service's view, dates as strings. */
type IncidentView = AsJson<ServiceIncidentView>;

interface ErrorBody {
  code: string;
  message: string;
  details?: Array<{ field: string; rule: string }>;
}

const START = new Date('2026-11-30T02:00:00Z');

/** Given a disorder at the reception hall, as the duty officer reports it. */
const disorder = (over: Record<string, unknown> = {}) => ({
  type: 'disorder',
  severity: 'high',
  place: '接待大厅一楼3号窗口',
  peopleCount: 3,
  peopleDescription: '三名来访人情绪激动',
  description: '来访人在窗口前争吵并推搡工作人员。',
  ...over,
});

describe('emergency: incidents dispatched, acknowledged and tracked to closure (real servers)', () => {
  let emergency: InProcessService;
  let running: RunningService;
  const clock = new ManualClock(START);
  let officer: HttpClient;
  const responder = (unit: string) => emergency.as({ roles: ['responder_unit'], responderUnit: unit, sub: `desk-${unit}` });

  beforeAll(async () => {
    emergency = await startInProcess({
      label: 'incidents',
      start: async (env, logs) => (running = await startEmergency(loadConfig(EmergencyConfig, env), logs, { clock })),
    });
    officer = await emergency.as({ roles: ['emergency_duty_officer'], sub: 'duty-01' });
  });

  afterAll(async () => {
    await emergency?.close();
  });

  const report = async (body: Record<string, unknown> = disorder()) => {
    const res = await officer.post<IncidentView>('/incidents', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const incidentOf = async (id: string) => (await officer.get<IncidentView>(`/incidents/${id}`)).body;

  it('dispatches the plan’s units at once, each on its feed, and tells supervision', async () => {
    const incident = await report();

    expect(incident).toMatchObject({ type: 'disorder', severity: 'high', source: 'staff', status: 'open', escalated: false });
    expect(incident.dispatches.map((d) => [d.unit, d.status])).toEqual([
      ['POLICE', 'dispatched'],
      ['POLITICAL_LEGAL', 'dispatched'],
      ['ADMIN_AFFAIRS', 'dispatched'],
    ]);
    // The police have 3 minutes by the default plan.
    expect(Date.parse(incident.dispatches[0].acknowledgeBy) - Date.parse(incident.dispatches[0].dispatchedAt)).toBe(3 * 60_000);

    const feed = await waitForEvent(emergency.ns, {
      stream: 'EMERGENCY',
      type: dispatchFeedSubject('POLICE', 'dispatched'),
      payload: { incidentId: incident.id },
    });
    expect(feed.data['payload']).toMatchObject({ unit: 'POLICE', status: 'dispatched', place: '接待大厅一楼3号窗口', peopleCount: 3 });
    const reported = await waitForEvent(emergency.ns, { stream: 'EMERGENCY', type: INCIDENT_REPORTED_V1.subject, payload: { incidentId: incident.id } });
    expect(reported.data['payload']).toMatchObject({ type: 'disorder', severity: 'high', source: 'staff', peopleCount: 3 });
    expect(JSON.stringify(reported.data)).not.toContain('情绪激动');
    // Published at once by the write's fast path, which also emptied the outbox (no second copy later).
    const stored = await running.app.get<Model<IncidentDocument>>(getModelToken(IncidentDocument.name)).findById(incident.id).lean().exec();
    expect(stored?.outbox).toEqual([]);
  });

  it('takes each unit through acknowledged, en route, on scene and cleared in order, then closes with a report and response times', async () => {
    const incident = await report(disorder({ type: 'medical_emergency', severity: 'low', peopleCount: 1 }));
    expect(incident.dispatches.map((d) => d.unit)).toEqual(['HEALTH']);
    const health = await responder('HEALTH');
    const step = (status: string) => health.post<IncidentView | ErrorBody>(`/incidents/${incident.id}/dispatches/HEALTH/status`, { status });

    const early = await step('on_scene');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EMERGENCY.DISPATCH_OUT_OF_ORDER' });
    expect((early.body as ErrorBody).message).toContain('HEALTH is dispatched');
    expect((early.body as ErrorBody).message).toContain('allowed: acknowledged');

    for (const status of ['acknowledged', 'en_route', 'on_scene']) expect((await step(status)).status).toBe(200);
    expect((await step('acknowledged')).status).toBe(409);

    const tooSoon = await officer.post<ErrorBody>(`/incidents/${incident.id}/close`, { outcome: 'medical_transfer', report: '送医' });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('EMERGENCY.UNITS_NOT_CLEARED');

    expect((await step('cleared')).status).toBe(200);
    const closed = await officer.post<IncidentView>(`/incidents/${incident.id}/close`, {
      outcome: 'medical_transfer',
      report: '来访老人突发胸闷，卫生局医护人员现场处置后送区医院。',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closing: { outcome: 'medical_transfer' } });

    const timeline = await officer.get<{ entries: Array<{ action: string; unit?: string; by: string }> }>(`/incidents/${incident.id}/timeline`);
    expect(timeline.body.entries.map((e) => e.action)).toEqual([
      'reported',
      'dispatched',
      'acknowledged',
      'en_route',
      'on_scene',
      'cleared',
      'closed',
    ]);
    expect(timeline.body.entries[2]).toMatchObject({ unit: 'HEALTH', by: 'desk-HEALTH' });

    const event = await waitForEvent(emergency.ns, { stream: 'EMERGENCY', type: INCIDENT_CLOSED_V1.subject, payload: { incidentId: incident.id } });
    expect(event.data['payload']).toMatchObject({
      type: 'medical_emergency',
      severity: 'low',
      outcome: 'medical_transfer',
      escalated: false,
      responses: [{ unit: 'HEALTH', finalStatus: 'cleared', acknowledgedAfterSeconds: 0, acknowledgementOverdue: false }],
    });
    const kinds = (await findEvents(emergency.ns, { stream: 'EMERGENCY', payload: { incidentId: incident.id, unit: 'HEALTH' } })).map(
      (m) => m.data['type'],
    );
    expect(kinds).toEqual(['dispatched', 'acknowledged', 'en-route', 'on-scene', 'cleared', 'incident-closed'].map((k) => dispatchFeedSubject('HEALTH', k as never)));
  });

  it('lets the duty officer add a unit and stand one down; a closed incident changes no more', async () => {
    const incident = await report(disorder({ severity: 'low' }));
    expect(incident.dispatches.map((d) => d.unit)).toEqual(['ADMIN_AFFAIRS']);

    const added = await officer.post<IncidentView>(`/incidents/${incident.id}/dispatches`, { unit: 'HEALTH', acknowledgeWithinMinutes: 4 });
    expect(added.status).toBe(200);
    expect(added.body.dispatches.map((d) => [d.unit, d.status])).toEqual([
      ['ADMIN_AFFAIRS', 'dispatched'],
      ['HEALTH', 'dispatched'],
    ]);
    const again = await officer.post<ErrorBody>(`/incidents/${incident.id}/dispatches`, { unit: 'HEALTH' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMERGENCY.UNIT_ALREADY_DISPATCHED');

    const down = await officer.post<IncidentView>(`/incidents/${incident.id}/dispatches/HEALTH/stand-down`, { reason: '无人受伤' });
    expect(down.body.dispatches.find((d) => d.unit === 'HEALTH')?.status).toBe('stood_down');
    await waitForEvent(emergency.ns, { stream: 'EMERGENCY', type: dispatchFeedSubject('HEALTH', 'stood-down'), payload: { incidentId: incident.id } });

    const admin = await responder('ADMIN_AFFAIRS');
    for (const status of ['acknowledged', 'en_route', 'on_scene', 'cleared']) {
      expect((await admin.post(`/incidents/${incident.id}/dispatches/ADMIN_AFFAIRS/status`, { status })).status).toBe(200);
    }
    expect((await officer.post(`/incidents/${incident.id}/close`, { outcome: 'resolved_on_site', report: '秩序恢复' })).status).toBe(200);
    const late = await officer.post<ErrorBody>(`/incidents/${incident.id}/dispatches`, { unit: 'POLICE' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('EMERGENCY.INCIDENT_CLOSED');
  });

  it('re-notifies a unit that did not acknowledge in time and escalates to the centre director (ManualClock)', async () => {
    const incident = await report(disorder({ type: 'threat_of_extreme_action', severity: 'high' }));
    // POLICE 3 minutes, POLITICAL_LEGAL 5 minutes. The police acknowledge in time.
    const police = await responder('POLICE');
    expect((await police.post(`/incidents/${incident.id}/dispatches/POLICE/status`, { status: 'acknowledged' })).status).toBe(200);
    const pass = running.app.get(EscalationPass);

    clock.advance(4 * 60_000);
    await pass.run();
    expect((await incidentOf(incident.id)).escalated).toBe(false);

    clock.advance(2 * 60_000);
    await pass.run();
    const escalated = await incidentOf(incident.id);
    expect(escalated.escalated).toBe(true);
    expect(escalated.dispatches.find((d) => d.unit === 'POLITICAL_LEGAL')?.renotifiedAt).toBe(clock.now().toISOString());
    expect(escalated.dispatches.find((d) => d.unit === 'POLICE')?.renotifiedAt).toBeNull();

    const event = await waitForEvent(emergency.ns, { stream: 'EMERGENCY', type: INCIDENT_ESCALATED_V1.subject, payload: { incidentId: incident.id } });
    expect(event.data['payload']).toMatchObject({ overdueUnits: ['POLITICAL_LEGAL'] });
    await waitForEvent(emergency.ns, {
      stream: 'EMERGENCY',
      type: dispatchFeedSubject('POLITICAL_LEGAL', 'renotified'),
      payload: { incidentId: incident.id },
    });

    // A second pass escalates nothing more.
    clock.advance(60 * 60_000);
    await pass.run();
    const timeline = await officer.get<{ entries: Array<{ action: string }> }>(`/incidents/${incident.id}/timeline`);
    expect(timeline.body.entries.filter((e) => e.action === 'escalated')).toHaveLength(1);
    expect(await findEvents(emergency.ns, { stream: 'EMERGENCY', type: INCIDENT_ESCALATED_V1.subject, payload: { incidentId: incident.id } })).toHaveLength(1);
  });

  it('raises an incident from a large collective visit registered by intake, once however often the event comes', async () => {
    const visit = aRegisteredPetition({ channel: 'visit', headcount: 45, flags: petitionFlags({ collective: true }) });
    await publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, visit);
    const id = deterministicIncidentId(visit.id, 'mass_gathering');

    const incident = await waitFor(
      async () => {
        const res = await officer.get<IncidentView>(`/incidents/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the automatic incident' },
    );
    expect(incident).toMatchObject({ type: 'mass_gathering', severity: 'high', source: 'rule', rule: 'large-visit', petitionId: visit.payload.petitionId });
    expect(incident.dispatches.map((d) => d.unit)).toEqual(['POLICE', 'POLITICAL_LEGAL', 'ADMIN_AFFAIRS']);

    // Past JetStream's de-duplication: the same event again, and the watch item stays one too.
    await publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, visit, { msgId: `${visit.id}-again` });
    await waitFor(() => emergency.logs.filter((l) => l.includes('"msg":"event handled"') && l.includes(visit.id)).length >= 2, {
      description: 'both deliveries handled',
    });
    const list = await officer.get<IncidentView[]>('/incidents');
    expect(list.body.filter((i) => i.petitionId === visit.payload.petitionId)).toHaveLength(1);
    expect(await findEvents(emergency.ns, { stream: 'EMERGENCY', type: INCIDENT_REPORTED_V1.subject, payload: { incidentId: id } })).toHaveLength(1);
  });

  it('raises a threat incident when intake raises the threat flag later, and starts an incident from a watch item', async () => {
    const registration = aRegisteredPetition({ channel: 'phone', headcount: 1 });
    await publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, registration);
    const change = {
      id: randomUUID(),
      type: 'intake.petition.flags-changed.v1',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'intake',
      correlationId: `corr-${randomUUID()}`,
      payload: {
        petitionId: registration.payload.petitionId,
        caseNumber: registration.payload.caseNumber,
        townCode: registration.payload.townCode,
        flags: petitionFlags({ threatOfExtremeAction: true }),
        changedAt: new Date(Date.now() + 1000).toISOString(),
      } satisfies PetitionFlagsChangedV1,
    };
    await publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, change);
    const id = deterministicIncidentId(change.id, 'threat_of_extreme_action');
    const raised = await waitFor(
      async () => {
        const res = await officer.get<IncidentView>(`/incidents/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the threat incident' },
    );
    expect(raised).toMatchObject({ type: 'threat_of_extreme_action', rule: 'threat-raised', petitionId: registration.payload.petitionId });

    const fromItem = await officer.post<IncidentView>('/incidents', disorder({ fromWatchItem: registration.payload.petitionId }));
    expect(fromItem.status).toBe(201);
    expect(fromItem.body.petitionId).toBe(registration.payload.petitionId);
  });

  it('raises abnormal petitioning when a higher authority assigns an item flagged abnormal', async () => {
    const assigned = aRegisteredPetition({
      channel: 'transferred',
      headcount: 1,
      flags: petitionFlags({ abnormal: true }),
      referral: { kind: 'assignment', authority: '吉林省信访局', authorityLevel: 'province', reference: '吉信交〔2026〕21号', reportRequired: true },
    });
    await publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, assigned);
    const id = deterministicIncidentId(assigned.id, 'abnormal_petitioning');
    const incident = await waitFor(
      async () => {
        const res = await officer.get<IncidentView>(`/incidents/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the abnormal-petitioning incident' },
    );
    expect(incident).toMatchObject({ type: 'abnormal_petitioning', severity: 'medium', rule: 'abnormal-reported', source: 'rule' });
    expect(incident.dispatches.map((d) => d.unit)).toEqual(['POLITICAL_LEGAL']);
  });

  describe('bad input changes nothing', () => {
    it('refuses unknown types, severities and units with the field and rule named', async () => {
      const before = (await officer.get<IncidentView[]>('/incidents')).body.length;
      const badType = await officer.post<ErrorBody>('/incidents', disorder({ type: 'riot' }));
      expect(badType.status).toBe(400);
      expect(badType.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'type', rule: 'isIn' })]));
      const badSeverity = await officer.post<ErrorBody>('/incidents', disorder({ severity: 'huge' }));
      expect(badSeverity.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'severity', rule: 'isIn' })]));
      const missingPlace = await officer.post<ErrorBody>('/incidents', disorder({ place: '  ' }));
      expect(missingPlace.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'place', rule: 'isNotEmpty' })]));
      const notOnList = await officer.post<ErrorBody>('/incidents', disorder({ fromWatchItem: randomUUID() }));
      expect(notOnList.status).toBe(422);
      expect(notOnList.body.code).toBe('EMERGENCY.WATCH_ITEM_NOT_FOUND');
      expect((await officer.get<IncidentView[]>('/incidents')).body.length).toBe(before);

      const incident = await report();
      const badUnit = await officer.post<ErrorBody>(`/incidents/${incident.id}/dispatches`, { unit: 'FIRE' });
      expect(badUnit.status).toBe(400);
      expect(badUnit.body.details).toEqual([expect.objectContaining({ field: 'unit', rule: 'isIn' })]);
      const badPathUnit = await officer.post<ErrorBody>(`/incidents/${incident.id}/dispatches/FIRE/status`, { status: 'acknowledged' });
      expect(badPathUnit.status).toBe(404);
      expect(badPathUnit.body.code).toBe('EMERGENCY.UNIT_NOT_FOUND');
      expect(await incidentOf(incident.id)).toEqual(incident);
    });

    it('answers 404 for an unknown incident, a unit not dispatched, and another unit’s desk; nothing changes', async () => {
      const incident = await report();
      const unknown = await officer.post<ErrorBody>(`/incidents/${randomUUID()}/dispatches/POLICE/status`, { status: 'acknowledged' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('EMERGENCY.INCIDENT_NOT_FOUND');

      const health = await responder('HEALTH');
      const notDispatched = await health.post<ErrorBody>(`/incidents/${incident.id}/dispatches/HEALTH/status`, { status: 'acknowledged' });
      expect(notDispatched.status).toBe(404);
      expect(notDispatched.body.code).toBe('EMERGENCY.DISPATCH_NOT_FOUND');
      const forOther = await health.post<ErrorBody>(`/incidents/${incident.id}/dispatches/POLICE/status`, { status: 'acknowledged' });
      expect(forOther.status).toBe(404);
      expect((await health.get(`/incidents/${incident.id}`)).status).toBe(404);
      const police = await responder('POLICE');
      expect((await police.get(`/incidents/${incident.id}`)).status).toBe(200);
      expect((await police.get<IncidentView[]>('/incidents')).body.every((i) => i.dispatches.some((d) => d.unit === 'POLICE'))).toBe(true);
      expect(await incidentOf(incident.id)).toEqual(incident);
    });
  });
});
