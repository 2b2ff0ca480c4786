import { randomUUID } from 'node:crypto';
import { ManualClock } from '@pdmc/calendar';
import {
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  CASE_SERVED_V1,
  createEnvelope,
  EXTENSION_GRANTED_V1,
  OBLIGATION_OVERDUE_V1,
  OBLIGATION_WARNED_V1,
  REVIEW_REQUESTED_V1,
  TASK_ISSUED_V1,
  TASK_REPORTED_V1,
  type EventDefinition,
} from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { aRegisteredPetition, anAcceptedPetition, captureLogs, findEvents, publishEnvelope, startInProcess, waitFor, waitForEvents, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startRouting } from '../src/app';
import { RoutingConfig } from '../src/config/routing.config';
import { DeadlineScanJob } from '../src/supervision/application/deadline-scan.job';

/*
 * Supervision's watched deadlines (issue 14 points 1 and 2) against the real servers: obligations
 * kept from other services' events, counted on the calendar, warnings and overdue moments
 * announced exactly once by two instances sharing one database, and not again after a restart.
 */

interface QueueItem {
  obligationId: string;
  kind: string;
  petitionId: string | null;
  workUnit: string | null;
  dueAt: string | null;
  overdue: boolean;
  warnings: number;
}

const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('supervision: watched deadlines, warnings and overdue (two instances, injected clock)', () => {
  const clock = new ManualClock('2026-11-13T10:00:00+08:00');
  let a: InProcessService;
  let runningA: RunningService;
  let runningB: RunningService;
  let env: Record<string, string>;
  let commissioner: HttpClient;

  beforeAll(async () => {
    a = await startInProcess({
      label: 'routingsup',
      env: { SUPERVISION_SCAN_MS: '0' },
      start: async (e, logs) => {
        env = e;
        return (runningA = await startRouting(loadConfig(RoutingConfig, e), logs, { clock }));
      },
    });
    // A second instance on the same database and streams, with the same clock.
    runningB = await startRouting(loadConfig(RoutingConfig, env), captureLogs().destination, { clock });
    commissioner = await a.as({ sub: 'commissioner-01', roles: ['supervision_commissioner'] });
  });

  afterAll(async () => {
    await runningB?.close();
    await a?.close();
  });

  const publish = <P>(def: EventDefinition<P>, payload: P) => publishEnvelope(a.ns.natsUrl, a.ns.busPrefix, createEnvelope(def, payload, { correlationId: `corr-${randomUUID()}` }));
  const queue = async (query: string) => (await commissioner.get<{ items: QueueItem[]; total: number }>(`/supervision/queue?pageSize=100&${query}`)).body.items;
  const obligation = (id: string, query = '') =>
    waitFor(async () => (await queue(query)).find((o) => o.obligationId === id), { description: `obligation ${id} in the queue` });
  const gone = (id: string, query = '') =>
    waitFor(async () => ((await queue(query)).some((o) => o.obligationId === id) ? undefined : true), { description: `obligation ${id} closed` });
  const scanBoth = async () => {
    const [x, y] = await Promise.all([runningA.app.get(DeadlineScanJob).runOnce(), runningB.app.get(DeadlineScanJob).runOnce()]);
    return x + y;
  };

  it('watches acceptance from registration, warns at 70% and announces overdue once, with two instances scanning at once', async () => {
    // Given a petition received on Friday 2026-11-13 (domain.md §4: due at the end of Monday 30 November).
    const registered = aRegisteredPetition({ receivedAt: bj('2026-11-13T10:00:00') });
    const { petitionId } = registered.payload;
    await publishEnvelope(a.ns.natsUrl, a.ns.busPrefix, registered);
    const acceptance = await obligation(`acceptance:${petitionId}`, 'kind=acceptance');
    expect(acceptance).toMatchObject({ kind: 'acceptance', dueAt: bj('2026-11-30T24:00:00'), overdue: false });

    // Before the 70% point nothing is due.
    clock.set(bj('2026-11-24T12:00:00'));
    expect(await scanBoth()).toBe(0);

    // When both instances scan past the 70% point, exactly one warning is announced.
    clock.set(bj('2026-11-26T09:00:00'));
    expect(await scanBoth()).toBe(1);
    const warned = await waitForEvents(a.ns, { stream: 'ROUTING', type: OBLIGATION_WARNED_V1.subject, payload: { obligationId: `acceptance:${petitionId}` } }, 1);
    expect(warned[0].data.payload).toMatchObject({ kind: 'acceptance', share: 0.7, dueAt: bj('2026-11-30T24:00:00'), petitionId });
    expect(await scanBoth()).toBe(0);

    // When the deadline passes unseen by any scan, the overdue moment is announced, once (the 90% warning is not worth it any more).
    clock.set(bj('2026-12-01T08:00:00'));
    expect(await scanBoth()).toBe(1);
    await waitForEvents(a.ns, { stream: 'ROUTING', type: OBLIGATION_OVERDUE_V1.subject, payload: { obligationId: `acceptance:${petitionId}` } }, 1);
    expect(await scanBoth()).toBe(0);
    expect(await findEvents(a.ns, { stream: 'ROUTING', type: OBLIGATION_WARNED_V1.subject, payload: { obligationId: `acceptance:${petitionId}` } })).toHaveLength(1);
    expect(await findEvents(a.ns, { stream: 'ROUTING', type: OBLIGATION_OVERDUE_V1.subject, payload: { obligationId: `acceptance:${petitionId}` } })).toHaveLength(1);

    // The queue shows it overdue, before anything due later.
    const items = await queue('');
    expect(items[0]).toMatchObject({ obligationId: `acceptance:${petitionId}`, overdue: true, warnings: 1 });

    // After a restart of one instance, nothing is announced again.
    await runningB.close();
    runningB = await startRouting(loadConfig(RoutingConfig, env), captureLogs().destination, { clock });
    expect(await scanBoth()).toBe(0);

    // Accepted late: the acceptance obligation is met; the 60-day handling limit starts.
    await publishEnvelope(a.ns.natsUrl, a.ns.busPrefix, anAcceptedPetition({ ...registered.payload, acceptedAt: bj('2026-12-01T09:00:00') }));
    await gone(`acceptance:${petitionId}`, 'kind=acceptance');
    // 60 days from Tuesday 1 December 2026 end on Saturday 30 January 2027: moved to Monday 1 February.
    expect(await obligation(`handling:${petitionId}`, 'kind=handling')).toMatchObject({ dueAt: bj('2027-02-01T24:00:00'), overdue: false });
  });

  it('keeps a case’s deadlines from handling’s events: objection window, tasks, extension, decision, review window and review', async () => {
    clock.set(bj('2026-12-01T10:00:00'));
    const accepted = anAcceptedPetition({ receivedAt: bj('2026-11-30T10:00:00'), acceptedAt: bj('2026-12-01T09:00:00') });
    const { petitionId, caseNumber } = accepted.payload;
    const caseId = randomUUID();
    await publishEnvelope(a.ns.natsUrl, a.ns.busPrefix, accepted);
    await obligation(`handling:${petitionId}`, 'kind=handling');

    // Given a case opened at LABOUR on Tuesday 1 December: 5 working days to object, to Tuesday 8 December.
    await publish(CASE_OPENED_V1, { caseId, petitionId, caseNumber, workUnit: 'LABOUR', responsibleBody: 'dept:labour-inspection', openedAt: bj('2026-12-01T10:00:00'), dueAt: bj('2027-02-01T24:00:00') });
    expect(await obligation(`objection:${caseId}:LABOUR`, 'kind=objection')).toMatchObject({ workUnit: 'LABOUR', dueAt: bj('2026-12-08T24:00:00') });

    // A task to a responsible body, reported: watched, then met.
    const taskId = randomUUID();
    await publish(TASK_ISSUED_V1, { caseId, petitionId, caseNumber, workUnit: 'LABOUR', taskId, body: 'dept:labour-inspection', issuedAt: bj('2026-12-02T10:00:00'), dueAt: bj('2026-12-10T18:00:00') });
    expect(await obligation(`task:${taskId}`, 'kind=task')).toMatchObject({ dueAt: bj('2026-12-10T18:00:00') });
    await publish(TASK_REPORTED_V1, { caseId, petitionId, caseNumber, workUnit: 'LABOUR', taskId, body: 'dept:labour-inspection', reportedAt: bj('2026-12-09T10:00:00'), late: false });
    await gone(`task:${taskId}`, 'kind=task');

    // An approved extension of 30 days moves the handling limit from its last day (1 February 2027 → 3 March 2027).
    await publish(EXTENSION_GRANTED_V1, { caseId, petitionId, caseNumber, workUnit: 'LABOUR', extensionId: randomUUID(), days: 30, reason: '需补充调查', previousDueAt: bj('2027-02-01T24:00:00'), dueAt: bj('2027-03-03T24:00:00'), grantedAt: bj('2027-01-20T10:00:00') });
    await waitFor(async () => ((await queue('kind=handling')).find((o) => o.obligationId === `handling:${petitionId}`)?.dueAt === bj('2027-03-03T24:00:00') ? true : undefined), {
      description: 'the extended handling limit',
    });

    // The written decision meets it; serving it opens the petitioner's 30-day review window; a review request closes that and starts the review's 30 days.
    await publish(CASE_DECIDED_V1, { decisionId: randomUUID(), caseId, petitionId, caseNumber, workUnit: 'LABOUR', responsibleBody: 'dept:labour-inspection', outcome: 'support', decidedAt: bj('2027-02-10T10:00:00'), reviewRequestDueAt: bj('2027-03-12T24:00:00') });
    await gone(`handling:${petitionId}`, 'kind=handling');
    await publish(CASE_SERVED_V1, { caseId, petitionId, caseNumber, workUnit: 'LABOUR', decisionId: randomUUID(), servedAt: bj('2027-02-11T10:00:00'), reviewRequestDueAt: bj('2027-03-15T24:00:00') });
    expect(await obligation(`review-window:${caseId}`, 'kind=review_window')).toMatchObject({ dueAt: bj('2027-03-15T24:00:00') });
    await publish(REVIEW_REQUESTED_V1, { caseId, petitionId, caseNumber, workUnit: 'REVIEW', channel: 'clerk', requestedAt: bj('2027-03-01T10:00:00'), dueAt: bj('2027-03-31T24:00:00') });
    await gone(`review-window:${caseId}`, 'kind=review_window');
    expect(await obligation(`review:${caseId}`, 'kind=review')).toMatchObject({ workUnit: 'REVIEW', dueAt: bj('2027-03-31T24:00:00') });
  });

  it('shows a unit head only the unit’s obligations', async () => {
    const head = await a.as({ roles: ['unit_head'], units: ['REVIEW'] });
    const res = await head.get<{ items: QueueItem[] }>('/supervision/queue?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((o) => o.workUnit === 'REVIEW')).toBe(true);
  });
});
