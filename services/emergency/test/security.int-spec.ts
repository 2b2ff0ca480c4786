import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  aRegisteredPetition,
  describeApiSecurity,
  petitionFlags,
  publishEnvelope,
  recordedRead,
  startInProcess,
  waitFor,
  type InProcessService,
  type AsJson,
} from '@pdmc/testing';
import { startEmergency } from '../src/app';
import { EmergencyConfig } from '../src/config/emergency.config';
import type { WatchItemView as ServiceWatchItemView } from '../src/watch/application/watch-item-queries.handler';

/*
 * OWASP API Security Top 10 (2023) for emergency's read-only HTTP API: the emergency-specific
 * checks (API3 field lists, API4 the watch list's cap) here; authentication, function-level
 * authorisation per role, inventory, injection in ids and queries, headers, CORS, audit trail
 * and logs in the shared suite (libs/testing/src/security-suite.ts). API1 does not apply yet:
 * every role that may read watch items is centre-wide.
 */

/** A watch item as the API answers it: the service's view, dates as strings. */
type WatchItemView = AsJson<ServiceWatchItemView>;

const WATCH_ITEM_FIELDS = [
  'caseNumber',
  'createdAt',
  'headcount',
  'history',
  'petitionId',
  'reasons',
  'receivedAt',
  'riskLevel',
  'townCode',
  'updatedAt',
];
/** The fields of each record in a watch item's history. */
const WATCH_RECORD_FIELDS = ['at', 'cleared', 'eventId', 'raised', 'reasons', 'source'];
/** A disorder as the duty officer reports it. */
const INCIDENT = {
  type: 'disorder',
  severity: 'medium',
  place: '接待大厅一楼',
  peopleCount: 2,
  description: '来访人在窗口前争吵。',
};
const INCIDENT_FIELDS = [
  'caseId',
  'causeEventId',
  'closing',
  'description',
  'dispatches',
  'escalated',
  'escalatedAt',
  'id',
  'peopleCount',
  'peopleDescription',
  'petitionId',
  'place',
  'reportedAt',
  'reportedBy',
  'rule',
  'severity',
  'source',
  'status',
  'type',
];
/** The documented cap of the watch list. */
const WATCH_LIST_LIMIT = 100;

/** Given a petition threatening extreme action, as intake would publish it. */
const threatening = () =>
  aRegisteredPetition({
    caseNumber: '220106-2026-000902',
    flags: petitionFlags({ threatOfExtremeAction: true }),
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
  });

const eventIdOf = (logLine: string) => /"eventId":"([^"]+)"/.exec(logLine)?.[1] ?? '';

