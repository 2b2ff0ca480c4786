import { http, waitFor, type ServiceName } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

interface Rule {
  id: string;
  priority: number;
  match: { category?: { level1: string; level2?: string }; townCodes?: string[] };
  workUnit: string;
  responsibleBody: string;
  reason: string;
}

/**
 * The dispatch desk across intake, routing and handling as separate processes: an
 * administrator's rule edit decides the next accepted petition while the earlier one keeps its
 * version, and a petition no rule decides reaches the dispatcher's desk and, routed by hand,
 * becomes a case.
 */
describe('the dispatch desk across intake, routing and handling', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling'];
  let system: RunningSystem;
  let clerk: ReturnType<typeof http>;
  let admin: ReturnType<typeof http>;
  let dispatcher: ReturnType<typeof http>;
  let handling: ReturnType<typeof http>;

  beforeAll(async () => {
    system = await startSystem('e2edesk', SERVICES);
    const { auth, running } = system;
    clerk = http(running.intake.baseUrl, await auth.headers({ sub: 'clerk-e2e', roles: ['intake_clerk'] }));
    admin = http(running.routing.baseUrl, await auth.headers({ sub: 'admin-e2e', roles: ['administrator'] }));
    dispatcher = http(running.routing.baseUrl, await auth.headers({ sub: 'dispatcher-e2e', roles: ['dispatcher'] }));
    handling = http(running.handling.baseUrl, await auth.headers({ roles: ['dispatcher'] }));
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** A different petitioner each time, so that no petition is a repeat of another. */
  let petitioners = 0;

  /** Given a petition registered and accepted at intake; 486 is 劳动和社会保障/工资福利/其他, 141 纪检监察/党政处分/其他. */
  const registerAndAccept = async (categoryId: number, itemClass = 'appeal') => {
    petitioners += 1;
    const res = await clerk.post<{ id: string }>('/petitions', {
      channel: 'visit',
      itemClass,
      categoryId,
      townCode: 'HX',
      subject: '反映问题',
      description: '来访反映问题，请求处理。',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [{ name: '赵志刚', phone: `1390431${String(petitioners).padStart(4, '0')}` }],
    });
    expect(res.status).toBe(201);
    const id = (res.body as { id: string }).id;
    expect((await clerk.post(`/petitions/${id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    return id;
  };
  const decisionOf = (petitionId: string) =>
    waitFor(
      async () => {
        const res = await dispatcher.get<Record<string, unknown>>(`/routing-decisions/${petitionId}`);
        return res.status === 200 ? (res.body as Record<string, unknown>) : undefined;
      },
      { description: `routing's decision for ${petitionId}`, timeoutMs: 20_000 },
    );
  const caseOf = (petitionId: string) =>
    waitFor(
      async () => {
        const res = await handling.get<{ items: Array<Record<string, unknown>>; total: number }>(`/cases?petitionId=${petitionId}`);
        const body = res.body as { items: Array<Record<string, unknown>>; total: number };
        return res.status === 200 && body.total > 0 ? body.items[0] : undefined;
      },
      { description: `a case for ${petitionId}`, timeoutMs: 20_000 },
    );
  const currentRules = async () => {
    const versions = (await admin.get<Array<{ version: number }>>('/rule-sets')).body as Array<{ version: number }>;
    const set = (await admin.get<{ version: number; rules: Rule[] }>(`/rule-sets/${versions[0].version}`)).body as { version: number; rules: Rule[] };
    return set;
  };

  it('given an administrator’s edit, the next accepted petition goes where the new version says; the earlier keeps version 1', async () => {
    const before = await registerAndAccept(486);
    expect(await decisionOf(before)).toMatchObject({ workUnit: 'LABOUR', ruleId: 'LABOUR.wages', ruleSetVersion: 1 });

    const set = await currentRules();
    const edited = [
      ...set.rules,
      { id: 'LEGAL.wages-hx', priority: 900, match: { category: { level1: '劳动和社会保障', level2: '工资福利' }, townCodes: ['HX'] }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:justice', reason: '合心镇欠薪纠纷先行人民调解' },
    ];
    const saved = await admin.post<{ version: number }>('/rule-sets', { basedOnVersion: set.version, note: '合心镇欠薪先调解', rules: edited });
    expect(saved.status).toBe(201);

    const after = await registerAndAccept(486);
    expect(await decisionOf(after)).toMatchObject({ workUnit: 'MEDIATION_LEGAL', ruleSetVersion: (saved.body as { version: number }).version });
    expect(await caseOf(after)).toMatchObject({ workUnit: 'MEDIATION_LEGAL' });
    expect(await decisionOf(before)).toMatchObject({ workUnit: 'LABOUR', ruleSetVersion: 1 });
  });

  it('given no rule for an accusation, it waits on the desk, and routed by hand it becomes a case', async () => {
    const set = await currentRules();
    const saved = await admin.post('/rule-sets', { basedOnVersion: set.version, note: '纪检监察类人工分派', rules: set.rules.filter((r) => r.match.category?.level1 !== '纪检监察') });
    expect(saved.status).toBe(201);

    const id = await registerAndAccept(141, 'accusation');
    expect(await decisionOf(id)).toMatchObject({ status: 'awaiting_dispatch', workUnit: null });
    const desk = await dispatcher.get<{ items: Array<{ petitionId: string; reason: string }> }>('/dispatch-desk?reason=unrouted&pageSize=100');
    expect((desk.body as { items: Array<{ petitionId: string }> }).items.map((i) => i.petitionId)).toContain(id);

    const routed = await dispatcher.post(`/routing-decisions/${id}/dispatch`, { workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:discipline-inspection', reason: '检举控告，转纪检监察机关' });
    expect(routed.status).toBe(200);
    expect(await caseOf(id)).toMatchObject({ workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:discipline-inspection' });
  });
});
