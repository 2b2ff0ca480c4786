import { randomUUID } from 'node:crypto';
import { ManualClock } from '@pdmc/calendar';
import { CASE_CLOSED_V1, createEnvelope, SUPERVISION_ORDER_ESCALATED_V1, SUPERVISION_ORDER_ISSUED_V1, SUPERVISION_ORDER_REPLIED_V1 } from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { anAcceptedPetition, findEvents, publishEnvelope, startInProcess, waitFor, waitForEvent, type ApiErrorBody, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';
import { DeadlineScanJob } from '../src/supervision/application/deadline-scan.job';

/*
 * Supervision orders (督办单, issue 14 point 3) and bad input (point 7) against the real servers:
 * issued to the unit holding the case, answered only by that unit, escalated to listed
 * supervision (挂牌督办) naming the owning leader when unanswered, printable.
 */

interface OrderView {
  orderId: string;
  petitionId: string;
  workUnit: string;
  state: string;
  replyDueAt: string;
  reply: { text: string; late: boolean } | null;
  escalation: { ground: string; leaderId: string | null; leaderName: string | null } | null;
  allowedActions: string[];
}

const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('supervision orders (real servers, injected clock)', () => {
  const clock = new ManualClock('2026-12-01T09:00:00+08:00');
  let routing: InProcessService;
  let running: RunningService;
  let commissioner: HttpClient;
  let labourHead: HttpClient;
  let urbanHead: HttpClient;
  let director: HttpClient;

  beforeAll(async () => {
    routing = await startInProcess({
      label: 'routingorders',
      env: { SUPERVISION_SCAN_MS: '0' },
      start: async (env, logs) => (running = await startRouting(loadConfig(RoutingConfig, env), logs, { clock })),
    });
    commissioner = await routing.as({ sub: 'commissioner-01', roles: ['supervision_commissioner'] });
    labourHead = await routing.as({ sub: 'labour-head', roles: ['unit_head'], units: ['LABOUR'] });
    urbanHead = await routing.as({ sub: 'urban-head', roles: ['unit_head'], units: ['URBAN_ENV'] });
    director = await routing.as({ sub: 'director-01', roles: ['centre_director'] });
  });

  afterAll(async () => {
    await routing?.close();
  });

  /** A pension petition accepted today and routed by the rules to LABOUR. */
  const labourPetition = async () => {
    const event = anAcceptedPetition({ receivedAt: bj('2026-11-30T10:00:00'), acceptedAt: bj('2026-12-01T09:00:00') });
    await publishEnvelope(routing.ns.natsUrl, routing.ns.busPrefix, event);
    await waitFor(async () => ((await commissioner.get(`/routing-decisions/${event.payload.petitionId}`)).status === 200 ? true : undefined), { description: 'routed' });
    return event.payload;
  };

  it('issues an order to the unit holding the case, which alone may answer it, once', async () => {
    const petition = await labourPetition();
    const issued = await commissioner.post<OrderView>('/supervision-orders', { petitionId: petition.petitionId, reason: '请于5日内报告办理进展' });
    expect(issued.status).toBe(201);
    // Five days from Tuesday 1 December: the end of Sunday 6 December moves to Monday 7 December.
    expect(issued.body).toMatchObject({ workUnit: 'LABOUR', state: 'issued', replyDueAt: bj('2026-12-07T24:00:00'), allowedActions: ['reply', 'escalate'] });
    const { orderId } = issued.body;
    await waitForEvent(routing.ns, { stream: 'ROUTING', type: SUPERVISION_ORDER_ISSUED_V1.subject, payload: { orderId } });

    // Another unit can neither see nor answer it, and nothing changes.
    expect((await urbanHead.get(`/supervision-orders/${orderId}`)).status).toBe(404);
    const wrong = await urbanHead.post<ApiErrorBody>(`/supervision-orders/${orderId}/reply`, { reply: '不是我们的' });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 404, code: 'SUPERVISION.ORDER_NOT_FOUND' });
    expect((await commissioner.get<OrderView>(`/supervision-orders/${orderId}`)).body).toMatchObject({ state: 'issued', reply: null });

    const replied = await labourHead.post<OrderView>(`/supervision-orders/${orderId}/reply`, { reply: '已约谈信访人，月底前出具意见书' });
    expect(replied.body).toMatchObject({ state: 'replied', reply: { text: '已约谈信访人，月底前出具意见书', late: false }, allowedActions: [] });
    await waitForEvent(routing.ns, { stream: 'ROUTING', type: SUPERVISION_ORDER_REPLIED_V1.subject, payload: { orderId, timeliness: 'on_time' } });
    const again = await labourHead.post<ApiErrorBody>(`/supervision-orders/${orderId}/reply`, { reply: '再次回复' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'SUPERVISION.ORDER_STATE' });
    expect(again.body.message).toMatch(/replied/);
  });

  it('escalates an unanswered order to listed supervision naming the owning leader, once, and prints it', async () => {
    clock.set(bj('2026-12-01T09:00:00'));
    const petition = await labourPetition();
    expect((await director.post('/leader-cases', { petitionId: petition.petitionId, leaderId: 'deputy-02', leaderName: '张副主任', note: '包案化解' })).status).toBe(201);
    const { orderId } = (await commissioner.post<OrderView>('/supervision-orders', { petitionId: petition.petitionId, reason: '逾期未办结' })).body;

    // Before the deadline nothing happens; after it, one scan escalates it.
    clock.set(bj('2026-12-07T23:00:00'));
    await running.app.get(DeadlineScanJob).runOnce();
    expect((await commissioner.get<OrderView>(`/supervision-orders/${orderId}`)).body.state).toBe('issued');
    clock.set(bj('2026-12-08T09:00:00'));
    await running.app.get(DeadlineScanJob).runOnce();
    await running.app.get(DeadlineScanJob).runOnce();
    const order = (await commissioner.get<OrderView>(`/supervision-orders/${orderId}`)).body;
    expect(order).toMatchObject({ state: 'escalated', escalation: { ground: 'unanswered', leaderId: 'deputy-02', leaderName: '张副主任' }, allowedActions: ['reply'] });
    await waitForEvent(routing.ns, { stream: 'ROUTING', type: SUPERVISION_ORDER_ESCALATED_V1.subject, payload: { orderId } });
    expect(await findEvents(routing.ns, { stream: 'ROUTING', type: SUPERVISION_ORDER_ESCALATED_V1.subject, payload: { orderId } })).toHaveLength(1);

    const printed = await labourHead.get<string>(`/supervision-orders/${orderId}/print`);
    expect(printed.status).toBe(200);
    expect(printed.headers['content-type']).toMatch(/text\/html/);
    expect(printed.body).toContain('信访事项挂牌督办单');
    expect(printed.body).toContain(petition.caseNumber);
    expect(printed.body).toContain('张副主任');

    // A late reply is still taken, and marked late.
    expect((await labourHead.post<OrderView>(`/supervision-orders/${orderId}/reply`, { reply: '已办结' })).body).toMatchObject({ state: 'replied', reply: { late: true } });
  });

  it('lets a commissioner list a case only with its owning leader', async () => {
    clock.set(bj('2026-12-01T09:00:00'));
    const petition = await labourPetition();
    const { orderId } = (await commissioner.post<OrderView>('/supervision-orders', { petitionId: petition.petitionId, reason: '请报告' })).body;
    const noOwner = await commissioner.post<ApiErrorBody>(`/supervision-orders/${orderId}/escalation`, {});
    expect({ status: noOwner.status, code: noOwner.body.code }).toEqual({ status: 409, code: 'SUPERVISION.NO_OWNING_LEADER' });
    await director.post('/leader-cases', { petitionId: petition.petitionId, leaderId: 'director-01', leaderName: '李主任', note: '包案' });
    const wrongLeader = await commissioner.post<ApiErrorBody>(`/supervision-orders/${orderId}/escalation`, { leaderId: 'someone-else' });
    expect({ status: wrongLeader.status, details: wrongLeader.body.details }).toEqual({ status: 400, details: [expect.objectContaining({ field: 'leaderId', rule: 'owningLeader' })] });
    expect((await commissioner.get<OrderView>(`/supervision-orders/${orderId}`)).body.state).toBe('issued');
    const listed = await commissioner.post<OrderView>(`/supervision-orders/${orderId}/escalation`, { leaderId: 'director-01' });
    expect(listed.body).toMatchObject({ state: 'escalated', escalation: { ground: 'commissioner', leaderName: '李主任' } });
  });

  it('refuses an unknown case, a closed case and missing fields, storing nothing', async () => {
    const unknown = await commissioner.post<ApiErrorBody>('/supervision-orders', { petitionId: randomUUID(), reason: 'x' });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'SUPERVISION.CASE_NOT_FOUND' });
    const missing = await commissioner.post<ApiErrorBody>('/supervision-orders', { petitionId: 'not-a-uuid' });
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.details?.map((d) => d.field))].sort()).toEqual(['petitionId', 'reason']);

    const petition = await labourPetition();
    const caseId = randomUUID();
    await publishEnvelope(
      routing.ns.natsUrl,
      routing.ns.busPrefix,
      createEnvelope(CASE_CLOSED_V1, { caseId, petitionId: petition.petitionId, caseNumber: petition.caseNumber, workUnit: 'LABOUR', closedAt: bj('2026-12-01T10:00:00') }, { correlationId: 'corr-closed' }),
    );
    // Once supervision has counted the closure (the petition was received in November)...
    await waitFor(
      async () => ((await commissioner.get<{ rows: Array<{ counts: { closed: number } }> }>('/supervision/statistics?from=2026-11')).body.rows[0]?.counts.closed === 1 ? true : undefined),
      { description: 'the closure counted' },
    );
    const closed = await commissioner.post<ApiErrorBody>('/supervision-orders', { petitionId: petition.petitionId, reason: '请报告' });
    expect({ status: closed.status, code: closed.body.code }).toEqual({ status: 409, code: 'SUPERVISION.CASE_CLOSED' });
    const list = await commissioner.get<{ items: OrderView[] }>('/supervision-orders?pageSize=100');
    expect(list.body.items.filter((o) => o.petitionId === petition.petitionId)).toEqual([]);
  });
});
