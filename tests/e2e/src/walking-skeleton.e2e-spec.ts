import { findPersonalData, http, waitFor, waitForEvent, type ServiceName, type TestAuth, type TestNamespace } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * The five services as separate processes on the real servers, talking only over NATS
 * JetStream: a petition registered at intake and accepted by the clerk is routed to a work
 * unit and becomes a case; one not accepted goes nowhere.
 */
describe('petition to case across all five services', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling', 'emergency', 'funds'];
  let ns: TestNamespace;
  let auth: TestAuth;
  let system: RunningSystem;
  let running: RunningSystem['running'];
  const clients = {} as Record<ServiceName, ReturnType<typeof http>>;
  // The least-privileged role that may read what each step checks.
  const READER: Record<ServiceName, Parameters<TestAuth['token']>[0]> = {
    intake: { sub: 'clerk-e2e', roles: ['intake_clerk'] },
    routing: { roles: ['dispatcher'] },
    handling: { roles: ['dispatcher'] },
    emergency: { roles: ['emergency_duty_officer'] },
    funds: { roles: ['finance_officer'] },
  };
  const PERSON = { name: '李秀英', idNumber: '110101199003074514', phone: '13900139000', address: '长春市绿园区春城街道光明小区5栋' };

  const api = (service: ServiceName) => clients[service];

  /** Given a petition as a clerk registers it; category 515 is 劳动和社会保障/退休政策及待遇/退休金发放. */
  const aPetition = (over: Record<string, unknown> = {}) => ({
    channel: 'visit',
    itemClass: 'appeal',
    categoryId: 515,
    townCode: 'HX',
    subject: '退休金未按时发放',
    description: '原厂职工反映自今年三月起退休金未按时足额发放。',
    headcount: 1,
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    ...over,
  });

  async function caseOf(petitionId: string): Promise<Record<string, unknown> | undefined> {
    const res = await api('handling').get<{ items: Array<Record<string, unknown>>; total: number }>(
      `/cases?petitionId=${petitionId}`,
    );
    const body = res.body as { items: Array<Record<string, unknown>>; total: number };
    return res.status === 200 && body.total > 0 ? body.items[0] : undefined;
  }

  /** The clerk's acceptance decision (信访工作条例 art. 22-23); only an accepted petition is routed. */
  async function decide(petitionId: string, decision: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await api('intake').post<{ status: string }>(`/petitions/${petitionId}/acceptance-decision`, decision, headers);
    expect(res.status).toBe(200);
    return res.body as { status: string };
  }

  const accept = (petitionId: string, headers: Record<string, string> = {}) =>
    decide(petitionId, { decision: 'accept' }, headers);

  beforeAll(async () => {
    system = await startSystem('e2e', SERVICES);
    ({ ns, auth, running } = system);
    for (const service of SERVICES) clients[service] = http(running[service].baseUrl, await auth.headers(READER[service]));
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('given a registered pension complaint, when the clerk accepts it, then the labour unit owns a case due in 60 days', async () => {
    const flow = { 'x-correlation-id': 'corr-e2e-skeleton-1' };
    const registered = await api('intake').post<{ id: string; caseNumber: string }>('/petitions', aPetition({ petitioners: [PERSON] }), flow);
    expect(registered.status).toBe(201);
    const petition = registered.body as { id: string; caseNumber: string };
    expect(await accept(petition.id, flow)).toMatchObject({ status: 'accepted' });

    const theCase = await waitFor(() => caseOf(petition.id), { description: 'a case for the petition', timeoutMs: 20_000 });
    expect(theCase).toMatchObject({
      petitionId: petition.id,
      caseNumber: petition.caseNumber,
      workUnit: 'LABOUR',
      responsibleBody: 'dept:human-resources-social-security',
      status: 'assigned',
    });
    // 60 days from the centre's acceptance, ending at 24:00 Beijing time of the last day (moved past rest days).
    const acceptedAt = new Date(theCase['acceptedAt'] as string).getTime();
    const dueAt = new Date(theCase['dueAt'] as string);
    expect(dueAt.getUTCHours()).toBe(16);
    expect((dueAt.getTime() - acceptedAt) / (24 * 3600 * 1000)).toBeGreaterThan(60);
    expect((dueAt.getTime() - acceptedAt) / (24 * 3600 * 1000)).toBeLessThan(70);

    const decision = await api('routing').get(`/routing-decisions/${petition.id}`);
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({ workUnit: 'LABOUR', ruleId: 'LABOUR.social-security' });

    // Funds learns of the case from handling's event, never from handling's database.
    const settlementCase = await waitFor(
      async () => {
        const res = await api('funds').get(`/settlement-cases/${theCase['id']}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'funds to know the case' },
    );
    expect(settlementCase).toMatchObject({ caseId: theCase['id'], petitionId: petition.id, workUnit: 'LABOUR' });

    // The correlation id from the clerk's request reaches the logs of every service on the path,
    // and the petitioner's personal data reaches none of them.
    for (const service of ['intake', 'routing', 'handling'] as ServiceName[]) {
      expect(running[service].logs().some((line) => line.includes('corr-e2e-skeleton-1'))).toBe(true);
    }
    for (const service of SERVICES) {
      expect(findPersonalData(running[service].logs(), Object.values(PERSON))).toEqual([]);
    }
  });

  it('given a threat of extreme action, when registered, then emergency puts it on the duty officer’s watch list', async () => {
    const registered = await api('intake').post<{ id: string }>(
      '/petitions',
      aPetition({ threatOfExtremeAction: true, headcount: 6, categoryId: 304 }),
    );
    expect(registered.status).toBe(201);
    const id = (registered.body as { id: string }).id;
    // Risk is assessed at the front desk: emergency acts on registration, before any acceptance decision.
    const item = await waitFor(
      async () => {
        const res = await api('emergency').get(`/watch-items/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'a watch item' },
    );
    expect(item).toMatchObject({ petitionId: id, riskLevel: 'high', reasons: ['threatOfExtremeAction', 'collective'] });
  });

  it('given routing is killed mid-flight, when petitions arrive and are accepted meanwhile, then after restart each gets exactly one case', async () => {
    await running.routing.kill();
    const ids: string[] = [];
    const sent = Array.from({ length: 5 }, (_, i) => aPetition({ categoryId: 50 + i }));
    for (let i = 0; i < 5; i++) {
      const res = await api('intake').post<{ id: string }>('/petitions', sent[i], {
        'idempotency-key': `e2e-crash-${ns.id}-${i}`,
      });
      expect(res.status).toBe(201);
      ids.push((res.body as { id: string }).id);
    }
    // A client retry after the crash (the same body: a key is bound to its body) changes nothing.
    const retry = await api('intake').post<{ id: string }>('/petitions', sent[0], {
      'idempotency-key': `e2e-crash-${ns.id}-0`,
    });
    expect(retry.status).toBe(200);
    expect((retry.body as { id: string }).id).toBe(ids[0]);
    // The clerk accepts them all while routing is still down.
    for (const id of ids) expect(await accept(id)).toMatchObject({ status: 'accepted' });

    await running.routing.restart();
    for (const id of ids) {
      await waitFor(() => caseOf(id), { description: `a case for ${id}`, timeoutMs: 20_000 });
    }
    for (const id of ids) {
      const res = await api('handling').get<{ total: number }>(`/cases?petitionId=${id}`);
      expect((res.body as { total: number }).total).toBe(1);
    }
  });

  it('given handling is killed while cases are being opened, when it restarts, then every petition has exactly one case', async () => {
    const posted = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api('intake').post<{ id: string }>('/petitions', aPetition({ categoryId: 120 + i }))),
    );
    const ids = posted.map((r) => (r.body as { id: string }).id);
    await Promise.all(ids.map((id) => accept(id)));
    // Some events are mid-handling, some not yet delivered: a crash must lose and duplicate none.
    await running.handling.kill();
    await running.handling.restart();
    for (const id of ids) {
      await waitFor(() => caseOf(id), { description: `a case for ${id}`, timeoutMs: 20_000 });
    }
    for (const id of ids) {
      const res = await api('handling').get<{ total: number }>(`/cases?petitionId=${id}`);
      expect((res.body as { total: number }).total).toBe(1);
    }
  });

  it('given a petition the clerk does not accept, when its decision is out, then it is routed nowhere and no case opens', async () => {
    const posted = await api('intake').post<{ id: string }>('/petitions', aPetition({ categoryId: 515 }));
    expect(posted.status).toBe(201);
    const declined = (posted.body as { id: string }).id;
    expect(await decide(declined, { decision: 'not_accept', reason: 'outside_competence' })).toMatchObject({
      status: 'not_accepted',
    });
    await waitFor(
      async () => {
        const res = await api('intake').get<{ status: string }>(`/petitions/${declined}`);
        return res.status === 200 && (res.body as { status: string }).status === 'not_accepted' ? true : undefined;
      },
      { description: 'the petition to read not_accepted' },
    );
    // Intake's decision has left (the declined event is on the bus) ...
    await waitForEvent(ns, { stream: 'INTAKE', type: 'intake.petition.declined.v1', payload: { petitionId: declined } });
    // ... and the pipeline is live: a petition accepted after it reaches its case.
    const control = await api('intake').post<{ id: string }>('/petitions', aPetition({ categoryId: 515 }));
    const accepted = (control.body as { id: string }).id;
    await accept(accepted);
    await waitFor(() => caseOf(accepted), { description: 'a case for the accepted control petition', timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 2000));

    expect((await api('routing').get(`/routing-decisions/${declined}`)).status).toBe(404);
    const cases = await api('handling').get<{ total: number; items: unknown[] }>(`/cases?petitionId=${declined}`);
    expect(cases.status).toBe(200);
    expect(cases.body).toMatchObject({ total: 0, items: [] });
  });
});
