import type { WorkUnit } from '@pdmc/contracts';
import { http, waitFor, type ServiceName, type TestAuth } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';
import { TestClock } from './test-clock';

/**
 * Objections and joint meetings across intake, routing and handling as separate processes
 * (issue #13): a unit's objection on working day 4 after its assignment, across the New Year
 * holiday and a weekend, is accepted, one on day 6 is refused with the rule; a petition returned
 * three times is proposed for a joint meeting, and the meeting's lead unit and tasks (and each
 * task once done) reach the case in handling.
 *
 * The clock. The services are separate processes and cannot share a ManualClock, and the
 * objection window counts from the moment handling assigns the case, which no request can
 * backdate. So every process runs on one test clock: `PDMC_TEST_CLOCK_FILE` names a file holding
 * an offset from real time, which the services read at every "now" only under `NODE_ENV=test`
 * (as `PDMC_FAULTS`, decision 0017; decision 0019). The test moves the file, never sleeps.
 * Production ignores the variable and always runs on real time.
 */
describe('objections within 5 working days, and a joint meeting for a thrice-returned petition', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling'];
  const clock = new TestClock();
  let system: RunningSystem;
  let auth: TestAuth;
  type Client = ReturnType<typeof http>;
  let clerk: Client;
  let dispatcher: Client;
  let commissioner: Client;
  let cases: Client;

  const at = (service: ServiceName) => system.running[service].baseUrl;
  const unitHandler = async (unit: WorkUnit) => http(at('handling'), await auth.headers({ sub: `handler-${unit.toLowerCase()}`, roles: ['unit_handler'], units: [unit] }));

  beforeAll(async () => {
    // Wednesday 2026-12-30, 10:00 in Beijing: the cases are assigned on the last working days of the year.
    clock.set('2026-12-30T10:00:00+08:00');
    system = await startSystem('e2eobject', SERVICES, Object.fromEntries(SERVICES.map((s) => [s, clock.env])));
    auth = system.auth;
    clerk = http(at('intake'), await auth.headers({ sub: 'clerk-e2e', roles: ['intake_clerk'] }));
    dispatcher = http(at('routing'), await auth.headers({ sub: 'dispatcher-e2e', roles: ['dispatcher'] }));
    commissioner = http(at('routing'), await auth.headers({ sub: 'commissioner-e2e', roles: ['supervision_commissioner'] }));
    cases = http(at('handling'), await auth.headers({ sub: 'dispatcher-e2e', roles: ['dispatcher'] }));
  });

  afterAll(async () => {
    await system?.stop();
    clock.remove();
  });

  let petitioners = 0;
  /** Given a wage petition (486: 劳动和社会保障/工资福利/其他) registered and accepted; the rules send it to LABOUR. */
  const acceptedPetition = async (): Promise<string> => {
    petitioners += 1;
    const res = await clerk.post<{ id: string }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 486,
      townCode: 'HX',
      subject: '工地欠薪',
      description: '反映某工地拖欠农民工工资三个月。',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [{ name: '钱永刚', phone: `1390432${String(petitioners).padStart(4, '0')}` }],
    });
    expect(res.status).toBe(201);
    const id = (res.body as { id: string }).id;
    expect((await clerk.post(`/petitions/${id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    return id;
  };

  interface CaseBody {
    id: string;
    status: string;
    workUnit: string;
    assignedAt: string;
  }
  type CaseMeeting = { meetingId: string; leadUnit: string; tasks: Array<{ taskId: string; assignee: string; description: string; dueAt: string; completedAt: string | null }> };
  /** The petition's case once it is assigned to `unit`. */
  const assignedCase = (petitionId: string, unit: string) =>
    waitFor(
      async () => {
        const res = await cases.get<{ items: CaseBody[]; total: number }>(`/cases?petitionId=${petitionId}`);
        const c = (res.body as { items: CaseBody[] }).items?.[0];
        return res.status === 200 && c?.status === 'assigned' && c.workUnit === unit ? c : undefined;
      },
      { description: `the case of ${petitionId} assigned to ${unit}`, timeoutMs: 30_000 },
    );
  const returned = async (petitionId: string, caseId: string, unit: WorkUnit) => {
    const res = await (await unitHandler(unit)).post<{ status: string }>(`/cases/${caseId}/return`, { reason: `不属于${unit}职责范围，请重新分派。` });
    expect(res.status).toBe(200);
    expect((res.body as { status: string }).status).toBe('returned');
    return waitFor(
      async () => {
        const d = (await dispatcher.get<{ status: string; bounces?: number; meetingId: string | null }>(`/routing-decisions/${petitionId}`)).body as {
          status: string;
          meetingId: string | null;
        };
        return d.status === 'awaiting_dispatch' ? d : undefined;
      },
      { description: `routing to take back ${petitionId}`, timeoutMs: 30_000 },
    );
  };

  let bounced: { petitionId: string; caseId: string };

  it('given two cases assigned on Wednesday 30 December, an objection on working day 4 is accepted and one on day 6 refused with the rule', async () => {
    const [first, second] = [await acceptedPetition(), await acceptedPetition()];
    const [a, b] = [await assignedCase(first, 'LABOUR'), await assignedCase(second, 'LABOUR')];
    expect(a.assignedAt.slice(0, 10)).toBe('2026-12-30');

    // Thursday 31 Dec is day 1; New Year's Day (Friday) and the weekend do not count; Mon 4, Tue 5, Wed 6 Jan are days 2-4.
    clock.set('2027-01-06T10:00:00+08:00');
    const taken = await returned(first, a.id, 'LABOUR');
    expect(taken.status).toBe('awaiting_dispatch');
    const desk = await dispatcher.get<{ items: Array<{ petitionId: string }> }>('/dispatch-desk?reason=returned&pageSize=100');
    expect((desk.body as { items: Array<{ petitionId: string }> }).items.map((i) => i.petitionId)).toContain(first);

    // Friday 8 January is day 6: the 5 working days ended at 24:00 on Thursday 7 January.
    clock.set('2027-01-08T10:00:00+08:00');
    const late = await (await unitHandler('LABOUR')).post<{ code: string; details: Array<{ field: string; rule: string }> }>(`/cases/${b.id}/return`, {
      reason: '不属于本单元职责范围。',
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'HANDLING.OBJECTION_WINDOW_PASSED', details: [{ field: 'returnedAt', rule: 'art23.within5WorkingDays' }] });
    expect((await cases.get<CaseBody>(`/cases/${b.id}`)).body).toMatchObject({ status: 'assigned', workUnit: 'LABOUR' });

    bounced = { petitionId: first, caseId: a.id };
  });

  it('given a petition returned three times, the joint meeting routing proposes sets its lead unit and tasks, and handling shows them on the case', async () => {
    const { petitionId, caseId } = bounced;
    // Returned once above; the dispatcher sends it on twice and each unit objects in time.
    let decision: { status: string; meetingId: string | null } = { status: 'awaiting_dispatch', meetingId: null };
    for (const [unit, body] of [
      ['MEDIATION_LEGAL', 'dept:justice'],
      ['URBAN_ENV', 'dept:housing-construction'],
    ] as const) {
      const sent = await dispatcher.post(`/routing-decisions/${petitionId}/dispatch`, { workUnit: unit, responsibleBody: body, reason: `改派${unit}` });
      expect(sent.status).toBe(200);
      await assignedCase(petitionId, unit);
      decision = await returned(petitionId, caseId, unit);
    }
    const proposed = await waitFor(
      async () => {
        const d = (await dispatcher.get<{ meetingId: string | null }>(`/routing-decisions/${petitionId}`)).body as { meetingId: string | null };
        return d.meetingId ?? undefined;
      },
      { description: 'a joint meeting proposed', timeoutMs: 30_000 },
    );
    expect(decision.status).toBe('awaiting_dispatch');

    const convened = await commissioner.post(`/meetings/${proposed}/convene`, {
      participants: ['LABOUR', 'MEDIATION_LEGAL', 'URBAN_ENV', 'dept:housing-construction'],
      agenda: '工地欠薪件三次退回，明确牵头单位及各方责任',
      scheduledAt: '2027-01-11T09:00:00+08:00',
      place: '中心三楼会议室',
    });
    expect(convened.status).toBe(200);
    const tasks = [
      { assignee: 'LABOUR', description: '牵头约谈施工企业，督促十日内足额支付拖欠工资', dueAt: '2027-01-21T17:00:00+08:00' },
      { assignee: 'dept:housing-construction', description: '核查工程款拨付情况并报送牵头单元', dueAt: '2027-01-18T17:00:00+08:00' },
    ];
    clock.set('2027-01-11T11:00:00+08:00');
    const concluded = await commissioner.post(`/meetings/${proposed}/conclusion`, { leadUnit: 'LABOUR', tasks, minutes: '会议议定：劳动保障单元牵头，住建局配合核查工程款。' });
    expect(concluded.status).toBe(200);

    const meetings = await waitFor(
      async () => {
        const res = await cases.get<{ items: CaseMeeting[] }>(`/cases/${caseId}/meetings`);
        return res.status === 200 && (res.body as { items: CaseMeeting[] }).items.length ? (res.body as { items: CaseMeeting[] }).items : undefined;
      },
      { description: 'the meeting on the case in handling', timeoutMs: 30_000 },
    );
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ meetingId: proposed, leadUnit: 'LABOUR' });
    expect(meetings[0].tasks.map((t) => [t.assignee, t.description, Date.parse(t.dueAt)])).toEqual(
      tasks.map((t) => [t.assignee, t.description, Date.parse(t.dueAt)]),
    );

    // The commissioner marks the housing bureau's task done; the case in handling shows it.
    const bodyTask = meetings[0].tasks.find((t) => t.assignee === 'dept:housing-construction')!;
    expect((await commissioner.post(`/meetings/${proposed}/tasks/${bodyTask.taskId}/completion`, { note: '住建局已报送核查结果' })).status).toBe(200);
    const done = await waitFor(
      async () => {
        const items = ((await cases.get<{ items: CaseMeeting[] }>(`/cases/${caseId}/meetings`)).body as { items: CaseMeeting[] }).items;
        return items[0]?.tasks.find((t) => t.taskId === bodyTask.taskId)?.completedAt ? items[0] : undefined;
      },
      { description: 'the task done on the case in handling', timeoutMs: 30_000 },
    );
    expect(done.tasks.filter((t) => t.completedAt).map((t) => t.assignee)).toEqual(['dept:housing-construction']);
  });
});
