import { randomUUID } from 'node:crypto';
import { ManualClock } from '@pdmc/calendar';
import { CASE_RETURNED_V1, createEnvelope, type PetitionAcceptedV1, type WorkUnit } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  anAcceptedPetition,
  findEvents,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvent,
  waitForEvents,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';
import { DEFAULT_RULES } from '../src/rules/domain/default-rules';
import type { RoutingRule } from '../src/rules/domain/routing-rule';

/*
 * The dispatch desk against the real servers, on an injected clock: rule sets an administrator
 * edits, the dispatcher's desk, units' returns and the joint meeting they lead to.
 */

interface DecisionView {
  petitionId: string;
  status: 'routed' | 'awaiting_dispatch';
  decisionId: string | null;
  workUnit: string | null;
  responsibleBody: string | null;
  assistingUnits: string[];
  ruleId: string | null;
  ruleSetVersion: number | null;
  routedBy: string | null;
  explanation: string | null;
  bounces: number;
  meetingId: string | null;
  objections: Array<{ workUnit: string; reason: string; inTime: boolean }>;
  history: Array<{ decisionId: string; ruleSetVersion?: number; ruleId: string; routedBy: string }>;
}
interface DeskItem {
  petitionId: string;
  reason: 'unrouted' | 'returned';
  waitingSince: string;
  dueAt: string;
  overdue: boolean;
  bounces: number;
}
interface MeetingView {
  meetingId: string;
  status: string;
  petitionIds: string[];
  proposedReason: string | null;
  tasks: Array<{ taskId: string; assignee: string; status: string }>;
  allowedActions: string[];
}

const MONDAY_MORNING = '2026-11-30T09:00:00+08:00';
const WAGES = { id: 486, level1: '劳动和社会保障', level2: '工资福利', level3: '其他' };
const DISCIPLINE = { id: 141, level1: '纪检监察', level2: '党政处分', level3: '其他' };

