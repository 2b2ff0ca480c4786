import { type PetitionAcceptedV1 } from '@pdmc/contracts';
import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  anAcceptedPetition,
  describeApiSecurity,
  publishEnvelope,
  recordedRead,
  startInProcess,
  waitFor,
  type ApiErrorBody,
  type InProcessService,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';

/*
 * OWASP API Security Top 10 (2023) for routing's read-only HTTP API: the routing-specific checks
 * (API1 unit-head scope, API3 field lists) here; authentication, function-level authorisation
 * per role, inventory, limits, injection in ids and queries, headers, CORS, audit trail and logs
 * in the shared suite (libs/testing/src/security-suite.ts).
 */

interface DecisionView {
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  ruleId: string;
  reason: string;
  decidedAt: string;
}

const DECISION_FIELDS = [
  'assistingUnits',
  'bounces',
  'caseNumber',
  'decidedAt',
  'decisionId',
  'explanation',
  'history',
  'meetingId',
  'objections',
  'petitionId',
  'reason',
  'responsibleBody',
  'routedBy',
  'ruleId',
  'ruleSetVersion',
  'status',
  'workUnit',
];
const RULE_FIELDS = ['id', 'match', 'priority', 'reason', 'responsibleBody', 'workUnit'];

/** Given a petition the centre accepted, as intake would publish it. */
const accepted = (category: PetitionAcceptedV1['category']) =>
  anAcceptedPetition({ caseNumber: '220106-2026-000901', category, townCode: 'XX' });

