import { randomUUID } from 'node:crypto';
import { ManualClock } from '@pdmc/calendar';
import { createEnvelope, PETITION_MERGED_V1, type PetitionRoutedV1, type WorkUnit } from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import {
  aRoutedPetition,
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
import { startHandling } from '../src/app';
import { CaseTimersJob } from '../src/cases/application/case-timers.job';
import { caseIdFor } from '../src/cases/domain/case-id';
import { HandlingConfig } from '../src/config/handling.config';
import type { CaseView, HistoryView } from './views';

/** Beijing wall-clock time, as staff read it. */
const bj = (local: string) => new Date(`${local}+08:00`);
/** The instant a Beijing day ends (24:00), as the API writes a deadline. */
const endOf = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

interface Page {
  items: CaseView[];
  total: number;
}

/**
 * The work units' case lifecycle against the real servers, on a ManualClock: every deadline
 * is checked at known dates, and the timer job is run by hand instead of waited for.
 */
describe('handling: a case from assignment to cessation, review, re-examination and termination (real servers, manual clock)', () => {
  const clock = new ManualClock(bj('2026-06-01T09:00:00'));
  let handling: InProcessService;
  let dispatcher: HttpClient;
  let labour: HttpClient;
  let labourHead: HttpClient;
  let review: HttpClient;
  let clerk: HttpClient;

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handlinglife',
      start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs, { clock }),
      // The job runs only when a test asks for a pass.
      env: { CASE_TIMER_INTERVAL_MS: '86400000' },
    });
    dispatcher = await handling.as({ roles: ['dispatcher'] });
    labour = await handling.as({ sub: 'handler-li', roles: ['unit_handler'], units: ['LABOUR'] });
    labourHead = await handling.as({ sub: 'head-wang', roles: ['unit_head'], units: ['LABOUR'] });
    review = await handling.as({ sub: 'reviewer-zhao', roles: ['unit_handler'], units: ['REVIEW'] });
    clerk = await handling.as({ sub: 'clerk-01', roles: ['intake_clerk'] });
  });

  afterAll(async () => {
    await handling?.close();
  });

  const runTimers = () => (handling.service as unknown as RunningService).app.get(CaseTimersJob).runOnce();

  const caseById = async (id: string): Promise<CaseView> => {
    const res = await dispatcher.get<CaseView>(`/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const historyOf = async (id: string): Promise<HistoryView[]> => {
    const res = await dispatcher.get<{ items: HistoryView[] }>(`/cases/${id}/history`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  const eventsOf = (caseId: string, type: string) => findEvents(handling.ns, { stream: 'HANDLING', type, payload: { caseId } });

  /** Given routing's decision, accepted by the centre on Friday 2026-05-29 at 10:00. */
  const route = async (over: Partial<PetitionRoutedV1> = {}): Promise<CaseView> => {
    const event = aRoutedPetition({
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      ruleId: 'LABOUR.wages',
      acceptedAt: bj('2026-05-29T10:00:00').toISOString(),
      decisionId: randomUUID(),
      caseNumber: `220106-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      ...over,
    });
    await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    const id = caseIdFor(event.payload.petitionId);
    return waitFor(
      async () => {
        const res = await dispatcher.get<CaseView>(`/cases/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: `the case of ${event.payload.petitionId}` },
    );
  };

  const ok = async (client: HttpClient, path: string, body: unknown = {}): Promise<CaseView> => {
    const res = await client.post<CaseView>(path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Given a LABOUR case accepted, investigated (findings recorded) and resolving. */
  const resolving = async (over: Partial<PetitionRoutedV1> = {}): Promise<CaseView> => {
    const c = await route(over);
    await ok(labour, `/cases/${c.id}/acceptance`);
    await ok(labour, `/cases/${c.id}/investigation`);
    await ok(labour, `/cases/${c.id}/resolutions`, { kind: 'investigation', summary: '经实地调查，公司确有欠薪。' });
    return ok(labour, `/cases/${c.id}/resolution`);
  };

  const aDecision = {
    outcome: 'support',
    request: '要求补发拖欠工资。',
    facts: '经调查核实，公司拖欠工资属实。',
    legalBasis: '《中华人民共和国劳动合同法》第三十条',
  };

  /** Given a decided LABOUR case served on the petitioner at `servedAt`. */
  const served = async (servedAt: string): Promise<CaseView> => {
    const c = await resolving();
    await ok(labour, `/cases/${c.id}/decision`, aDecision);
    return ok(labour, `/cases/${c.id}/service`, { servedAt, method: '直接送达' });
  };

  describe('opening and moving a case (item 2)', () => {
    it('opens the case under an id derived from the petition, due 60 days after the centre’s acceptance, not after the opening', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      expect(c).toMatchObject({
        status: 'assigned',
        workUnit: 'LABOUR',
        acceptedAt: bj('2026-05-29T10:00:00').toISOString(),
        openedAt: bj('2026-06-01T09:00:00').toISOString(),
        assignedAt: bj('2026-06-01T09:00:00').toISOString(),
        // Day 60 after Fri 2026-05-29 is Tue 2026-07-28, a working day: due at its 24:00.
        dueAt: endOf('2026-07-28'),
        overdue: false,
        handler: null,
      });
      const [opened] = await waitForEvents(handling.ns, { stream: 'HANDLING', type: 'handling.case.opened.v1', payload: { caseId: c.id } }, 1);
      expect(opened.data['payload']).toMatchObject({ dueAt: endOf('2026-07-28') });
    });

    it('moves the case on a dispatcher’s re-route: same id, new unit, back to assigned, same limit; the same decision again changes nothing', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const first = aRoutedPetition({
        workUnit: 'URBAN_ENV',
        responsibleBody: 'area:HX',
        ruleId: 'URBAN.noise',
        acceptedAt: bj('2026-05-29T10:00:00').toISOString(),
        decisionId: randomUUID(),
      });
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, first);
      const id = caseIdFor(first.payload.petitionId);
      await waitFor(async () => (await dispatcher.get(`/cases/${id}`)).status === 200, { description: 'the case' });
      const urban = await handling.as({ roles: ['unit_handler'], units: ['URBAN_ENV'] });
      await ok(urban, `/cases/${id}/acceptance`);

      clock.set(bj('2026-06-03T15:00:00'));
      const rerouted = aRoutedPetition({
        ...first.payload,
        workUnit: 'LABOUR',
        responsibleBody: 'dept:labour-inspection',
        ruleId: 'dispatcher',
        routedBy: 'dispatcher',
        decisionId: randomUUID(),
        // Even were the acceptance time restated, the case keeps its limit.
        acceptedAt: bj('2026-06-03T15:00:00').toISOString(),
      });
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, rerouted);
      const moved = await waitFor(
        async () => {
          const c = await caseById(id);
          return c.workUnit === 'LABOUR' ? c : undefined;
        },
        { description: 'the case moved to LABOUR' },
      );
      expect(moved).toMatchObject({
        id,
        status: 'assigned',
        responsibleBody: 'dept:labour-inspection',
        assignedAt: bj('2026-06-03T15:00:00').toISOString(),
        dueAt: endOf('2026-07-28'),
      });
      // The old unit lost it, the new one has it.
      expect((await urban.get(`/cases/${id}`)).status).toBe(404);
      expect((await labour.get(`/cases/${id}`)).status).toBe(200);

      // Redelivered (a new message id, the same decision): nothing moves, nothing is written.
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, rerouted, { msgId: `${rerouted.id}-again` });
      await waitFor(
        () => handling.logs.filter((l) => l.includes('"msg":"event handled"') && l.includes(rerouted.id)).length >= 2,
        { description: 'the redelivery handled' },
      );
      const history = await historyOf(id);
      expect(history.map((h) => [h.action, h.from, h.to])).toEqual([
        ['open', null, 'assigned'],
        ['accept', 'assigned', 'accepted'],
        ['reassign', 'accepted', 'assigned'],
      ]);
      expect((await dispatcher.get<Page>(`/cases?petitionId=${first.payload.petitionId}`)).body.total).toBe(1);
    });
  });

  describe('objection (item 3)', () => {
    it('returns a case within 5 working days of assignment and announces it; routing’s answer moves it back', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      // Mon 2026-06-01 + 5 working days = Mon 2026-06-08, up to 24:00.
      clock.set(bj('2026-06-08T23:30:00'));
      const returned = await ok(labour, `/cases/${c.id}/return`, { reason: '反映事项属企业改制遗留问题，应由企业职工工作单元办理。' });
      expect(returned).toMatchObject({ status: 'returned', returnReason: '反映事项属企业改制遗留问题，应由企业职工工作单元办理。' });
      const event = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.returned.v1', payload: { caseId: c.id } });
      expect(event.data['payload']).toEqual({
        caseId: c.id,
        petitionId: c.petitionId,
        caseNumber: c.caseNumber,
        workUnit: 'LABOUR',
        reason: '反映事项属企业改制遗留问题，应由企业职工工作单元办理。',
        returnedAt: bj('2026-06-08T23:30:00').toISOString(),
        assignedAt: bj('2026-06-01T09:00:00').toISOString(),
      });
      // Returned: the unit can do nothing more with it.
      const again = await labour.post<ApiErrorBody>(`/cases/${c.id}/acceptance`, {});
      expect(again.status).toBe(409);
      expect(again.body.details).toEqual([
        expect.objectContaining({ field: 'status', rule: 'returned' }),
        expect.objectContaining({ field: 'allowedActions', rule: 'withdraw' }),
      ]);
    });

    it('refuses a return after the fifth working day with 422 naming art. 23, and changes nothing', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      clock.set(bj('2026-06-09T00:00:00'));
      const res = await labour.post<ApiErrorBody>(`/cases/${c.id}/return`, { reason: '不属本单元职责' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'HANDLING.OBJECTION_WINDOW_PASSED' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'returnedAt', rule: 'art23.within5WorkingDays' })]);
      expect(await caseById(c.id)).toEqual(c);
      expect(await historyOf(c.id)).toHaveLength(1);
      expect(await eventsOf(c.id, 'handling.case.returned.v1')).toHaveLength(0);
    });
  });

  describe('state machine over HTTP (items 1, 13)', () => {
    it('answers an out-of-order step with 409 naming the current state and the allowed actions, and changes nothing', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      const res = await labour.post<ApiErrorBody>(`/cases/${c.id}/decision`, aDecision);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('HANDLING.TRANSITION_NOT_ALLOWED');
      expect(res.body.message).toMatch(/assigned.*accept, return, withdraw/);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'status', rule: 'assigned' }),
        expect.objectContaining({ field: 'allowedActions', rule: 'accept' }),
        expect.objectContaining({ field: 'allowedActions', rule: 'return' }),
        expect.objectContaining({ field: 'allowedActions', rule: 'withdraw' }),
      ]);
      expect((await labour.post(`/cases/${c.id}/service`, {})).status).toBe(409);
      expect((await labour.post(`/cases/${c.id}/resolution`, {})).status).toBe(409);
      expect(await caseById(c.id)).toEqual(c);
    });

    it('refuses a decision before any means of resolution is recorded (409), and a decision without facts or legal basis (400)', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      await ok(labour, `/cases/${c.id}/investigation`);
      const before = await ok(labour, `/cases/${c.id}/resolution`);
      const none = await labour.post<ApiErrorBody>(`/cases/${c.id}/decision`, aDecision);
      expect({ status: none.status, code: none.body.code }).toEqual({ status: 409, code: 'HANDLING.NO_RESOLUTION_RECORDED' });
      for (const [field, body] of [
        ['facts', { ...aDecision, facts: ' ' }],
        ['legalBasis', { ...aDecision, legalBasis: undefined }],
      ] as const) {
        const res = await labour.post<ApiErrorBody>(`/cases/${c.id}/decision`, body);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule: 'isNotEmpty' })]));
      }
      expect(await caseById(c.id)).toEqual(before);
    });

    it('answers 404 for another unit’s case and an unknown case, whatever the step', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' });
      for (const [path, body] of [
        ['acceptance', {}],
        ['return', { reason: '不属本单元' }],
        ['investigation', {}],
        ['tasks', { instructions: '核查', dueAt: '2026-07-01T00:00:00Z' }],
        ['extension', { days: 5, reason: '需鉴定' }],
      ] as const) {
        const foreign = await labour.post<ApiErrorBody>(`/cases/${c.id}/${path}`, body);
        const missing = await labour.post<ApiErrorBody>(`/cases/${randomUUID()}/${path}`, body);
        expect([foreign.status, foreign.body.code, missing.status, missing.body.code]).toEqual([404, 'HANDLING.CASE_NOT_FOUND', 404, 'HANDLING.CASE_NOT_FOUND']);
      }
      expect(await caseById(c.id)).toEqual(c);
    });
  });

  describe('means of resolution and the decision (item 4)', () => {
    it('keeps a record per means: mediation with parties, terms and signing date; hearing with participants and minutes; referrals', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      await ok(labour, `/cases/${c.id}/investigation`);
      const missingTerms = await labour.post<ApiErrorBody>(`/cases/${c.id}/resolutions`, { kind: 'mediation', summary: '调解', parties: ['信访人', '公司'], heldOn: '2026-06-01' });
      expect(missingTerms.status).toBe(400);
      expect(missingTerms.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'terms' })]));
      const noReferee = await labour.post<ApiErrorBody>(`/cases/${c.id}/resolutions`, { kind: 'labour_arbitration_referral', summary: '引导仲裁' });
      expect(noReferee.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'referredTo' })]));

      await ok(labour, `/cases/${c.id}/resolutions`, {
        kind: 'mediation',
        summary: '经调解双方达成一致。',
        parties: ['信访人', '某建筑公司'],
        terms: '公司于2026年6月30日前支付拖欠工资18600元。',
        heldOn: '2026-06-01',
      });
      await ok(labour, `/cases/${c.id}/resolutions`, { kind: 'hearing', summary: '听证笔录：……', parties: ['信访人', '公司代表', '人社局'], heldOn: '2026-06-01' });
      const after = await ok(labour, `/cases/${c.id}/resolutions`, { kind: 'labour_arbitration_referral', summary: '引导申请劳动仲裁', referredTo: '区劳动人事争议仲裁委员会' });
      expect(after.resolutions.map((r) => r.kind)).toEqual(['mediation', 'hearing', 'labour_arbitration_referral']);
      expect(after.resolutions[0]).toMatchObject({ parties: ['信访人', '某建筑公司'], terms: '公司于2026年6月30日前支付拖欠工资18600元。', heldOn: '2026-06-01' });
    });

    it('corrects a decision by superseding it with a reason, never editing it; the correction is served anew', async () => {
      clock.set(bj('2026-06-10T10:00:00'));
      const c = await served('2026-06-10T10:00:00+08:00');
      const first = c.decision!;
      clock.set(bj('2026-06-11T10:00:00'));
      const corrected = await ok(labour, `/cases/${c.id}/decision/correction`, { ...aDecision, legalBasis: '《保障农民工工资支付条例》第十五条', correctionReason: '原引法条有误' });
      expect(corrected).toMatchObject({ status: 'decided', servedAt: null });
      expect(corrected.decision!.id).not.toBe(first.id);
      expect(corrected.supersededDecisions).toEqual([
        { ...first, supersededAt: bj('2026-06-11T10:00:00').toISOString(), supersededBy: corrected.decision!.id, correctionReason: '原引法条有误' },
      ]);
      // The outbox publishes after the write: wait for both decisions rather than reading the stream at once.
      expect(await waitForEvents(handling.ns, { stream: 'HANDLING', type: 'handling.case.decided.v1', payload: { caseId: c.id } }, 2)).toHaveLength(2);
    });
  });

  describe('tasks for responsible bodies (item 6)', () => {
    it('issues a task, takes the body’s report, sends it back, accepts the second, and shows overdue tasks', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      const withTask = await ok(labour, `/cases/${c.id}/tasks`, { instructions: '请核实欠薪情况并督促支付，书面报告。', dueAt: bj('2026-06-05T17:00:00').toISOString() });
      const task = withTask.tasks[0];
      expect(task).toMatchObject({ body: 'dept:labour-inspection', status: 'issued', dueAt: bj('2026-06-05T17:00:00').toISOString() });
      await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.task.issued.v1', payload: { caseId: c.id, taskId: task.id } });
      const other = await ok(labour, `/cases/${c.id}/tasks`, { body: 'area:HX', instructions: '请镇政府配合核查。', dueAt: bj('2026-06-20T17:00:00').toISOString() });
      expect(other.tasks).toHaveLength(2);

      const liaison = await handling.as({ sub: 'liaison-li', roles: ['responsible_body_liaison'], bodies: ['dept:labour-inspection'] });
      const hx = await handling.as({ sub: 'liaison-hx', roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      // Another body's liaison reads the case (it holds a task) but cannot report on this task.
      const wrongBody = await hx.post<ApiErrorBody>(`/cases/${c.id}/tasks/${task.id}/report`, { findings: '属实', actions: '已处理' });
      expect({ status: wrongBody.status, code: wrongBody.body.code }).toEqual({ status: 404, code: 'HANDLING.TASK_NOT_FOUND' });

      // Past the deadline without a report: overdue for the unit and for the body.
      clock.set(bj('2026-06-06T09:00:00'));
      const overdue = await labour.get<{ items: Array<{ id: string; caseId: string }> }>('/tasks/overdue');
      expect(overdue.body.items.filter((t) => t.caseId === c.id).map((t) => t.id)).toEqual([task.id]);
      expect((await liaison.get<{ items: Array<{ id: string }> }>('/tasks/overdue')).body.items.map((t) => t.id)).toContain(task.id);
      expect((await hx.get<{ items: Array<{ id: string }> }>('/tasks/overdue')).body.items.map((t) => t.id)).not.toContain(task.id);

      const reported = await ok(liaison, `/cases/${c.id}/tasks/${task.id}/report`, { findings: '欠薪属实。', actions: '已责令改正。' });
      expect(reported.tasks[0]).toMatchObject({ status: 'reported', reports: [{ findings: '欠薪属实。', actions: '已责令改正。', reportedBy: 'liaison-li' }] });
      const reportedEvent = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.task.reported.v1', payload: { taskId: task.id } });
      expect(reportedEvent.data['payload']).toMatchObject({ late: true });
      expect((await labour.get<{ items: Array<{ id: string }> }>('/tasks/overdue')).body.items.map((t) => t.id)).not.toContain(task.id);

      const noReason = await labour.post<ApiErrorBody>(`/cases/${c.id}/tasks/${task.id}/review`, { decision: 'send_back' });
      expect(noReason.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
      const sentBack = await ok(labour, `/cases/${c.id}/tasks/${task.id}/review`, { decision: 'send_back', reason: '未附支付凭证。' });
      expect(sentBack.tasks[0]).toMatchObject({ status: 'sent_back', sentBackReason: '未附支付凭证。' });
      expect((await labour.post(`/cases/${c.id}/tasks/${task.id}/review`, { decision: 'accept' })).status).toBe(409);
      await ok(liaison, `/cases/${c.id}/tasks/${task.id}/report`, { findings: '已补充支付凭证。', actions: '公司已支付。' });
      const accepted = await ok(labour, `/cases/${c.id}/tasks/${task.id}/review`, { decision: 'accept' });
      expect(accepted.tasks[0]).toMatchObject({ status: 'accepted', acceptedAt: bj('2026-06-06T09:00:00').toISOString() });
      expect(accepted.tasks[0].reports).toHaveLength(2);
    });

    it('refuses a task whose deadline has passed', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      const res = await labour.post<ApiErrorBody>(`/cases/${c.id}/tasks`, { instructions: '核查', dueAt: bj('2026-05-31T17:00:00').toISOString() });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'HANDLING.TASK_DUE_IN_PAST' });
    });
  });

  describe('extensions (item 5)', () => {
    it('grants one extension of at most 30 days, approved by the unit head: the due date moves and is announced with the reason', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      const tooLong = await labour.post<ApiErrorBody>(`/cases/${c.id}/extension`, { days: 31, reason: '需鉴定' });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'days', rule: 'max' })]);

      await ok(labour, `/cases/${c.id}/extension`, { days: 20, reason: '需等待劳动仲裁结果。' });
      const pending = await labour.post<ApiErrorBody>(`/cases/${c.id}/extension`, { days: 10, reason: '再延' });
      expect(pending.body.code).toBe('HANDLING.EXTENSION_PENDING');
      // A handler cannot approve it: the permission is the head's.
      expect((await labour.post<ApiErrorBody>(`/cases/${c.id}/extension/decision`, { decision: 'approve' })).status).toBe(403);

      clock.set(bj('2026-06-02T10:00:00'));
      const granted = await ok(labourHead, `/cases/${c.id}/extension/decision`, { decision: 'approve' });
      // 20 days on from the last day, Tue 2026-07-28: Mon 2026-08-17.
      expect(granted).toMatchObject({
        dueAt: endOf('2026-08-17'),
        extension: { days: 20, status: 'granted', previousDueAt: endOf('2026-07-28'), newDueAt: endOf('2026-08-17'), reason: '需等待劳动仲裁结果。' },
      });
      const event = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.extension.granted.v1', payload: { caseId: c.id } });
      expect(event.data['payload']).toMatchObject({ days: 20, reason: '需等待劳动仲裁结果。', previousDueAt: endOf('2026-07-28'), dueAt: endOf('2026-08-17') });

      const second = await labour.post<ApiErrorBody>(`/cases/${c.id}/extension`, { days: 5, reason: '再次延期' });
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'HANDLING.EXTENSION_ALREADY_GRANTED' });
      expect((await caseById(c.id)).dueAt).toBe(endOf('2026-08-17'));
    });

    it('lets the head refuse with a reason, leaving the due date; a new request may follow', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`);
      await ok(labour, `/cases/${c.id}/extension`, { days: 30, reason: '案情复杂。' });
      const refused = await ok(labourHead, `/cases/${c.id}/extension/decision`, { decision: 'refuse', reason: '现有材料足以作出处理意见。' });
      expect(refused).toMatchObject({ dueAt: endOf('2026-07-28'), extension: { status: 'refused', refusalReason: '现有材料足以作出处理意见。' } });
      expect(await eventsOf(c.id, 'handling.extension.granted.v1')).toHaveLength(0);
      await ok(labour, `/cases/${c.id}/extension`, { days: 10, reason: '等待鉴定结论。' });
    });
  });

  describe('service, closure and cessation (items 1, 8)', () => {
    it('serves the decision, closes the file, refuses a late review request, and ceases the case when the window passes', async () => {
      clock.set(bj('2026-06-12T10:00:00'));
      const c = await served('2026-06-12T10:00:00+08:00');
      // Served Fri 2026-06-12: day 30 is Sun 2026-07-12, so the window ends with Mon 2026-07-13.
      expect(c).toMatchObject({ status: 'served', servedAt: bj('2026-06-12T10:00:00').toISOString(), decision: { reviewRequestDueAt: endOf('2026-07-13') } });
      const servedEvent = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.served.v1', payload: { caseId: c.id } });
      expect(servedEvent.data['payload']).toMatchObject({ reviewRequestDueAt: endOf('2026-07-13') });
      const closed = await ok(labour, `/cases/${c.id}/closure`, { note: '已结案' });
      expect(closed.status).toBe('closed');

      // A pass before the end changes nothing.
      clock.set(bj('2026-07-13T23:59:00'));
      await runTimers();
      expect((await caseById(c.id)).status).toBe('closed');

      clock.set(bj('2026-07-14T00:00:00'));
      const late = await clerk.post<ApiErrorBody>(`/cases/${c.id}/review`, { channel: 'visit', grounds: '不服处理意见' });
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({ code: 'HANDLING.REVIEW_WINDOW_PASSED' });
      expect(late.body.details).toEqual([expect.objectContaining({ field: 'requestedAt', rule: 'art35.within30Days' })]);
      expect((await caseById(c.id)).status).toBe('closed');

      expect(await runTimers()).toBeGreaterThanOrEqual(1);
      expect((await caseById(c.id)).status).toBe('ceased');
      await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.ceased.v1', payload: { caseId: c.id } });
      const terminated = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.terminated.v1', payload: { caseId: c.id } });
      expect(terminated.data['payload']).toMatchObject({ ground: 'review_window_passed', terminatedAt: bj('2026-07-14T00:00:00').toISOString() });
      // A second pass finds nothing more to do.
      await runTimers();
      expect(await eventsOf(c.id, 'handling.case.ceased.v1')).toHaveLength(1);
      const history = await historyOf(c.id);
      expect(history.at(-1)).toMatchObject({ action: 'cease', from: 'closed', to: 'ceased', by: 'system' });
    });

    it('refuses a service date in the future or before the decision', async () => {
      clock.set(bj('2026-06-12T10:00:00'));
      const c = await resolving();
      await ok(labour, `/cases/${c.id}/decision`, aDecision);
      for (const servedAt of ['2026-06-13T10:00:00+08:00', '2026-06-11T10:00:00+08:00']) {
        const res = await labour.post<ApiErrorBody>(`/cases/${c.id}/service`, { servedAt });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'HANDLING.BAD_SERVICE_DATE' });
      }
      expect((await caseById(c.id)).status).toBe('decided');
    });
  });

  describe('review and re-examination by the REVIEW unit (item 7)', () => {
    it('takes a review in time, lets only the REVIEW unit decide it, serves it, refuses a late re-examination, and terminates after the re-examination', async () => {
      clock.set(bj('2026-06-12T10:00:00'));
      const c = await served('2026-06-12T10:00:00+08:00');
      expect((await review.get(`/cases/${c.id}`)).status).toBe(404);

      clock.set(bj('2026-07-13T16:00:00'));
      const requested = await ok(clerk, `/cases/${c.id}/review`, { channel: 'visit', grounds: '对欠薪数额有异议。' });
      // Requested Mon 2026-07-13: decided within 30 days, by Wed 2026-08-12.
      expect(requested).toMatchObject({ status: 'review_requested', review: { channel: 'visit', dueAt: endOf('2026-08-12'), outcome: null } });
      await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.review.requested.v1', payload: { caseId: c.id } });

      // The REVIEW unit reads the original file now, but cannot work it as the unit does.
      const file = await review.get<CaseView>(`/cases/${c.id}`);
      expect(file.status).toBe(200);
      expect(file.body.resolutions).toHaveLength(1);
      expect((await review.post(`/cases/${c.id}/tasks`, { instructions: '核查', dueAt: '2026-08-01T00:00:00Z' })).status).toBe(404);
      expect((await review.post(`/cases/${c.id}/decision/correction`, { ...aDecision, correctionReason: 'x' })).status).toBe(404);
      // The original unit cannot decide the review.
      expect((await labour.post(`/cases/${c.id}/review/decision`, { outcome: 'change', reasoning: 'x' })).status).toBe(404);
      const queue = await review.get<Page>('/queue?unit=REVIEW');
      expect(queue.body.items.map((i) => i.id)).toContain(c.id);

      clock.set(bj('2026-07-20T10:00:00'));
      const decided = await ok(review, `/cases/${c.id}/review/decision`, { outcome: 'uphold', reasoning: '原处理意见事实清楚，予以维持。' });
      expect(decided).toMatchObject({ status: 'review_decided', review: { outcome: 'uphold', decidedAt: bj('2026-07-20T10:00:00').toISOString() } });
      await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.review.decided.v1', payload: { caseId: c.id, outcome: 'uphold' } });
      clock.set(bj('2026-07-21T12:00:00'));
      const reviewServed = await ok(review, `/cases/${c.id}/review/service`, { servedAt: '2026-07-21T10:00:00+08:00' });
      // Served Tue 2026-07-21: re-examination requested by Thu 2026-08-20.
      expect(reviewServed.review).toMatchObject({ servedAt: bj('2026-07-21T10:00:00').toISOString(), nextRequestDueAt: endOf('2026-08-20') });
      expect((await review.post<ApiErrorBody>(`/cases/${c.id}/review/service`, {})).status).toBe(409);

      clock.set(bj('2026-08-21T09:00:00'));
      const late = await clerk.post<ApiErrorBody>(`/cases/${c.id}/reexamination`, { channel: 'letter', grounds: '仍不服' });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 422, code: 'HANDLING.REEXAMINATION_WINDOW_PASSED' });
      // The letter was posted in time (received date given), so it counts.
      const reexam = await ok(clerk, `/cases/${c.id}/reexamination`, { channel: 'letter', grounds: '仍不服', requestedAt: '2026-08-20T18:00:00+08:00' });
      // Day 30 is Sat 2026-09-19; Sun 2026-09-20 is a make-up working day (国庆节调休上班), so the limit ends with it.
      expect(reexam).toMatchObject({ status: 'reexamination_requested', reexamination: { dueAt: endOf('2026-09-20') } });

      const rehandle = await review.post<ApiErrorBody>(`/cases/${c.id}/reexamination/decision`, { outcome: 'rehandle', reasoning: 'x' });
      expect({ status: rehandle.status, code: rehandle.body.code }).toEqual({ status: 422, code: 'HANDLING.REEXAMINATION_OUTCOME' });
      const terminated = await ok(review, `/cases/${c.id}/reexamination/decision`, { outcome: 'uphold', reasoning: '复核维持。' });
      expect(terminated.status).toBe('terminated');
      const event = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.terminated.v1', payload: { caseId: c.id } });
      expect(event.data['payload']).toEqual({
        caseId: c.id,
        petitionId: c.petitionId,
        caseNumber: c.caseNumber,
        workUnit: 'LABOUR',
        ground: 'reexamination_decided',
        terminatedAt: bj('2026-08-21T09:00:00').toISOString(),
      });
      const history = await historyOf(c.id);
      expect(history.slice(-3).map((h) => [h.action, h.from, h.to, h.by])).toEqual([
        ['request_reexamination', 'review_decided', 'reexamination_requested', 'clerk-01'],
        ['decide_reexamination', 'reexamination_requested', 'reexamination_decided', 'reviewer-zhao'],
        ['terminate', 'reexamination_decided', 'terminated', 'system'],
      ]);
      // Terminated: nothing more is accepted.
      expect((await clerk.post(`/cases/${c.id}/review`, { channel: 'visit', grounds: '再次' })).status).toBe(409);
    });

    it('orders re-handling: the original unit works the case again with a new 60-day limit and decides anew', async () => {
      clock.set(bj('2026-06-12T10:00:00'));
      const c = await served('2026-06-12T10:00:00+08:00');
      clock.set(bj('2026-06-15T10:00:00'));
      await ok(clerk, `/cases/${c.id}/review`, { channel: 'clerk', grounds: '认定事实不清。' });
      clock.set(bj('2026-06-20T10:00:00'));
      const reopened = await ok(review, `/cases/${c.id}/review/decision`, { outcome: 'rehandle', reasoning: '事实不清，责令重新办理。' });
      // Sat 2026-06-20 + 60 days = Wed 2026-08-19.
      expect(reopened).toMatchObject({ status: 'investigating', workUnit: 'LABOUR', dueAt: endOf('2026-08-19') });
      const event = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.review.decided.v1', payload: { caseId: c.id } });
      expect(event.data['payload']).toMatchObject({ outcome: 'rehandle', dueAt: endOf('2026-08-19') });
      const queue = await labour.get<Page>('/queue?unit=LABOUR&status=investigating&pageSize=100');
      expect(queue.body.items.map((i) => i.id)).toContain(c.id);

      await ok(labour, `/cases/${c.id}/resolution`);
      const redecided = await ok(labour, `/cases/${c.id}/decision`, { ...aDecision, outcome: 'explain' });
      expect(redecided.decision!.outcome).toBe('explain');
      expect(redecided.supersededDecisions.map((d) => d.id)).toEqual([c.decision!.id]);
    });

    it('terminates a review decision when the re-examination window passes with no request', async () => {
      clock.set(bj('2026-06-12T10:00:00'));
      const c = await served('2026-06-12T10:00:00+08:00');
      await ok(clerk, `/cases/${c.id}/review`, { channel: 'clerk', grounds: '不服。' });
      await ok(review, `/cases/${c.id}/review/decision`, { outcome: 'change', reasoning: '部分变更。' });
      await ok(review, `/cases/${c.id}/review/service`, { servedAt: '2026-06-12T10:00:00+08:00' });
      clock.set(bj('2026-07-14T00:00:00'));
      await runTimers();
      expect((await caseById(c.id)).status).toBe('terminated');
      const event = await waitForEvent(handling.ns, { stream: 'HANDLING', type: 'handling.case.terminated.v1', payload: { caseId: c.id } });
      expect(event.data['payload']).toMatchObject({ ground: 'reexamination_window_passed' });
    });
  });

  describe('work queues (item 9)', () => {
    it('lists a unit’s cases overdue first, then by the nearest deadline; filters; assigns handlers; counts each handler’s load', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const unit: WorkUnit = 'ENTERPRISE';
      const handler = await handling.as({ roles: ['unit_handler'], units: [unit] });
      const head = await handling.as({ sub: 'head-ent', roles: ['unit_head'], units: [unit] });
      const early = await route({ workUnit: unit, responsibleBody: 'area:HX', acceptedAt: bj('2026-03-02T10:00:00').toISOString() });
      const late = await route({ workUnit: unit, responsibleBody: 'area:HX', acceptedAt: bj('2026-05-29T10:00:00').toISOString() });
      const middle = await route({ workUnit: unit, responsibleBody: 'area:HX', acceptedAt: bj('2026-04-20T10:00:00').toISOString() });

      const queue = await handler.get<Page>(`/queue?unit=${unit}`);
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((i) => i.id)).toEqual([early.id, middle.id, late.id]);
      expect(queue.body.items.map((i) => i.overdue)).toEqual([true, false, false]);
      expect((await handler.get<Page>(`/queue?unit=${unit}&overdue=true`)).body.items.map((i) => i.id)).toEqual([early.id]);
      // Another unit's queue is empty for this handler; the LABOUR handler sees none of these.
      expect((await labour.get<Page>(`/queue?unit=${unit}`)).body.total).toBe(0);
      const bad = await handler.get<ApiErrorBody>('/queue?unit=NOPE');
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'unit', rule: 'isIn' })]);

      expect((await handler.post(`/cases/${early.id}/handler`, { handler: 'h-1' })).status).toBe(403);
      await ok(head, `/cases/${early.id}/handler`, { handler: 'handler-zhang' });
      await ok(head, `/cases/${middle.id}/handler`, { handler: 'handler-zhang' });
      expect((await handler.get<Page>(`/queue?unit=${unit}&handler=handler-zhang`)).body.items.map((i) => i.id)).toEqual([early.id, middle.id]);
      expect((await handler.get<Page>(`/queue?unit=${unit}&unassigned=true`)).body.items.map((i) => i.id)).toEqual([late.id]);
      const load = await head.get<{ handlers: Array<{ unit: string; handler: string | null; cases: number; overdue: number }> }>(`/queue/load?unit=${unit}`);
      expect(load.body.handlers).toEqual([
        { unit, handler: 'handler-zhang', cases: 2, overdue: 1 },
        { unit, handler: null, cases: 1, overdue: 0 },
      ]);
    });
  });

  describe('history and withdrawal (items 10, 1)', () => {
    it('records every action with who, roles, when, from and to, append-only, and ends a withdrawn case', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      await ok(labour, `/cases/${c.id}/acceptance`, { note: '已电话联系信访人。' });
      clock.set(bj('2026-06-02T09:00:00'));
      const withdrawn = await ok(clerk, `/cases/${c.id}/withdrawal`, { reason: '信访人书面撤回。' });
      expect(withdrawn.status).toBe('withdrawn');
      const history = await historyOf(c.id);
      expect(history).toEqual([
        expect.objectContaining({ action: 'open', from: null, to: 'assigned', by: 'system', at: bj('2026-06-01T09:00:00').toISOString() }),
        { action: 'accept', from: 'assigned', to: 'accepted', by: 'handler-li', roles: ['unit_handler'], at: bj('2026-06-01T09:00:00').toISOString(), what: '已电话联系信访人。' },
        expect.objectContaining({ action: 'withdraw', from: 'accepted', to: 'withdrawn', by: 'clerk-01', roles: ['intake_clerk'], what: expect.stringContaining('信访人书面撤回') }),
      ]);
      const changes = await waitForEvents(handling.ns, { stream: 'HANDLING', type: 'handling.case.state-changed.v1', payload: { caseId: c.id } }, 2);
      expect(changes.map((m) => (m.data['payload'] as Record<string, string>)['to'])).toEqual(['accepted', 'withdrawn']);
      expect((await labour.post(`/cases/${c.id}/investigation`, {})).status).toBe(409);
      // Another unit's staff cannot read the history either.
      const urban = await handling.as({ roles: ['unit_handler'], units: ['URBAN_ENV'] });
      expect((await urban.get(`/cases/${c.id}/history`)).status).toBe(404);
    });

    it('ends a case as merged when intake merges its petition, and ignores a merge of a decided one', async () => {
      clock.set(bj('2026-06-01T09:00:00'));
      const c = await route();
      const merged = (petitionId: string) =>
        createEnvelope(
          PETITION_MERGED_V1,
          {
            petitionId,
            caseNumber: '220106-2026-000100',
            mergedIntoPetitionId: randomUUID(),
            mergedIntoCaseNumber: '220106-2026-000099',
            mergedCaseNumber: 'H-2026-0001',
            mergedAt: bj('2026-06-01T09:00:00').toISOString(),
          },
          { correlationId: `corr-merge-${petitionId}` },
        );
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, merged(c.petitionId));
      const after = await waitFor(
        async () => {
          const k = await caseById(c.id);
          return k.status === 'merged' ? k : undefined;
        },
        { description: 'the case merged' },
      );
      expect((await historyOf(after.id)).at(-1)).toMatchObject({ action: 'merge', from: 'assigned', to: 'merged', by: 'system' });

      const decided = await resolving();
      await ok(labour, `/cases/${decided.id}/decision`, aDecision);
      const late = merged(decided.petitionId);
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, late);
      await waitFor(() => handling.logs.some((l) => l.includes('"msg":"event handled"') && l.includes(late.id)), { description: 'the merge handled' });
      expect((await caseById(decided.id)).status).toBe('decided');
    });

    it('is not told the petitioner’s personal data by any event', async () => {
      const all = await findEvents(handling.ns, { stream: 'HANDLING' });
      expect(all.length).toBeGreaterThan(20);
      const text = JSON.stringify(all.map((m) => m.data));
      for (const secret of ['经调查核实', '欠薪属实', '18600', '信访人书面撤回']) expect(text).not.toContain(secret);
    });
  });
});

