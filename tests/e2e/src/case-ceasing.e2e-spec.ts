import { http, waitFor, type ServiceName, type TestAuth } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';
import { TestClock } from './test-clock';

/**
 * A case that ceases (息访) across intake, routing and handling as separate processes (issue
 * #12): the LABOUR unit gets one extension, which the petitioner's look-up at intake shows with
 * its new date and reason; the unit decides and serves the decision; no review is asked for, and
 * once the 30-day window has passed the case ceases on its own.
 *
 * The clock: the review window runs 30 days from the service of the decision, which may not be
 * dated in the future, so no request can put the window in the past. Every process runs on one
 * test clock (`PDMC_TEST_CLOCK_FILE`, read only under `NODE_ENV=test`; decision 0019) and the test
 * moves it past the window; handling's timer job, polling every second here, does the rest.
 */
describe('a case ceasing when its review window passes, after an extension the petitioner can see', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling'];
  const PERSON = { name: '孙秀英', phone: '13604318822' };
  const clock = new TestClock();
  let system: RunningSystem;
  let auth: TestAuth;
  type Client = ReturnType<typeof http>;
  let clerk: Client;
  let handler: Client;
  let head: Client;
  let petitioner: Client;

  beforeAll(async () => {
    system = await startSystem(
      'e2ecease',
      SERVICES,
      Object.fromEntries(SERVICES.map((s) => [s, { ...clock.env, ...(s === 'handling' ? { CASE_TIMER_INTERVAL_MS: '1000' } : {}) }])),
    );
    auth = system.auth;
    const at = (service: ServiceName) => system.running[service].baseUrl;
    clerk = http(at('intake'), await auth.headers({ sub: 'clerk-sun', roles: ['intake_clerk'] }));
    handler = http(at('handling'), await auth.headers({ sub: 'handler-labour', roles: ['unit_handler'], units: ['LABOUR'] }));
    head = http(at('handling'), await auth.headers({ sub: 'head-labour', roles: ['unit_head'], units: ['LABOUR'] }));
    petitioner = http(at('intake'));
  });

  afterAll(async () => {
    await system?.stop();
    clock.remove();
  });

  const step = async (path: string, body: unknown = {}, client: Client = handler) => {
    const res = await client.post<{ status: string; dueAt: string; decision: { reviewRequestDueAt: string } | null }>(path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { status: string; dueAt: string; decision: { reviewRequestDueAt: string } | null };
  };

  it('given a decided and served case with an extension, when the review window passes with no request, then the case ceases', async () => {
    // Given: a pension petition (515) registered and accepted; routing sends it to LABOUR.
    const registered = await clerk.post<{ id: string; queryCode: string }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 515,
      townCode: 'HX',
      subject: '养老金核定有误',
      description: '信访人反映养老金核定基数有误，要求重新核定。',
      headcount: 1,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [PERSON],
    });
    expect(registered.status).toBe(201);
    const petition = registered.body as { id: string; queryCode: string };
    expect((await clerk.post(`/petitions/${petition.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    const opened = await waitFor(
      async () => {
        const res = await handler.get<{ items: Array<{ id: string; dueAt: string }>; total: number }>(`/cases?petitionId=${petition.id}`);
        return res.status === 200 && (res.body as { total: number }).total > 0 ? (res.body as { items: Array<{ id: string; dueAt: string }> }).items[0] : undefined;
      },
      { description: 'the case at the LABOUR unit', timeoutMs: 30_000 },
    );
    const c = `/cases/${opened.id}`;

    // The unit takes it and gets one extension of 20 days.
    await step(`${c}/acceptance`);
    await step(`${c}/investigation`);
    await step(`${c}/extension`, { days: 20, reason: '需调取原单位历年缴费记录重新核定。' });
    const extended = await step(`${c}/extension/decision`, { decision: 'approve' }, head);
    expect(Date.parse(extended.dueAt)).toBeGreaterThan(Date.parse(opened.dueAt));

    // The petitioner's look-up at intake shows the new limit and why.
    const lookedUp = await waitFor(
      async () => {
        const res = await petitioner.post<Record<string, unknown>>('/public/petition-status', {
          queryCode: petition.queryCode,
          phoneLast4: PERSON.phone.slice(-4),
        });
        const body = res.body as { extension?: unknown; handlingDueAt?: string };
        return res.status === 200 && body.extension ? body : undefined;
      },
      { description: 'the extension in the petitioner’s look-up', timeoutMs: 30_000 },
    );
    expect(lookedUp).toMatchObject({ extension: { days: 20, reason: '需调取原单位历年缴费记录重新核定。' } });
    expect(Date.parse(lookedUp.handlingDueAt as string)).toBe(Date.parse(extended.dueAt));

    // An investigation on record, the decision, its service today.
    await step(`${c}/resolutions`, { kind: 'investigation', summary: '经核查，原单位2019年至2021年缴费基数申报有误。' });
    await step(`${c}/resolution`);
    await step(`${c}/decision`, { outcome: 'support', request: '要求重新核定养老金', facts: '原单位缴费基数申报有误，影响养老金核定。', legalBasis: '《社会保险法》第十六条' });
    const served = await step(`${c}/service`, { method: '直接送达，信访人签收' });
    expect(served.status).toBe('served');
    const windowEnds = served.decision!.reviewRequestDueAt;

    // When the window has passed with no request for review, the case ceases on its own.
    clock.set(new Date(Date.parse(windowEnds) + 60_000));
    const ceased = await waitFor(
      async () => {
        const body = (await handler.get<{ status: string }>(c)).body as { status: string };
        return body.status === 'ceased' ? body : undefined;
      },
      { description: 'the case ceased', timeoutMs: 30_000 },
    );
    expect(ceased.status).toBe('ceased');
    const history = (await handler.get<{ items: Array<{ action: string; by: string }> }>(`${c}/history`)).body as { items: Array<{ action: string; by: string }> };
    expect(history.items.at(-1)).toMatchObject({ action: 'cease', by: 'system' });

    // The petitioner's look-up at intake shows the decision served and the case ceased, with the termination it brings.
    const ended = await waitFor(
      async () => {
        const res = await petitioner.post<Record<string, unknown>>('/public/petition-status', { queryCode: petition.queryCode, phoneLast4: PERSON.phone.slice(-4) });
        const body = res.body as { ending?: { ceasedAt: string | null; terminatedAt: string | null } | null };
        return body.ending?.ceasedAt && body.ending.terminatedAt ? res.body : undefined;
      },
      { description: 'the ending in the petitioner’s look-up', timeoutMs: 30_000 },
    );
    expect(ended).toMatchObject({ servedAt: expect.any(String), review: null, ending: { ground: 'review_window_passed' } });
  });
});