describe('routing security: OWASP API Security Top 10 (2023) against the real server', () => {
  let routing: InProcessService;
  /** The Nest application behind `routing`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  /** Routing's decisions for a labour petition and a land petition; the tests only read them. */
  let labour: DecisionView;
  let land: DecisionView;
  /** A meeting, a reception day and an owned case, for the shared suite's path parameters. */
  let meetingId: string;
  let receptionDayId: string;
  /** A supervision order on the labour petition (issue 14). */
  let orderId: string;

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingsec',
      start: async (env, logs) => (running = await startRouting(loadConfig(RoutingConfig, env), logs)),
    });

    // Given two petitions routed to different work units.
    const labourEvent = accepted({ id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' });
    const landEvent = accepted({ id: 302, level1: '农村农业', level2: '土地承包经营', level3: '土地流转' });
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, labourEvent);
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, landEvent);
    const dispatcher = await routing.as({ roles: ['dispatcher'] });
    const decisionOf = (petitionId: string) =>
      waitFor(
        async () => {
          const res = await dispatcher.get<DecisionView>(`/routing-decisions/${petitionId}`);
          return res.status === 200 ? res.body : undefined;
        },
        { description: `the routing decision for ${petitionId}` },
      );
    labour = await decisionOf(labourEvent.payload.petitionId);
    land = await decisionOf(landEvent.payload.petitionId);
    expect([labour.workUnit, land.workUnit]).toEqual(['LABOUR', 'AGRI_LAND']);

    const commissioner = await routing.as({ roles: ['supervision_commissioner'] });
    const meeting = await commissioner.post<{ meetingId: string }>('/meetings', convene());
    meetingId = meeting.body.meetingId;
    const director = await routing.as({ roles: ['centre_director'] });
    const day = await director.post<{ receptionDayId: string }>('/reception-days', reception());
    receptionDayId = day.body.receptionDayId;
    expect((await director.post('/leader-cases', { petitionId: labour.petitionId, leaderId: 'deputy-02', leaderName: '张副主任', note: '包案' })).status).toBe(201);
    const order = await commissioner.post<{ orderId: string }>('/supervision-orders', { petitionId: labour.petitionId, reason: '请报告进展' });
    orderId = order.body.orderId;
  });

  const convene = () => ({
    petitionIds: [labour.petitionId],
    participants: ['LABOUR', 'URBAN_ENV'],
    agenda: '议题',
    scheduledAt: '2026-12-03T09:00:00+08:00',
    place: '会议室',
  });
  const reception = () => ({ leaderId: 'director-01', leaderName: '李主任', date: '2026-12-02', place: '接待大厅', topic: '欠薪' });

  afterAll(async () => {
    await routing?.close();
  });

  describe('API1 broken object-level authorisation', () => {
    // A unit head is unit-scoped (SCOPED_ROLES in roles.ts) and holds routing.decision.read to see
    // why a petition was routed to its unit; another unit's decision is out of its scope and, as
    // in handling, answered "not found" so that existence is not revealed.
    it('gives a LABOUR unit head the decision of a petition routed to LABOUR', async () => {
      const head = await routing.as({ roles: ['unit_head'], units: ['LABOUR'] });
      expect(await head.get(`/routing-decisions/${labour.petitionId}`)).toMatchObject({ status: 200, body: labour });
    });

    it('answers a LABOUR unit head 404 for the decision of a petition routed to another unit', async () => {
      const head = await routing.as({ roles: ['unit_head'], units: ['LABOUR'] });
      const res = await head.get<ApiErrorBody>(`/routing-decisions/${land.petitionId}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'ROUTING.DECISION_NOT_FOUND' });
    });

    it('answers a unit head without units 404 for every decision', async () => {
      const head = await routing.as({ roles: ['unit_head'] });
      for (const decision of [labour, land]) {
        expect((await head.get(`/routing-decisions/${decision.petitionId}`)).status).toBe(404);
      }
    });

    it('gives a centre-wide reader the decision of every unit', async () => {
      const commissioner = await routing.as({ roles: ['supervision_commissioner'] });
      for (const decision of [labour, land]) {
        expect(await commissioner.get(`/routing-decisions/${decision.petitionId}`)).toMatchObject({
          status: 200,
          body: decision,
        });
      }
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a decision (no category, town, desk fields, sourceEventId, outbox, revision, _id)', async () => {
      const dispatcher = await routing.as({ roles: ['dispatcher'] });
      const res = await dispatcher.get<object>(`/routing-decisions/${land.petitionId}`);
      expect(Object.keys(res.body).sort()).toEqual(DECISION_FIELDS);
    });

    it('returns only the documented fields of each rule', async () => {
      const res = await (await routing.as({ roles: ['dispatcher'] })).get<object[]>('/routing-rules');
      expect(res.body.length).toBeGreaterThan(0);
      for (const rule of res.body) expect(RULE_FIELDS).toEqual(expect.arrayContaining(Object.keys(rule)));
    });
  });

  describeApiSecurity({
    service: 'routing',
    running: () => routing,
    routes: [
      { method: 'get', path: '/routing-rules', permission: 'routing.rules.read' },
      { method: 'get', path: '/routing-decisions/{petitionId}', permission: 'routing.decision.read' },
      { method: 'post', path: '/routing-decisions/{petitionId}/dispatch', permission: 'routing.dispatch', body: { workUnit: 'HOTLINE', responsibleBody: 'dept:general-office', reason: '安全测试' } },
      { method: 'get', path: '/dispatch-desk', permission: 'routing.desk.read' },
      { method: 'get', path: '/rule-sets', permission: 'routing.rules.read' },
      { method: 'get', path: '/rule-sets/{version}', permission: 'routing.rules.read' },
      { method: 'get', path: '/rule-sets/{version}/rules/{ruleId}', permission: 'routing.rules.read' },
      // An invalid set (no rules): passes the guard, stores nothing.
      { method: 'post', path: '/rule-sets', permission: 'routing.rules.write', body: { basedOnVersion: 1, note: 'x', rules: [] } },
      { method: 'post', path: '/routing/dry-run', permission: 'routing.rules.read', body: { categoryId: 515, channel: 'visit', itemClass: 'appeal', townCode: 'HX' } },
      { method: 'get', path: '/routing/coverage', permission: 'routing.rules.read' },
      { method: 'get', path: '/calendar/years', permission: 'calendar.read' },
      { method: 'get', path: '/calendar/years/{year}', permission: 'calendar.read' },
      // A year with a weekday as make-up working day: passes the guard, refused for its data.
      { method: 'put', path: '/calendar/years/{year}', permission: 'calendar.write', body: { holidays: [], workdays: [{ date: '2026-12-02', name: 'x' }], source: 'x' } },
      { method: 'get', path: '/calendar/days', permission: 'calendar.read' },
      { method: 'get', path: '/meetings', permission: 'meeting.read' },
      { method: 'post', path: '/meetings', permission: 'meeting.manage', body: () => convene() },
      { method: 'get', path: '/meetings/{meetingId}', permission: 'meeting.read' },
      { method: 'post', path: '/meetings/{meetingId}/convene', permission: 'meeting.manage', body: () => convene() },
      // No tasks: the shared suite's conclusion closes nothing it needs.
      { method: 'post', path: '/meetings/{meetingId}/conclusion', permission: 'meeting.manage', body: { leadUnit: 'LABOUR', tasks: [{ assignee: 'dept:nowhere', description: 'x', dueAt: '2026-12-20T00:00:00+08:00' }], minutes: 'x' } },
      { method: 'post', path: '/meetings/{meetingId}/tasks/{taskId}/completion', permission: 'meeting.manage', body: { note: 'x' } },
      { method: 'get', path: '/meetings/{meetingId}/minutes', permission: 'meeting.read' },
      { method: 'get', path: '/leader-cases', permission: 'leader.read' },
      { method: 'get', path: '/leader-cases/{petitionId}', permission: 'leader.read' },
      { method: 'post', path: '/leader-cases', permission: 'leader.manage', body: () => ({ petitionId: land.petitionId, leaderId: 'x', leaderName: 'x', note: 'x' }) },
      { method: 'get', path: '/reception-days', permission: 'leader.read' },
      { method: 'get', path: '/reception-days/{receptionDayId}', permission: 'leader.read' },
      { method: 'post', path: '/reception-days', permission: 'leader.manage', body: () => reception() },
      { method: 'post', path: '/reception-days/{receptionDayId}/petitions', permission: 'leader.manage', body: () => ({ petitionId: land.petitionId }) },
      { method: 'post', path: '/reception-days/{receptionDayId}/follow-ups', permission: 'leader.manage', body: { note: 'x' } },
      // Supervision (issue 14)
      { method: 'get', path: '/supervision/queue', permission: 'supervision.read' },
      { method: 'get', path: '/supervision/statistics', permission: 'statistics.read' },
      { method: 'get', path: '/supervision/statistics/export', permission: 'statistics.read' },
      { method: 'get', path: '/supervision-orders', permission: 'supervision.read' },
      { method: 'post', path: '/supervision-orders', permission: 'supervision_order.issue', body: () => ({ petitionId: land.petitionId, reason: '安全测试' }) },
      { method: 'get', path: '/supervision-orders/{orderId}', permission: 'supervision.read' },
      { method: 'post', path: '/supervision-orders/{orderId}/reply', permission: 'supervision_order.reply', body: { reply: '安全测试' } },
      { method: 'post', path: '/supervision-orders/{orderId}/escalation', permission: 'supervision_order.issue', body: { leaderId: 'nobody' } },
      { method: 'get', path: '/supervision-orders/{orderId}/print', permission: 'supervision.read' },
    ],
    params: () => ({ petitionId: labour.petitionId, version: '1', ruleId: 'LABOUR.wages', year: '2026', meetingId, receptionDayId, orderId }),
    auditedAct: recordedRead(
      (entry) => running.app.get(AuditLog).record(entry),
      () => ({
        action: 'routing.decision.read',
        objectType: 'routing-decision',
        objectId: labour.petitionId,
        path: `/routing-decisions/${labour.petitionId}`,
        roles: ['unit_head'],
      }),
    ),
  });
});
