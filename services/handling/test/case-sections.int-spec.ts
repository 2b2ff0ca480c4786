import { randomUUID } from 'node:crypto';
import {
  APPLICATION_APPROVED_V1,
  APPLICATION_CANCELLED_V1,
  APPLICATION_SUBMITTED_V1,
  APPLICATION_WITHDRAWN_V1,
  createEnvelope,
  DISBURSEMENT_RECORDED_V1,
  DISBURSEMENT_REVERSED_V1,
  MEETING_CONCLUDED_V1,
  MEETING_TASK_COMPLETED_V1,
  type EventDefinition,
} from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import { aRoutedPetition, publishEnvelope, startInProcess, waitFor, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startHandling } from '../src/app';
import { caseIdFor } from '../src/cases/domain/case-id';
import { HandlingConfig } from '../src/config/handling.config';

interface MeetingView {
  meetingId: string;
  leadUnit: string;
  concludedAt: string;
  tasks: Array<{ taskId: string; assignee: string; description: string; dueAt: string; completedAt: string | null }>;
}

interface SettlementView {
  applicationId: string;
  fundId: string;
  status: string;
  submittedAt: string | null;
  amountFen: number;
  approvedFen: number | null;
  disbursedFen: number;
  tranches: Array<{ disbursementId: string; amountFen: number; paidAt: string; reversedAt: string | null }>;
}


/**
 * The case view's sections built from other services' events (`GET /cases/{id}/meetings`,
 * `/settlements`), against the real servers: the
 * joint meetings routing concludes for the case (issue #13 point 4) and the settlements funds
 * approves and pays for it (issue #16 point 6). Each event is delivered twice, and funds' events
 * out of order, as JetStream may.
 */
