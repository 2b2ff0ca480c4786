import { residentIdCheckCharacter } from '@pdmc/privacy';
import { http, waitFor, type ServiceName, type TestAuth } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * A case's whole way through the work units, across the services: intake accepts, routing
 * routes, the LABOUR unit takes the case, gives the responsible body a task, gets one extension,
 * records a mediation and decides; the decision is served, reviewed and re-examined by the
 * REVIEW unit, and the case is terminated. Intake then refuses the same person's same matter.
 */
describe('a case from acceptance to termination, and the same matter refused afterwards', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling'];
  let system: RunningSystem;
  let auth: TestAuth;
  type Client = ReturnType<typeof http>;
  let clerk: Client;
  let handlingClerk: Client;
  let handler: Client;
  let head: Client;
  let liaison: Client;
  let reviewer: Client;

  const PERSON = { name: '孟凡军', idNumber: `22010619620415003${residentIdCheckCharacter('22010619620415003')}`, phone: '13604319911' };
  const BODY = 'dept:human-resources-social-security';

  beforeAll(async () => {
    system = await startSystem('e2e-term', SERVICES);
    auth = system.auth;
    const at = (service: ServiceName) => system.running[service].baseUrl;
    clerk = http(at('intake'), await auth.headers({ sub: 'clerk-meng', roles: ['intake_clerk'] }));
    handlingClerk = http(at('handling'), await auth.headers({ sub: 'clerk-meng', roles: ['intake_clerk'] }));
    handler = http(at('handling'), await auth.headers({ sub: 'handler-labour', roles: ['unit_handler'], units: ['LABOUR'] }));
    head = http(at('handling'), await auth.headers({ sub: 'head-labour', roles: ['unit_head'], units: ['LABOUR'] }));
    liaison = http(at('handling'), await auth.headers({ sub: 'liaison-hrss', roles: ['responsible_body_liaison'], bodies: [BODY] }));
    reviewer = http(at('handling'), await auth.headers({ sub: 'reviewer-01', roles: ['unit_handler'], units: ['REVIEW'] }));
  });

  afterAll(async () => {
    await system?.stop();
  });

  const register = async (subject: string) => {
    const res = await clerk.post<{ id: string; caseNumber: string; repeatOf?: { petitionId: string } }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 515,
      townCode: 'HX',
      subject,
      description: '原厂职工反映退休金自今年三月起停发。',
      headcount: 1,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [PERSON],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; caseNumber: string; repeatOf?: { petitionId: string } };
  };

  const step = async (client: Client, path: string, body: unknown = {}) => {
    const res = await client.post<{ status: string; tasks: Array<{ id: string }>; dueAt: string }>(path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { status: string; tasks: Array<{ id: string }>; dueAt: string };
  };

  it('given an accepted petition, when the units work it to termination, then intake refuses the same matter', async () => {
    const petition = await register('退休金停发');
    expect((await clerk.post(`/petitions/${petition.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);

    const opened = await waitFor(
      async () => {
        const res = await handler.get<{ items: Array<{ id: string; status: string; dueAt: string }>; total: number }>(`/cases?petitionId=${petition.id}`);
        return res.status === 200 && (res.body as { total: number }).total > 0 ? (res.body as { items: Array<{ id: string; dueAt: string }> }).items[0] : undefined;
      },
      { description: 'the case at the LABOUR unit', timeoutMs: 30_000 },
    );
    const c = `/cases/${opened.id}`;

    // The unit takes the case and gives the responsible body a task; the body reports; the unit accepts.
    expect((await step(handler, `${c}/acceptance`)).status).toBe('accepted');
    await step(handler, `${c}/investigation`);
    const withTask = await step(handler, `${c}/tasks`, {
      instructions: '请核实原单位欠缴社会保险费情况并督促补缴。',
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const taskId = withTask.tasks[0].id;
    await step(liaison, `${c}/tasks/${taskId}/report`, { findings: '原单位欠缴2026年3月起社会保险费。', actions: '已下达限期补缴通知。' });
    await step(handler, `${c}/tasks/${taskId}/review`, { decision: 'accept' });

    // One extension, approved by the head: the due date moves.
    await step(handler, `${c}/extension`, { days: 15, reason: '需等待补缴到账。' });
    const extended = await step(head, `${c}/extension/decision`, { decision: 'approve' });
    expect(Date.parse(extended.dueAt)).toBeGreaterThan(Date.parse(opened.dueAt));

    // A mediation on record, the decision, its service.
    await step(handler, `${c}/resolution`);
    await step(handler, `${c}/resolutions`, {
      kind: 'mediation',
      summary: '经调解，原单位同意补缴。',
      parties: ['信访人', '原单位'],
      terms: '原单位于本月底前补缴全部社会保险费。',
      heldOn: new Date().toISOString().slice(0, 10),
    });
    expect(
      (await step(handler, `${c}/decision`, { outcome: 'support', request: '要求恢复发放退休金', facts: '原单位欠缴社会保险费导致停发。', legalBasis: '《社会保险法》第六十三条', mediationAgreement: true })).status,
    ).toBe('decided');
    expect((await step(handler, `${c}/service`, { method: '直接送达' })).status).toBe('served');

    // Review and re-examination by the REVIEW unit; the re-examination terminates the case.
    await step(handlingClerk, `${c}/review`, { channel: 'visit', grounds: '对补缴期限有异议。' });
    expect((await step(reviewer, `${c}/review/decision`, { outcome: 'uphold', reasoning: '原处理意见正确，予以维持。' })).status).toBe('review_decided');
    await step(reviewer, `${c}/review/service`, {});
    await step(handlingClerk, `${c}/reexamination`, { channel: 'letter', grounds: '仍不服。' });
    expect((await step(reviewer, `${c}/reexamination/decision`, { outcome: 'uphold', reasoning: '复核维持。' })).status).toBe('terminated');

    // The same person's same matter is registered, then not accepted once intake learns of the
    // termination (whichever arrives first: the registration or handling's event).
    const p = await register('对复核意见不服，再次反映退休金');
    expect(p.repeatOf?.petitionId).toBe(petition.id);
    const again = await waitFor(
      async () => {
        const body = (await clerk.get<{ status: string; acceptance?: { reason?: string } }>(`/petitions/${p.id}`)).body as {
          status: string;
          acceptance?: { reason?: string };
        };
        return body.status !== 'registered' ? body : undefined;
      },
      { description: 'the same matter refused', timeoutMs: 45_000 },
    );
    expect(again).toMatchObject({ status: 'not_accepted', acceptance: { reason: 'terminated_after_reexamination' } });

    const history = await handler.get<{ items: Array<{ action: string }> }>(`${c}/history`);
    expect((history.body as { items: Array<{ action: string }> }).items.map((h) => h.action)).toEqual([
      'open',
      'accept',
      'start_investigation',
      'issue_task',
      'report_task',
      'accept_report',
      'request_extension',
      'grant_extension',
      'start_resolution',
      'record_resolution',
      'decide',
      'serve',
      'request_review',
      'decide_review',
      'serve_review',
      'request_reexamination',
      'decide_reexamination',
      'terminate',
    ]);
  });
});