describe('emergency security: OWASP API Security Top 10 (2023) against the real server', () => {
  let emergency: InProcessService;
  /** The Nest application behind `emergency`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  /** A watch item the tests only read. */
  let item: WatchItemView;
  /** An incident the shared suite reads and changes (its own bodies keep it valid). */
  let incidentId: string;

  const publish = (event: ReturnType<typeof threatening>) =>
    publishEnvelope(emergency.ns.natsUrl, emergency.ns.busPrefix, event);

  beforeAll(async () => {
    // No automatic incidents here: the watch list's cap is tested with a hundred threats, which
    // would otherwise raise a hundred incidents (incidents.int-spec.ts covers the rules).
    const planFile = join(mkdtempSync(join(tmpdir(), 'pdmc-plan-')), 'plan.json');
    writeFileSync(planFile, JSON.stringify({ incidentRules: [] }));
    emergency = await startInProcess({
      label: 'emergencysec',
      env: { EMERGENCY_PLAN_FILE: planFile },
      start: async (env, logs) => (running = await startEmergency(loadConfig(EmergencyConfig, env), logs)),
    });

    // Given a petition on the watch list.
    const event = threatening();
    await publish(event);
    const officer = await emergency.as({ roles: ['emergency_duty_officer'] });
    item = await waitFor(
      async () => {
        const res = await officer.get<WatchItemView>(`/watch-items/${event.payload.petitionId}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the watch item' },
    );
    const reported = await officer.post<{ id: string }>('/incidents', INCIDENT);
    incidentId = reported.body.id;
  });

  afterAll(async () => {
    await emergency?.close();
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a watch item and of its history, alone and in the list (no version, _id, onWatchList)', async () => {
      const officer = await emergency.as({ roles: ['emergency_duty_officer'] });
      const one = await officer.get<object>(`/watch-items/${item.petitionId}`);
      expect(Object.keys(one.body).sort()).toEqual(WATCH_ITEM_FIELDS);
      const { history } = one.body as { history: object[] };
      expect(history.length).toBeGreaterThan(0);
      for (const record of history) expect(Object.keys(record).sort()).toEqual(WATCH_RECORD_FIELDS);
      const list = await officer.get<object[]>('/watch-items');
      expect(list.body.length).toBeGreaterThan(0);
      for (const entry of list.body) expect(Object.keys(entry).sort()).toEqual(WATCH_ITEM_FIELDS);
    });
  });

  describe('API1 broken object-level authorisation: responder units', () => {
    it('shows a responder unit only the incidents it is dispatched to and only its own feed (404 otherwise)', async () => {
      // A medium disorder calls the police and the administrative affairs bureau, not the health bureau.
      const health = await emergency.as({ roles: ['responder_unit'], responderUnit: 'HEALTH' });
      const police = await emergency.as({ roles: ['responder_unit'], responderUnit: 'POLICE' });
      expect((await health.get(`/incidents/${incidentId}`)).status).toBe(404);
      expect((await health.get(`/incidents/${incidentId}/timeline`)).status).toBe(404);
      expect((await health.get<object[]>('/incidents')).body.map((i) => (i as { id: string }).id)).not.toContain(incidentId);
      expect((await police.get(`/incidents/${incidentId}`)).status).toBe(200);
      expect((await health.get('/units/POLICE/feed')).status).toBe(404);
      expect((await health.post(`/incidents/${incidentId}/dispatches/POLICE/status`, { status: 'acknowledged' })).status).toBe(404);
      expect((await health.get('/units/HEALTH/feed')).status).toBe(200);
    });
  });

  describe('API3 broken object property-level authorisation: incidents', () => {
    it('returns only the documented fields of an incident, alone and in the list (no version, _id, outbox, dispatchUnits)', async () => {
      const officer = await emergency.as({ roles: ['emergency_duty_officer'] });
      const one = await officer.get<object>(`/incidents/${incidentId}`);
      expect(Object.keys(one.body).sort()).toEqual(INCIDENT_FIELDS);
      const list = await officer.get<object[]>('/incidents');
      for (const entry of list.body) expect(Object.keys(entry).sort()).toEqual(INCIDENT_FIELDS);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it(`caps the watch list at its ${WATCH_LIST_LIMIT} newest items however many there are`, async () => {
      const events = Array.from({ length: WATCH_LIST_LIMIT + 1 }, () => threatening());
      await Promise.all(events.map(publish));
      const ids = new Set(events.map((e) => e.id));
      await waitFor(
        () =>
          emergency.logs.filter((l) => l.includes('"msg":"event handled"') && ids.has(eventIdOf(l))).length === ids.size,
        { description: `${ids.size} events handled` },
      );
      const officer = await emergency.as({ roles: ['emergency_duty_officer'] });
      const list = await officer.get<WatchItemView[]>('/watch-items');
      expect(list.body).toHaveLength(WATCH_LIST_LIMIT);
    });
  });

  describeApiSecurity({
    service: 'emergency',
    running: () => emergency,
    routes: [
      { method: 'get', path: '/watch-items', permission: 'watch_item.read' },
      { method: 'get', path: '/watch-items/{petitionId}', permission: 'watch_item.read' },
      { method: 'get', path: '/dispatch-plans', permission: 'incident.read' },
      { method: 'get', path: '/incidents', permission: 'incident.read' },
      { method: 'get', path: '/incidents/{id}', permission: 'incident.read' },
      { method: 'get', path: '/incidents/{id}/timeline', permission: 'incident.read' },
      { method: 'get', path: '/units/{unit}/feed', permission: 'dispatch_feed.read' },
      { method: 'post', path: '/incidents', permission: 'incident.report', body: INCIDENT },
      { method: 'post', path: '/incidents/{id}/dispatches', permission: 'incident.dispatch', body: { unit: 'HEALTH' } },
      {
        method: 'post',
        path: '/incidents/{id}/dispatches/{unit}/stand-down',
        permission: 'incident.dispatch',
        body: { reason: '不再需要' },
      },
      {
        method: 'post',
        path: '/incidents/{id}/dispatches/{unit}/status',
        permission: 'dispatch.report_status',
        body: { status: 'acknowledged' },
      },
      { method: 'post', path: '/incidents/{id}/close', permission: 'incident.close', body: { outcome: 'false_alarm', report: '误报' } },
    ],
    params: () => ({ petitionId: item.petitionId, id: incidentId, unit: 'POLICE' }),
    auditedAct: recordedRead(
      (entry) => running.app.get(AuditLog).record(entry),
      () => ({
        action: 'watch_item.read',
        objectType: 'watch-item',
        objectId: item.petitionId,
        path: `/watch-items/${item.petitionId}`,
        roles: ['emergency_duty_officer'],
      }),
    ),
  });
});