describe('handling: joint meetings and settlements on the case view (real servers)', () => {
  let handling: InProcessService;
  let labour: HttpClient;
  let urban: HttpClient;

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handlingsections',
      start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs),
      env: { CASE_TIMER_INTERVAL_MS: '86400000' },
    });
    labour = await handling.as({ sub: 'handler-li', roles: ['unit_handler'], units: ['LABOUR'] });
    urban = await handling.as({ sub: 'handler-zhou', roles: ['unit_handler'], units: ['URBAN_ENV'] });
  });

  afterAll(async () => {
    await handling?.close();
  });

  /** Publishes an event twice under different message ids, so JetStream's de-duplication does not hide the second. */
  const deliverTwice = async <T extends object>(definition: EventDefinition<T>, payload: T): Promise<string> => {
    const event = createEnvelope(definition, payload, { correlationId: randomUUID() });
    await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event, { msgId: randomUUID() });
    return event.id;
  };
  const handled = (eventId: string) =>
    waitFor(() => handling.logs.some((l) => l.includes('"msg":"event handled"') && l.includes(`"eventId":"${eventId}"`)), { description: `event ${eventId} handled` });

  /** Given a LABOUR case opened from routing's decision. */
  const aCase = async (): Promise<{ caseId: string; petitionId: string }> => {
    const event = aRoutedPetition({ workUnit: 'LABOUR', responsibleBody: 'dept:human-resources-social-security', ruleId: 'LABOUR.wages', decisionId: randomUUID() });
    await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    const caseId = caseIdFor(event.payload.petitionId);
    await waitFor(async () => (await labour.get(`/cases/${caseId}`)).status === 200, { description: 'the case opened' });
    return { caseId, petitionId: event.payload.petitionId };
  };

  /** The case view's two sections, as a unit's handler reads them beside the case. */
  const viewOf = async (caseId: string): Promise<{ jointMeetings: MeetingView[]; settlements: SettlementView[] }> => {
    const meetings = await labour.get<{ items: MeetingView[] }>(`/cases/${caseId}/meetings`);
    const settlements = await labour.get<{ items: SettlementView[] }>(`/cases/${caseId}/settlements`);
    expect([meetings.status, settlements.status]).toEqual([200, 200]);
    return { jointMeetings: meetings.body.items, settlements: settlements.body.items };
  };

  it('given a case without meetings or money, shows both sections empty', async () => {
    const { caseId } = await aCase();
    expect(await viewOf(caseId)).toMatchObject({ jointMeetings: [], settlements: [] });
  });

  it('given a joint meeting concluded for two cases, shows each its lead unit, the tasks with their deadlines, and each task once done', async () => {
    const first = await aCase();
    const second = await aCase();
    const meetingId = randomUUID();
    const tasks = [
      { taskId: randomUUID(), assignee: 'LABOUR', description: '牵头约谈施工企业，十日内足额支付拖欠工资', dueAt: '2026-12-15T09:00:00.000Z' },
      { taskId: randomUUID(), assignee: 'dept:housing-construction', description: '核查工程款拨付情况', dueAt: '2026-12-10T09:00:00.000Z' },
    ];
    await deliverTwice(MEETING_CONCLUDED_V1, { meetingId, petitionIds: [first.petitionId, second.petitionId], leadUnit: 'LABOUR', tasks, concludedAt: '2026-12-03T03:00:00.000Z' });

    for (const { caseId } of [first, second]) {
      const view = await waitFor(async () => {
        const v = await viewOf(caseId);
        return v.jointMeetings.length ? v : undefined;
      }, { description: `the meeting on case ${caseId}` });
      expect(view.jointMeetings).toEqual([{ meetingId, leadUnit: 'LABOUR', concludedAt: '2026-12-03T03:00:00.000Z', tasks: tasks.map((t) => ({ ...t, completedAt: null })) }]);
    }

    // The body's task is done: both cases show it, once however often it is announced.
    const petitionIds = [first.petitionId, second.petitionId];
    await deliverTwice(MEETING_TASK_COMPLETED_V1, { meetingId, petitionIds, taskId: tasks[1].taskId, assignee: tasks[1].assignee, completedAt: '2026-12-09T08:00:00.000Z' });
    for (const { caseId } of [first, second]) {
      const done = await waitFor(async () => {
        const m = (await viewOf(caseId)).jointMeetings[0];
        return m?.tasks[1].completedAt ? m : undefined;
      }, { description: `the task done on case ${caseId}` });
      expect(done.tasks.map((t) => t.completedAt)).toEqual([null, '2026-12-09T08:00:00.000Z']);
    }
    // The meeting is part of the case: staff who may not see the case see nothing of it.
    expect((await urban.get(`/cases/${first.caseId}/meetings`)).status).toBe(404);
    expect((await urban.get(`/cases/${first.caseId}/settlements`)).status).toBe(404);
  });

  it('given a task done before its meeting’s conclusion arrives, shows the meeting with the task done once the conclusion comes', async () => {
    const { caseId, petitionId } = await aCase();
    const meetingId = randomUUID();
    const task = { taskId: randomUUID(), assignee: 'LABOUR', description: '约谈企业', dueAt: '2026-12-15T09:00:00.000Z' };
    await handled(await deliverTwice(MEETING_TASK_COMPLETED_V1, { meetingId, petitionIds: [petitionId], taskId: task.taskId, assignee: 'LABOUR', completedAt: '2026-12-05T08:00:00.000Z' }));
    expect((await viewOf(caseId)).jointMeetings).toEqual([]);
    await deliverTwice(MEETING_CONCLUDED_V1, { meetingId, petitionIds: [petitionId], leadUnit: 'LABOUR', tasks: [task], concludedAt: '2026-12-03T03:00:00.000Z' });
    const shown = await waitFor(async () => (await viewOf(caseId)).jointMeetings[0], { description: 'the meeting on the case' });
    expect(shown.tasks).toEqual([{ ...task, completedAt: '2026-12-05T08:00:00.000Z' }]);
  });

  it('given an application approved and paid in two tranches, one reversed, shows what was approved, paid and reversed', async () => {
    const { caseId } = await aCase();
    const applicationId = randomUUID();
    const facts = { applicationId, fundId: 'stability' as const, fiscalYear: 2026, kind: 'settlement' as const, caseId, workUnit: 'LABOUR' as const };
    const [d1, d2] = [randomUUID(), randomUUID()];

    // The first tranche arrives before the approval: each subject has its own consumer.
    await deliverTwice(DISBURSEMENT_RECORDED_V1, { ...facts, disbursementId: d1, amountFen: 10_000_000, totalDisbursedFen: 10_000_000, paidAt: '2026-11-20T02:00:00.000Z' });
    await deliverTwice(APPLICATION_SUBMITTED_V1, { ...facts, amountFen: 15_000_000, submittedAt: '2026-11-10T02:00:00.000Z' });
    await deliverTwice(APPLICATION_APPROVED_V1, { ...facts, amountFen: 15_000_000, approvedAt: '2026-11-15T02:00:00.000Z' });
    await deliverTwice(DISBURSEMENT_RECORDED_V1, { ...facts, disbursementId: d2, amountFen: 5_000_000, totalDisbursedFen: 15_000_000, paidAt: '2026-11-25T02:00:00.000Z' });

    const paid = await waitFor(async () => {
      const s = (await viewOf(caseId)).settlements[0];
      return s?.status === 'paid' && s.tranches.length === 2 && s.approvedFen !== null ? s : undefined;
    }, { description: 'the settlement paid in full' });
    expect(paid).toMatchObject({ applicationId, fundId: 'stability', amountFen: 15_000_000, approvedFen: 15_000_000, disbursedFen: 15_000_000 });
    expect(paid.tranches.map((t) => [t.disbursementId, t.amountFen, t.reversedAt])).toEqual([
      [d1, 10_000_000, null],
      [d2, 5_000_000, null],
    ]);

    // Finance corrects the second tranche by a reversing entry: it stays on record, marked reversed.
    await deliverTwice(DISBURSEMENT_REVERSED_V1, { ...facts, disbursementId: d2, amountFen: 5_000_000, totalDisbursedFen: 10_000_000, reversedAt: '2026-11-26T02:00:00.000Z' });
    const corrected = await waitFor(async () => {
      const s = (await viewOf(caseId)).settlements[0];
      return s?.tranches.some((t) => t.reversedAt) ? s : undefined;
    }, { description: 'the reversal on the case' });
    expect(corrected).toMatchObject({ status: 'approved', approvedFen: 15_000_000, disbursedFen: 10_000_000 });
    expect(corrected.tranches[1]).toMatchObject({ disbursementId: d2, reversedAt: '2026-11-26T02:00:00.000Z' });
  });

  it('given one application withdrawn and another cancelled after a tranche, shows them as such', async () => {
    const { caseId } = await aCase();
    const [withdrawnId, cancelledId] = [randomUUID(), randomUUID()];
    const facts = (applicationId: string) => ({ applicationId, fundId: 'stability' as const, fiscalYear: 2026, kind: 'settlement' as const, caseId, workUnit: 'LABOUR' as const });
    await deliverTwice(APPLICATION_WITHDRAWN_V1, { ...facts(withdrawnId), amountFen: 800_000, withdrawnAt: '2026-11-12T02:00:00.000Z' });
    await deliverTwice(APPLICATION_SUBMITTED_V1, { ...facts(withdrawnId), amountFen: 800_000, submittedAt: '2026-11-10T02:00:00.000Z' });
    await deliverTwice(APPLICATION_SUBMITTED_V1, { ...facts(cancelledId), amountFen: 2_000_000, submittedAt: '2026-11-11T02:00:00.000Z' });
    await deliverTwice(APPLICATION_APPROVED_V1, { ...facts(cancelledId), amountFen: 2_000_000, approvedAt: '2026-11-13T02:00:00.000Z' });
    await deliverTwice(DISBURSEMENT_RECORDED_V1, { ...facts(cancelledId), disbursementId: randomUUID(), amountFen: 500_000, totalDisbursedFen: 500_000, paidAt: '2026-11-14T02:00:00.000Z' });
    await deliverTwice(APPLICATION_CANCELLED_V1, { ...facts(cancelledId), amountFen: 2_000_000, cancelledAt: '2026-11-15T02:00:00.000Z' });
    const items = await waitFor(async () => {
      const s = (await viewOf(caseId)).settlements;
      return s.length === 2 && s.every((x) => x.submittedAt && (x.status === 'withdrawn' || x.status === 'cancelled')) && s[1]?.tranches.length === 1 ? s : undefined;
    }, { description: 'the withdrawn and the cancelled application on the case' });
    expect(items.map((s) => [s.applicationId, s.status, s.approvedFen, s.disbursedFen])).toEqual([
      [withdrawnId, 'withdrawn', null, 0],
      [cancelledId, 'cancelled', 2_000_000, 500_000],
    ]);
  });

  it('given a reward application, which names no case, keeps nothing', async () => {
    const { caseId } = await aCase();
    const applicationId = randomUUID();
    await deliverTwice(APPLICATION_SUBMITTED_V1, { applicationId, fundId: 'reward', fiscalYear: 2026, kind: 'reward', workUnit: 'LABOUR', amountFen: 500_000, submittedAt: '2026-11-10T02:00:00.000Z' });
    // A settlement for the case, published after the reward, shows the reward was passed over rather than pending.
    const settlementId = randomUUID();
    await deliverTwice(APPLICATION_SUBMITTED_V1, { applicationId: settlementId, fundId: 'stability', fiscalYear: 2026, kind: 'hardship_aid', caseId, workUnit: 'LABOUR', amountFen: 300_000, submittedAt: '2026-11-11T02:00:00.000Z' });
    const view = await waitFor(async () => {
      const v = await viewOf(caseId);
      return v.settlements.length ? v : undefined;
    }, { description: 'the hardship aid on the case' });
    expect(view.settlements.map((s) => [s.applicationId, s.status, s.amountFen])).toEqual([[settlementId, 'in_approval', 300_000]]);
  });
});
