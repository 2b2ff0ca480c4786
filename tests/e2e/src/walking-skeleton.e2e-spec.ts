import { generateKey } from '@pdmc/privacy';
import {
  createTestAuth,
  createTestNamespace,
  findPersonalData,
  http,
  startServiceProcess,
  waitFor,
  type ServiceName,
  type ServiceProcess,
  type TestAuth,
  type TestNamespace,
} from '@pdmc/testing';

/**
 * The five services as separate processes on the real servers, talking only over NATS
 * JetStream: a petition registered at intake is routed to a work unit and becomes a case.
 */
describe('petition to case across all five services', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling', 'emergency', 'funds'];
  let ns: TestNamespace;
  let auth: TestAuth;
  const running = {} as Record<ServiceName, ServiceProcess>;
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

  beforeAll(async () => {
    ns = createTestNamespace('e2e');
    auth = await createTestAuth();
    const pii = { PII_KEYS: `e2e1:${generateKey()}`, PII_ACTIVE_KEY_ID: 'e2e1', PII_INDEX_KEY: generateKey() };
    await Promise.all(
      SERVICES.map(async (service) => {
        running[service] = await startServiceProcess({
          service,
          env: {
            MONGO_URL: ns.mongoUrl,
            MONGO_DB: ns.dbName(service),
            NATS_URL: ns.natsUrl,
            BUS_PREFIX: ns.busPrefix,
            OUTBOX_POLL_MS: '250',
            // A killed consumer's unacknowledged messages come back after this long.
            ACK_WAIT_MS: '3000',
            LOG_LEVEL: 'info',
            ...auth.env,
            ...(service === 'intake' ? pii : {}),
          },
        });
        clients[service] = http(running[service].baseUrl, await auth.headers(READER[service]));
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(Object.values(running).map((p) => p.stop()));
    await ns?.cleanup();
    auth?.cleanup();
  });

  it('given a registered pension complaint, when it flows through, then the labour unit owns a case due in 60 days', async () => {
    const registered = await api('intake').post<{ id: string; caseNumber: string }>('/petitions', aPetition({ petitioners: [PERSON] }), {
      'x-correlation-id': 'corr-e2e-skeleton-1',
    });
    expect(registered.status).toBe(201);
    const petition = registered.body as { id: string; caseNumber: string };

    const theCase = await waitFor(() => caseOf(petition.id), { description: 'a case for the petition', timeoutMs: 20_000 });
    expect(theCase).toMatchObject({
      petitionId: petition.id,
      caseNumber: petition.caseNumber,
      workUnit: 'LABOUR',
      responsibleBody: 'dept:human-resources-social-security',
      status: 'open',
    });
    const openedAt = new Date(theCase['openedAt'] as string).getTime();
    expect(new Date(theCase['dueAt'] as string).getTime() - openedAt).toBe(60 * 24 * 3600 * 1000);

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
    const item = await waitFor(
      async () => {
        const res = await api('emergency').get(`/watch-items/${id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'a watch item' },
    );
    expect(item).toMatchObject({ petitionId: id, riskLevel: 'high', reasons: ['threatOfExtremeAction', 'collective'] });
  });

  it('given routing is killed mid-flight, when petitions arrive meanwhile, then after restart each gets exactly one case', async () => {
    await running.routing.kill();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api('intake').post<{ id: string }>('/petitions', aPetition({ categoryId: 50 + i }), {
        'idempotency-key': `e2e-crash-${ns.id}-${i}`,
      });
      expect(res.status).toBe(201);
      ids.push((res.body as { id: string }).id);
    }
    // A client retry after the crash changes nothing.
    const retry = await api('intake').post<{ id: string }>('/petitions', aPetition({ categoryId: 50 }), {
      'idempotency-key': `e2e-crash-${ns.id}-0`,
    });
    expect(retry.status).toBe(200);
    expect((retry.body as { id: string }).id).toBe(ids[0]);

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
});