describe('routing: the dispatch desk (real servers, injected clock)', () => {
  let routing: InProcessService;
  let clock: ManualClock;
  let admin: HttpClient;
  let dispatcher: HttpClient;
  let commissioner: HttpClient;

  beforeAll(async () => {
    clock = new ManualClock(MONDAY_MORNING);
    routing = await startInProcess({
      label: 'routingdesk',
      start: (env, logs) => startRouting(loadConfig(RoutingConfig, env), logs, { clock }),
    });
    admin = await routing.as({ sub: 'admin-01', roles: ['administrator'] });
    dispatcher = await routing.as({ sub: 'dispatcher-01', roles: ['dispatcher'] });
    commissioner = await routing.as({ sub: 'sup-01', roles: ['supervision_commissioner'] });
  });

  afterAll(async () => {
    await routing?.close();
  });

  /** Given a petition received Friday 27 Nov and accepted this Monday morning, as intake publishes it. */
  const accept = async (over: Partial<PetitionAcceptedV1> = {}) => {
    const event = anAcceptedPetition({
      receivedAt: '2026-11-27T10:00:00+08:00',
      acceptedAt: MONDAY_MORNING,
      townCode: 'HX',
      ...over,
    });
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, event);
    return event.payload;
  };
  const decisionOf = (petitionId: string, where: (d: DecisionView) => boolean = () => true) =>
    waitFor(
      async () => {
        const res = await dispatcher.get<DecisionView>(`/routing-decisions/${petitionId}`);
        return res.status === 200 && where(res.body) ? res.body : undefined;
      },
      { description: `routing's record of ${petitionId}` },
    );
  const routedEvents = (petitionId: string) =>
    findEvents(routing.ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId } });
  const returnCase = async (petitionId: string, workUnit: WorkUnit, returnedAt: string) => {
    const event = createEnvelope(
      CASE_RETURNED_V1,
      { caseId: randomUUID(), petitionId, caseNumber: '220106-2026-000001', workUnit, reason: '不属于本单元职责', returnedAt, assignedAt: MONDAY_MORNING },
      { correlationId: `corr-${petitionId}` },
    );
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, event);
    return event;
  };
  const ruleSetCount = async () => ((await admin.get<unknown[]>('/rule-sets')).body as unknown[]).length;
  const saveRules = (rules: readonly RoutingRule[], basedOnVersion: number, note = '测试') =>
    admin.post<{ version: number } & ApiErrorBody>('/rule-sets', { basedOnVersion, note, rules });

  describe('rules as versioned data', () => {
    it('seeds the former compiled table as version 1 and routes by it, keeping the version and a readable why', async () => {
      const list = await admin.get<Array<{ version: number; rules: number; savedBy: string }>>('/rule-sets');
      expect(list.body.at(-1)).toMatchObject({ version: 1, rules: DEFAULT_RULES.length, savedBy: 'shipped' });

      const p = await accept({ category: WAGES });
      const decision = await decisionOf(p.petitionId);
      expect(decision).toMatchObject({ status: 'routed', workUnit: 'LABOUR', ruleId: 'LABOUR.wages', ruleSetVersion: 1, routedBy: 'rule' });
      expect(decision.explanation).toContain('规则集第 1 版规则 LABOUR.wages');
      expect(decision.explanation).toContain('区劳动保障监察大队');

      const routed = await waitForEvent(routing.ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId: p.petitionId } });
      expect(routed.data['payload']).toMatchObject({
        acceptedAt: new Date(MONDAY_MORNING).toISOString(),
        decisionId: decision.decisionId,
        ruleSetVersion: 1,
        routedBy: 'rule',
      });
    });

    it('refuses an invalid rule set with 422 naming each rule and what it breaks, and stores nothing', async () => {
      const before = await ruleSetCount();
      const bad = [
        ...DEFAULT_RULES,
        { id: 'X.unknown-unit', priority: 9000, match: { townCodes: ['CX'] }, workUnit: 'POLICE' as WorkUnit, responsibleBody: 'dept:nowhere', reason: '坏规则' },
        { id: 'X.shadowed', priority: 50, match: { category: { level1: '政法', level2: '社会治安' } }, workUnit: 'LABOUR' as WorkUnit, responsibleBody: 'dept:justice', reason: '被遮蔽' },
      ];
      const res = await saveRules(bad, 1);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ROUTING.RULE_SET_INVALID');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: `rules[${DEFAULT_RULES.length}].workUnit`, rule: 'knownUnit' }),
          expect.objectContaining({ field: `rules[${DEFAULT_RULES.length}].responsibleBody`, rule: 'knownBody' }),
        ]),
      );
      expect(res.body.message).toContain('X.unknown-unit');

      const shadowed = await saveRules(bad.filter((r) => r.id !== 'X.unknown-unit'), 1);
      expect(shadowed.status).toBe(422);
      expect(shadowed.body.details).toEqual([expect.objectContaining({ rule: 'shadowed', message: expect.stringContaining('rule X.shadowed can never decide') })]);
      expect(await ruleSetCount()).toBe(before);
    });

    it('refuses a save based on an old version (409) and a shape error (400), storing nothing', async () => {
      const before = await ruleSetCount();
      expect((await saveRules(DEFAULT_RULES, 99)).body.code).toBe('ROUTING.RULE_SET_CHANGED');
      const shape = await admin.post<ApiErrorBody>('/rule-sets', { basedOnVersion: 1, note: 'x', rules: [{ id: 'X', priority: 'high' }] });
      expect({ status: shape.status, code: shape.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await ruleSetCount()).toBe(before);
    });

    it('routes the next petition by an administrator’s new version; the earlier decision keeps version 1', async () => {
      const earlier = await accept({ category: WAGES });
      await decisionOf(earlier.petitionId);

      // Unpaid wages in 合心镇 go to civil mediation from now on; nothing else changes.
      const edited = [...DEFAULT_RULES, { id: 'LEGAL.wages-hx', priority: 900, match: { category: { level1: '劳动和社会保障', level2: '工资福利' }, townCodes: ['HX'] }, workUnit: 'MEDIATION_LEGAL' as WorkUnit, responsibleBody: 'dept:justice', reason: '合心镇欠薪纠纷先行人民调解' }];
      const saved = await saveRules(edited, await ruleSetCount(), '合心镇欠薪先调解');
      expect(saved.status).toBe(201);
      const version = saved.body.version;

      const later = await accept({ category: WAGES });
      expect(await decisionOf(later.petitionId)).toMatchObject({ workUnit: 'MEDIATION_LEGAL', ruleId: 'LEGAL.wages-hx', ruleSetVersion: version });
      expect(await decisionOf(earlier.petitionId)).toMatchObject({ workUnit: 'LABOUR', ruleSetVersion: 1 });
      // Elsewhere the wages rule still decides.
      const cx = await accept({ category: WAGES, townCode: 'CX' });
      expect(await decisionOf(cx.petitionId)).toMatchObject({ ruleId: 'LABOUR.wages', ruleSetVersion: version });
    });

    it('answers "where would this go and why" for any version, without storing anything', async () => {
      const facts = { categoryId: 516, channel: 'visit', itemClass: 'appeal', townCode: 'HX' };
      const v1 = await dispatcher.post<{ ruleSetVersion: number; decision: { ruleId: string }; explanation: string }>('/routing/dry-run', { ...facts, version: 1 });
      expect(v1.status).toBe(200);
      expect(v1.body.ruleSetVersion).toBe(1);
      const newest = await dispatcher.post<{ ruleSetVersion: number; explanation: string }>('/routing/dry-run', facts);
      expect(newest.body.ruleSetVersion).toBeGreaterThan(1);
      expect(newest.body.explanation).toMatch(/^规则集第 \d+ 版/);

      const missing = await dispatcher.post<ApiErrorBody>('/routing/dry-run', { ...facts, version: 999 });
      expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'ROUTING.RULE_SET_NOT_FOUND' });
      const unknown = await dispatcher.post<ApiErrorBody>('/routing/dry-run', { ...facts, categoryId: 99999, townCode: 'ZZ' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details?.map((d) => `${d.field} ${d.rule}`)).toEqual(['categoryId knownCategory', 'townCode knownTown']);
      expect((await dispatcher.get<ApiErrorBody>('/rule-sets/999')).body.code).toBe('ROUTING.RULE_SET_NOT_FOUND');
      expect((await dispatcher.get<RoutingRule>('/rule-sets/1/rules/LABOUR.wages')).body).toMatchObject({ workUnit: 'LABOUR', priority: 360 });
      const rule = await dispatcher.get<ApiErrorBody>('/rule-sets/1/rules/LEGAL.wages-hx');
      expect({ status: rule.status, code: rule.body.code }).toEqual({ status: 404, code: 'ROUTING.RULE_NOT_FOUND' });
    });

    it('reports, for every leaf of the taxonomy, where it goes under version 1: nowhere is never an answer', async () => {
      const report = await dispatcher.get<{ leaves: number; alwaysRouted: number; items: Array<{ category: string; routes: Array<{ ruleId: string }> }> }>('/routing/coverage?version=1');
      expect(report.body).toMatchObject({ leaves: 517, alwaysRouted: 517 });
      const wages = report.body.items.find((i) => i.category === '劳动和社会保障/工资福利/其他');
      expect(wages?.routes.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['LABOUR.wages']));
    });
  });

  describe('the dispatcher’s desk', () => {
    let unroutedId: string;

    it('puts a petition no rule decides on the desk, with its 15-day deadline, and announces nothing', async () => {
      const current = (await admin.get<{ version: number; rules: RoutingRule[] }>(`/rule-sets/${await ruleSetCount()}`)).body;
      const withoutDiscipline = current.rules.filter((r) => r.match.category?.level1 !== '纪检监察');
      expect((await saveRules(withoutDiscipline, current.version, '纪检监察类暂由调度员人工分派')).status).toBe(201);

      const p = await accept({ category: DISCIPLINE, itemClass: 'accusation' });
      unroutedId = p.petitionId;
      const decision = await decisionOf(p.petitionId);
      expect(decision).toMatchObject({ status: 'awaiting_dispatch', workUnit: null, decisionId: null });
      expect(decision.explanation).toMatch(/没有规则适用于 纪检监察/);
      const desk = await dispatcher.get<{ items: DeskItem[] }>('/dispatch-desk?reason=unrouted&pageSize=100');
      // Received Friday 27 Nov: the 15th day is Saturday 12 Dec, so the end of Monday 14 Dec.
      expect(desk.body.items.find((i) => i.petitionId === p.petitionId)).toMatchObject({
        reason: 'unrouted',
        dueAt: '2026-12-14T16:00:00.000Z',
        waitingSince: new Date(MONDAY_MORNING).toISOString(),
        overdue: false,
      });
      expect(await routedEvents(p.petitionId)).toEqual([]);
    });

    it('lets the dispatcher route it by hand with a reason: a routed event with a new decisionId, off the desk', async () => {
      const res = await dispatcher.post<DecisionView>(`/routing-decisions/${unroutedId}/dispatch`, {
        workUnit: 'MEDIATION_LEGAL',
        responsibleBody: 'dept:discipline-inspection',
        reason: '检举控告，转纪检监察机关',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'routed', routedBy: 'dispatcher', ruleId: 'dispatcher.route', ruleSetVersion: null });
      const routed = await waitForEvent(routing.ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId: unroutedId } });
      expect(routed.data['payload']).toMatchObject({ decisionId: res.body.decisionId, routedBy: 'dispatcher', workUnit: 'MEDIATION_LEGAL' });
      expect(routed.data['payload']).not.toHaveProperty('ruleSetVersion');
      const desk = await dispatcher.get<{ items: DeskItem[] }>('/dispatch-desk?pageSize=100');
      expect(desk.body.items.map((i) => i.petitionId)).not.toContain(unroutedId);
    });

    it('refuses unknown bodies, a lead that also assists, unknown petitions, and an override that changes nothing', async () => {
      const p = await accept({ category: WAGES, townCode: 'CX' });
      const before = await decisionOf(p.petitionId);
      const bad = await dispatcher.post<ApiErrorBody>(`/routing-decisions/${p.petitionId}/dispatch`, { workUnit: 'LABOUR', responsibleBody: 'dept:nowhere', assistingUnits: ['LABOUR'], reason: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.details?.map((d) => `${d.field} ${d.rule}`)).toEqual(['responsibleBody knownBody', 'assistingUnits[0] notLead']);
      const unit = await dispatcher.post<ApiErrorBody>(`/routing-decisions/${p.petitionId}/dispatch`, { workUnit: 'POLICE', responsibleBody: 'dept:justice', reason: 'x' });
      expect(unit.body.details?.[0]).toMatchObject({ field: 'workUnit', rule: 'isIn' });
      const missing = await dispatcher.post<ApiErrorBody>(`/routing-decisions/${randomUUID()}/dispatch`, { workUnit: 'LABOUR', responsibleBody: 'dept:justice', reason: 'x' });
      expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'ROUTING.PETITION_NOT_FOUND' });
      const same = await dispatcher.post<ApiErrorBody>(`/routing-decisions/${p.petitionId}/dispatch`, { workUnit: before.workUnit, responsibleBody: before.responsibleBody, reason: 'x' });
      expect({ status: same.status, code: same.body.code }).toEqual({ status: 409, code: 'ROUTING.DECISION_UNCHANGED' });
      expect(await decisionOf(p.petitionId)).toEqual(before);
    });

    it('takes a returned case back onto the desk against its 60-day limit, and re-routes it split between a lead and assisting units', async () => {
      const p = await accept({ category: WAGES, townCode: 'CX' });
      const first = await decisionOf(p.petitionId);
      await returnCase(p.petitionId, 'LABOUR', '2026-12-03T10:00:00+08:00');
      const back = await decisionOf(p.petitionId, (d) => d.status === 'awaiting_dispatch');
      expect(back.bounces).toBe(1);
      // Assigned Monday 30 Nov, returned Thursday 3 Dec: the third working day.
      expect(back.objections).toEqual([expect.objectContaining({ workUnit: 'LABOUR', reason: '不属于本单元职责', inTime: true })]);
      const desk = await dispatcher.get<{ items: DeskItem[] }>('/dispatch-desk?reason=returned&pageSize=100');
      // Accepted Monday 30 Nov: day 60 is Friday 29 Jan 2027.
      expect(desk.body.items.find((i) => i.petitionId === p.petitionId)).toMatchObject({ reason: 'returned', bounces: 1, dueAt: '2027-01-29T16:00:00.000Z' });

      const res = await dispatcher.post<DecisionView>(`/routing-decisions/${p.petitionId}/dispatch`, {
        workUnit: 'LABOUR',
        responsibleBody: 'dept:labour-inspection',
        assistingUnits: ['URBAN_ENV'],
        reason: '工地欠薪：劳动监察牵头，城建环保协办',
      });
      expect(res.body).toMatchObject({ routedBy: 'dispatcher', ruleId: 'dispatcher.re-route', assistingUnits: ['URBAN_ENV'] });
      expect(res.body.decisionId).not.toBe(first.decisionId);
      expect(res.body.history.map((h) => h.ruleId)).toEqual(['LABOUR.wages', 'dispatcher.re-route']);
      const events = await waitForEvents(routing.ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId: p.petitionId } }, 2);
      expect(events.map((e) => (e.data['payload'] as { decisionId: string }).decisionId)).toEqual([first.decisionId, res.body.decisionId]);
      expect(events[1].data['payload']).toMatchObject({ assistingUnits: ['URBAN_ENV'] });
    });

    it('orders the desk by deadline, then by waiting time, and marks overdue items on the injected clock', async () => {
      const older = await accept({ category: DISCIPLINE, receivedAt: '2026-11-20T10:00:00+08:00' });
      const newer = await accept({ category: DISCIPLINE, receivedAt: '2026-11-27T16:00:00+08:00' });
      await decisionOf(older.petitionId);
      await decisionOf(newer.petitionId);
      clock.set('2026-12-08T09:00:00+08:00');
      try {
        const desk = (await dispatcher.get<{ items: DeskItem[] }>('/dispatch-desk?reason=unrouted&pageSize=100')).body.items;
        const ids = desk.map((i) => i.petitionId);
        expect(ids.indexOf(older.petitionId)).toBeLessThan(ids.indexOf(newer.petitionId));
        // Received Friday 20 Nov: day 15 is Saturday 5 Dec, so the end of Monday 7 Dec: overdue now.
        expect(desk.find((i) => i.petitionId === older.petitionId)).toMatchObject({ dueAt: '2026-12-07T16:00:00.000Z', overdue: true });
        expect(desk.find((i) => i.petitionId === newer.petitionId)?.overdue).toBe(false);
      } finally {
        clock.set(MONDAY_MORNING);
      }
    });
  });

  describe('objections and the joint meeting', () => {
    let petitionId: string;
    let meetingId: string;

    it('counts each return once, and proposes a joint meeting on the third', async () => {
      const p = await accept({ category: WAGES, townCode: 'CX' });
      petitionId = p.petitionId;
      await decisionOf(petitionId);
      const units: WorkUnit[] = ['LABOUR', 'ENTERPRISE', 'URBAN_ENV'];
      for (const [i, unit] of units.entries()) {
        const event = await returnCase(petitionId, unit, `2026-12-0${i + 1}T10:00:00+08:00`);
        // A redelivery counts nothing twice.
        await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, event, { msgId: `${event.id}-again` });
        await decisionOf(petitionId, (d) => d.bounces === i + 1 && d.status === 'awaiting_dispatch');
        if (i < units.length - 1) {
          await dispatcher.post(`/routing-decisions/${petitionId}/dispatch`, { workUnit: units[i + 1], responsibleBody: 'dept:state-assets', reason: `改派第 ${i + 1} 次` });
        }
      }
      const decision = await decisionOf(petitionId, (d) => d.meetingId !== null);
      expect(decision.bounces).toBe(3);
      meetingId = decision.meetingId as string;
      const meeting = (await commissioner.get<MeetingView>(`/meetings/${meetingId}`)).body;
      expect(meeting).toMatchObject({ status: 'proposed', petitionIds: [petitionId], allowedActions: ['convene'] });
      expect(meeting.proposedReason).toContain('已被退回 3 次');
      const proposed = await commissioner.get<{ items: MeetingView[] }>('/meetings?status=proposed');
      expect(proposed.body.items.map((m) => m.meetingId)).toContain(meetingId);
    });

    it('convenes it, records the outcome and minutes, and announces the lead unit and tasks', async () => {
      const convened = await commissioner.post<MeetingView>(`/meetings/${meetingId}/convene`, {
        participants: ['LABOUR', 'ENTERPRISE', 'URBAN_ENV', 'dept:labour-inspection'],
        agenda: '工地欠薪案三次退回，明确牵头单位',
        scheduledAt: '2026-12-03T09:00:00+08:00',
        place: '中心三楼会议室',
      });
      expect(convened.body).toMatchObject({ status: 'convened', allowedActions: ['convene', 'conclude'] });

      const early = await commissioner.post<ApiErrorBody>(`/meetings/${meetingId}/conclusion`, {
        leadUnit: 'LABOUR',
        tasks: [{ assignee: 'dept:nowhere', description: '核查', dueAt: '2026-12-01T17:00:00+08:00' }],
        minutes: '记录',
      });
      expect(early.status).toBe(400);
      expect(early.body.details?.map((d) => `${d.field} ${d.rule}`)).toEqual(['tasks[0].assignee knownParty', 'tasks[0].dueAt afterMeeting']);

      const concluded = await commissioner.post<MeetingView>(`/meetings/${meetingId}/conclusion`, {
        leadUnit: 'LABOUR',
        tasks: [
          { assignee: 'dept:labour-inspection', description: '督促施工企业十日内足额支付拖欠工资', dueAt: '2026-12-15T17:00:00+08:00' },
          { assignee: 'URBAN_ENV', description: '核查工程款拨付', dueAt: '2026-12-10T17:00:00+08:00' },
        ],
        minutes: '会议议定：劳动保障单元牵头。',
      });
      expect(concluded.body).toMatchObject({ status: 'concluded', allowedActions: ['complete_task'] });
      const event = await waitForEvent(routing.ns, { stream: 'ROUTING', type: 'routing.meeting.concluded.v1', payload: { meetingId } });
      expect(event.data['payload']).toMatchObject({ petitionIds: [petitionId], leadUnit: 'LABOUR', concludedAt: new Date(MONDAY_MORNING).toISOString() });
      expect((event.data['payload'] as { tasks: unknown[] }).tasks).toHaveLength(2);

      const minutes = await commissioner.get<string>(`/meetings/${meetingId}/minutes`);
      expect(minutes.headers['content-type']).toContain('text/html');
      expect(minutes.body).toContain('信访工作联席会议纪要');
      expect(minutes.body).toContain('区劳动保障监察大队');
    });

    it('refuses to convene or conclude a concluded meeting (409 naming its state), and closes it with its last task', async () => {
      const again = await commissioner.post<ApiErrorBody>(`/meetings/${meetingId}/convene`, { participants: ['LABOUR', 'HOTLINE'], agenda: 'x', scheduledAt: '2026-12-04T09:00:00+08:00', place: 'x' });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'ROUTING.MEETING_CLOSED' });
      expect(again.body.message).toContain('concluded');
      const tasks = (await commissioner.get<MeetingView>(`/meetings/${meetingId}`)).body.tasks;
      await commissioner.post(`/meetings/${meetingId}/tasks/${tasks[0].taskId}/completion`, { note: '已支付' });
      const closed = await commissioner.post<MeetingView>(`/meetings/${meetingId}/tasks/${tasks[1].taskId}/completion`, { note: '已核查' });
      expect(closed.body).toMatchObject({ status: 'closed', allowedActions: [] });
      // Each task done is announced, for the cases in handling and for supervision; the note stays here.
      const done = await waitForEvents(routing.ns, { stream: 'ROUTING', type: 'routing.meeting.task-completed.v1', payload: { meetingId } }, 2);
      expect(done.map((e) => (e.data['payload'] as { taskId: string }).taskId).sort()).toEqual([tasks[0].taskId, tasks[1].taskId].sort());
      expect(JSON.stringify(done.map((e) => e.data))).not.toContain('已支付');
      const late = await commissioner.post<ApiErrorBody>(`/meetings/${meetingId}/tasks/${tasks[1].taskId}/completion`, { note: 'x' });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'ROUTING.MEETING_CLOSED' });
      const unknown = await commissioner.get<ApiErrorBody>(`/meetings/${randomUUID()}`);
      expect(unknown.body.code).toBe('ROUTING.MEETING_NOT_FOUND');
    });

    it('convenes a meeting for several cases directly, refusing unknown petitions and participants', async () => {
      const a = await accept({ category: WAGES, townCode: 'CX' });
      const b = await accept({ category: WAGES, townCode: 'CX' });
      await decisionOf(a.petitionId);
      await decisionOf(b.petitionId);
      const bad = await commissioner.post<ApiErrorBody>('/meetings', { petitionIds: [a.petitionId, randomUUID()], participants: ['LABOUR', 'dept:nowhere'], agenda: 'x', scheduledAt: '2026-12-03T09:00:00+08:00', place: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.details?.map((d) => `${d.field} ${d.rule}`)).toEqual(['participants[1] knownParty', 'petitionIds[1] knownPetition']);
      const ok = await commissioner.post<MeetingView>('/meetings', { petitionIds: [a.petitionId, b.petitionId], participants: ['LABOUR', 'URBAN_ENV'], agenda: '同一工地欠薪两案并议', scheduledAt: '2026-12-03T09:00:00+08:00', place: '中心三楼会议室' });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ status: 'convened', petitionIds: [a.petitionId, b.petitionId] });
    });
  });
});
