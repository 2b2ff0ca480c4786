import { findEvents, findPersonalData, http, waitFor, waitForEvents, type ServiceName, type TestAuth } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * A petition's whole life across the services, as the petitioner and the staff live it: an
 * online submission is classified and accepted at intake, routed, opened and decided by the
 * work unit, and the petitioner follows it with the query code and evaluates the decision. The
 * same person coming back about the same matter opens no second case; a threat heard later
 * reaches the emergency duty officer.
 */
describe('a petition’s life across the services', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling', 'emergency'];
  let system: RunningSystem;
  let auth: TestAuth;
  let running: RunningSystem['running'];
  let clerk: ReturnType<typeof http>;
  let handler: ReturnType<typeof http>;
  let dutyOfficer: ReturnType<typeof http>;
  let commissioner: ReturnType<typeof http>;
  let petitioner: ReturnType<typeof http>;

  const PERSON = { name: '韩淑珍', idNumber: '220106196803154524', phone: '13604317788' };

  interface Progress {
    caseNumber: string;
    status: string;
    workUnit: { code: string; name: string } | null;
    responsibleBody: { code: string; name: string | null } | null;
    handlingDueAt: string | null;
    decisions: Array<{ decisionId: string; outcome: string; evaluation: Record<string, unknown> }>;
  }

  const lookUp = async (queryCode: string) =>
    (await petitioner.post<Progress>('/public/petition-status', { queryCode, phoneLast4: PERSON.phone.slice(-4) })).body;

  const caseOf = async (petitionId: string) => {
    const res = await handler.get<{ items: Array<{ id: string; status: string }>; total: number }>(`/cases?petitionId=${petitionId}`);
    return res.body.total > 0 ? res.body.items[0] : undefined;
  };

  /** The unit takes the case, investigates, records its findings and turns to resolving: a decision may follow. */
  const workUntilDecidable = async (caseId: string) => {
    for (const [step, body] of [
      ['acceptance', {}],
      ['investigation', {}],
      ['resolutions', { kind: 'investigation', summary: '经调查核实信访人反映的情况。' }],
      ['resolution', {}],
    ] as const) {
      expect((await handler.post(`/cases/${caseId}/${step}`, body)).status).toBe(200);
    }
  };

  beforeAll(async () => {
    system = await startSystem('e2e-life', SERVICES);
    ({ auth, running } = system);
    clerk = http(running.intake.baseUrl, await auth.headers({ sub: 'clerk-han', roles: ['intake_clerk'] }));
    commissioner = http(running.intake.baseUrl, await auth.headers({ roles: ['supervision_commissioner'] }));
    petitioner = http(running.intake.baseUrl);
    handler = http(running.handling.baseUrl, await auth.headers({ sub: 'handler-labour', roles: ['unit_handler'], units: ['LABOUR'] }));
    dutyOfficer = http(running.emergency.baseUrl, await auth.headers({ roles: ['emergency_duty_officer'] }));
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('goes from an online submission to an evaluated decision, and a repeat visit opens no second case', async () => {
    // The petitioner submits online, without an account.
    const receipt = await petitioner.post<{ caseNumber: string; queryCode: string }>('/public/petitions', {
      ...PERSON,
      townCode: 'HX',
      itemClass: 'appeal',
      subject: '退休金停发三个月',
      description: '本人原为区属企业职工，今年八月起退休金停发，社保经办机构称需单位补缴。',
    });
    expect(receipt.status).toBe(201);
    const { queryCode } = receipt.body;

    // The clerk finds it in the queue, confirms the category and accepts it.
    const queue = await clerk.get<{ items: Array<{ id: string; caseNumber: string }> }>('/petitions/acceptance-queue?pageSize=100');
    const petition = queue.body.items.find((p) => p.caseNumber === receipt.body.caseNumber)!;
    expect(petition).toBeDefined();
    expect((await clerk.post(`/petitions/${petition.id}/classification`, { categoryId: 515 })).status).toBe(200);
    expect((await clerk.post(`/petitions/${petition.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);

    // Routing and handling take over; the petitioner sees the unit and the 60-day deadline.
    const opened = await waitFor(() => caseOf(petition.id), { description: 'the case at handling', timeoutMs: 30_000 });
    const routed = await waitFor(
      async () => {
        const p = await lookUp(queryCode);
        return p.workUnit && p.handlingDueAt ? p : undefined;
      },
      { description: 'unit and deadline in the look-up', timeoutMs: 30_000 },
    );
    expect(routed).toMatchObject({
      status: 'accepted',
      workUnit: { code: 'LABOUR', name: '劳动保障' },
      responsibleBody: { code: 'dept:human-resources-social-security', name: '区人力资源和社会保障局' },
    });

    // The same person comes back about the same matter: a repeat, and no second case.
    const again = await clerk.post<{ id: string; flags: { repeat: boolean }; repeatOf: { petitionId: string } }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 515,
      townCode: 'HX',
      subject: '再次反映：退休金停发',
      description: '曾于网上反映退休金停发，现到中心再次反映。',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [{ ...PERSON, phone: `+86 ${PERSON.phone}` }],
    });
    expect(again.status).toBe(201);
    expect(again.body.flags.repeat).toBe(true);
    expect(again.body.repeatOf.petitionId).toBe(petition.id);
    expect((await clerk.post(`/petitions/${again.body.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(409);
    expect((await clerk.post(`/petitions/${again.body.id}/merge`, { intoPetitionId: petition.id })).status).toBe(200);

    // The unit works the case and decides; the petitioner sees the decision and evaluates it once.
    await workUntilDecidable(opened.id);
    const decided = await handler.post(`/cases/${opened.id}/decision`, {
      outcome: 'support',
      request: '要求补发停发的退休金',
      facts: '经核查，原单位欠缴社会保险费导致停发，现已督促补缴。',
      legalBasis: '《社会保险法》第六十三条',
    });
    expect(decided.status).toBe(200);
    const withDecision = await waitFor(
      async () => {
        const p = await lookUp(queryCode);
        return p.decisions.length ? p : undefined;
      },
      { description: 'the decision in the look-up', timeoutMs: 30_000 },
    );
    const [decision] = withDecision.decisions;
    expect(decision).toMatchObject({ outcome: 'support' });
    const evaluation = { queryCode, phoneLast4: PERSON.phone.slice(-4), decisionId: decision!.decisionId, bureau: 'satisfied', unit: 'basically_satisfied' };
    expect((await petitioner.post('/public/evaluations', evaluation)).status).toBe(201);
    expect((await petitioner.post('/public/evaluations', { ...evaluation, unit: 'dissatisfied' })).status).toBe(409);
    const summary = await commissioner.get<Record<string, unknown>>('/evaluations/summary');
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).toContain('basically_satisfied');

    // The repeat never became a case; the merged visit shows the original's progress.
    expect(await caseOf(again.body.id)).toBeUndefined();
    const cases = await handler.get<{ total: number }>('/cases?pageSize=100');
    expect(cases.body.total).toBe(1);

    // No service logged the petitioner's personal data.
    for (const service of SERVICES) expect(findPersonalData(running[service].logs(), Object.values(PERSON))).toEqual([]);
  });

  it('puts a petition on the duty officer’s watch list when a clerk hears a threat after registration', async () => {
    const registered = await clerk.post<{ id: string }>('/petitions', {
      channel: 'phone',
      itemClass: 'appeal',
      categoryId: 106,
      townCode: 'CX',
      subject: '土地补偿款未到位',
      description: '来电反映征地补偿款迟迟未发放。',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [{ name: '何建军', phone: '13904312211' }],
    });
    expect(registered.status).toBe(201);
    // Registered without a flag: nothing to watch.
    expect((await dutyOfficer.get(`/watch-items/${registered.body.id}`)).status).toBe(404);

    // A client sending null for a flag it does not mean to change is refused (it used to be
    // stored, and the event that carried it was dead-lettered by emergency: issue 10).
    const withNull = await clerk.post<{ details: Array<{ field: string }> }>(`/petitions/${registered.body.id}/flags`, {
      threatOfExtremeAction: true,
      escalated: null,
      reason: '再次来电称月底前不解决就到市政府门前聚集',
    });
    expect(withNull.status).toBe(400);
    expect(withNull.body.details.map((d) => d.field)).toContain('escalated');
    const flagged = await clerk.post(`/petitions/${registered.body.id}/flags`, {
      threatOfExtremeAction: true,
      reason: '再次来电称月底前不解决就到市政府门前聚集',
    });
    expect(flagged.status).toBe(200);
    const item = await waitFor(
      async () => {
        const res = await dutyOfficer.get<Record<string, unknown>>(`/watch-items/${registered.body.id}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the watch item', timeoutMs: 30_000 },
    );
    expect(JSON.stringify(item)).toContain('threatOfExtremeAction');
  });

  it('given intake is killed while its petitions are accepted, routed and decided, then after restart each look-up shows its unit and one decision', async () => {
    const people = [
      { name: '曹文华', phone: '13604310001' },
      { name: '严春梅', phone: '13604310002' },
      { name: '金国庆', phone: '13604310003' },
    ];
    const registered: Array<{ id: string; queryCode: string; phone: string }> = [];
    for (const person of people) {
      const res = await clerk.post<{ id: string; queryCode: string }>('/petitions', {
        channel: 'letter',
        itemClass: 'appeal',
        categoryId: 514,
        townCode: 'ZY',
        subject: '养老保险待遇核定有误',
        description: '来信反映养老保险待遇核定有误，要求重新核定。',
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        petitioners: [person],
      });
      expect(res.status).toBe(201);
      registered.push({ ...res.body, phone: person.phone });
    }
    for (const p of registered) expect((await clerk.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    // Intake dies with accepted events possibly still in its outbox and progress events on the way.
    await running.intake.kill();

    // Meanwhile the unit decides the cases that were opened before the crash.
    await waitFor(async () => (await Promise.all(registered.map((p) => caseOf(p.id)))).every(Boolean), {
      description: 'cases opened while intake is down',
      timeoutMs: 8_000,
    }).catch(() => undefined);
    for (const p of registered) {
      const opened = await caseOf(p.id);
      if (opened) {
        await workUntilDecidable(opened.id);
        const decided = await handler.post(`/cases/${opened.id}/decision`, {
          outcome: 'explain',
          request: '要求重新核定养老保险待遇',
          facts: '经复核，待遇核定符合政策规定。',
          legalBasis: '《社会保险法》第十六条',
        });
        expect(decided.status).toBe(200);
      }
    }
    await running.intake.restart();

    // Whatever had not left before the crash leaves now; nothing is lost, nothing doubled.
    for (const p of registered) {
      const opened = await waitFor(() => caseOf(p.id), { description: `the case of ${p.id} after restart`, timeoutMs: 45_000 });
      if (opened.status === 'assigned') {
        await workUntilDecidable(opened.id);
        await handler.post(`/cases/${opened.id}/decision`, {
          outcome: 'explain',
          request: '要求重新核定养老保险待遇',
          facts: '经复核，待遇核定符合政策规定。',
          legalBasis: '《社会保险法》第十六条',
        });
      }
      const progress = await waitFor(
        async () => {
          const res = await petitioner.post<Progress>('/public/petition-status', { queryCode: p.queryCode, phoneLast4: p.phone.slice(-4) });
          return res.status === 200 && res.body.workUnit && res.body.decisions.length ? res.body : undefined;
        },
        { description: `progress of ${p.id}`, timeoutMs: 45_000 },
      );
      expect(progress.decisions).toHaveLength(1);
      expect(progress.workUnit?.code).toBe('LABOUR');
    }
    const cases = await handler.get<{ items: Array<{ petitionId: string }> }>('/cases?pageSize=100');
    for (const p of registered) expect(cases.body.items.filter((c) => c.petitionId === p.id)).toHaveLength(1);
  });

  it('given intake is killed while a desk submits, when the desk retries with its Idempotency-Keys, then each petition exists and is announced once', async () => {
    // Each retry sends the very body it sent first: a key is bound to its body.
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const body = (i: number) => ({
      channel: 'letter',
      itemClass: 'suggestion',
      categoryId: 210,
      townCode: 'QN',
      subject: `关于优化营商环境的建议（第${i}封）`,
      description: '建议简化企业开办手续。',
      receivedAt,
      petitioners: [{ name: '经济管理来信人', phone: `1360431${String(5000 + i)}` }],
    });
    const keys = Array.from({ length: 10 }, (_, i) => `desk9-burst-${i}-${Date.now()}`);
    // The desk sends ten letters; intake dies while they are in flight.
    const inFlight = keys.map((key, i) => clerk.post('/petitions', body(i), { 'idempotency-key': key }).catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await running.intake.kill();
    await Promise.all(inFlight);
    await running.intake.restart();

    // The desk retries every letter it has no answer for, or all of them: the same keys.
    const retried = await Promise.all(keys.map((key, i) => clerk.post<{ id: string }>('/petitions', body(i), { 'idempotency-key': key })));
    expect(retried.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const ids = new Set(retried.map((r) => r.body.id));
    expect(ids.size).toBe(10);
    const stored = await clerk.get<{ total: number }>('/petitions?categoryId=210&townCode=QN&pageSize=1');
    expect(stored.body.total).toBe(10);

    // Each was announced exactly once, including any whose event was still in the outbox at the crash.
    const bus = { natsUrl: system.ns.natsUrl, streamPrefix: system.ns.streamPrefix };
    await waitForEvents(bus, { stream: 'INTAKE', type: 'intake.petition.registered.v1', payload: { townCode: 'QN', category: { id: 210, level1: '经济管理', level2: '其他', level3: '其他' } } }, 10, { timeoutMs: 30_000 });
    const announced = await findEvents(bus, { stream: 'INTAKE', type: 'intake.petition.registered.v1', payload: { townCode: 'QN' } });
    expect(announced.map((m) => (m.data['payload'] as { petitionId: string }).petitionId).sort()).toEqual([...ids].sort());

    // The crash used up no case number: the year's numbers run 1..N without a gap.
    const all = await clerk.get<{ items: Array<{ caseNumber: string }>; total: number }>('/petitions?pageSize=100');
    const sequences = all.body.items.map((p) => Number(p.caseNumber.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: all.body.total }, (_, i) => i + 1));
  });
});
