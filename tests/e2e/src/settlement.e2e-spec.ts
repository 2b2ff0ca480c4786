import { findPersonalData, http, waitFor, waitForEvents, type ServiceName, type TestAuth, type TestUser } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * A settlement from a handled case (issue #16): a petition accepted at intake becomes a LABOUR
 * case at handling; funds learns of it from handling's event; the unit asks 150,000 yuan from the
 * stability fund, three approvers pass it, finance pays it in two tranches.
 */
describe('a settlement from a handled case through three approvals to two tranches', () => {
  const SERVICES: ServiceName[] = ['intake', 'routing', 'handling', 'funds'];
  const PETITIONER = { name: '赵德明', idNumber: '110101199003074514', phone: '13900139001' };
  const BENEFICIARY = { kind: 'person', name: '赵德明', idNumber: '110101199003074514', bankAccount: '6222 0299 8877 6655 443' };
  let system: RunningSystem;
  let auth: TestAuth;

  const as = async (service: ServiceName, user: TestUser) => http(system.running[service].baseUrl, await auth.headers(user));

  beforeAll(async () => {
    system = await startSystem('e2efunds', SERVICES);
    auth = system.auth;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('given a case the labour unit owns, when its settlement is approved at three levels, then finance pays it in two tranches within the budget', async () => {
    // Given: the petition is registered and accepted; handling opens the case.
    const clerk = await as('intake', { sub: 'clerk-e2e', roles: ['intake_clerk'] });
    const registered = await clerk.post<{ id: string }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 515,
      townCode: 'HX',
      subject: '退休金未按时发放',
      description: '原厂职工反映退休金停发半年。',
      headcount: 1,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [PETITIONER],
    });
    expect(registered.status).toBe(201);
    const petitionId = (registered.body as { id: string }).id;
    expect((await clerk.post(`/petitions/${petitionId}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    const handling = await as('handling', { roles: ['dispatcher'] });
    const theCase = await waitFor(
      async () => {
        const res = await handling.get<{ items: Array<{ id: string }>; total: number }>(`/cases?petitionId=${petitionId}`);
        return res.status === 200 && (res.body as { total: number }).total > 0 ? (res.body as { items: Array<{ id: string }> }).items[0] : undefined;
      },
      { description: 'the case', timeoutMs: 20_000 },
    );

    // And funds knows the case and the year's budget is set.
    const finance = await as('funds', { sub: 'finance-e2e', roles: ['finance_officer'] });
    await waitFor(async () => (await finance.get(`/settlement-cases/${theCase.id}`)).status === 200, { description: 'funds to know the case' });
    expect((await finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 })).status).toBe(201);

    // When: the unit applies for 150,000 yuan and three levels approve.
    const handler = await as('funds', { sub: 'handler-e2e', roles: ['unit_handler'], units: ['LABOUR'] });
    const submitted = await handler.post<{ id: string; chain: string[] }>('/fund-applications', {
      fundId: 'stability',
      fiscalYear: 2026,
      kind: 'settlement',
      caseId: theCase.id,
      amountFen: 15_000_000,
      purpose: '按调解协议补发退休金',
      beneficiary: BENEFICIARY,
    });
    expect(submitted.status).toBe(201);
    const app = submitted.body as { id: string; chain: string[] };
    expect(app.chain).toEqual(['unit_head', 'centre_director', 'deputy_district_head']);
    const approvers: TestUser[] = [
      { sub: 'head-e2e', roles: ['unit_head'], units: ['LABOUR'] },
      { sub: 'director-e2e', roles: ['centre_director'] },
      { sub: 'deputy-e2e', roles: ['deputy_district_head'] },
    ];
    let status = '';
    for (const approver of approvers) {
      const res = await (await as('funds', approver)).post<{ status: string }>(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: '同意' });
      expect(res.status).toBe(200);
      status = (res.body as { status: string }).status;
    }
    expect(status).toBe('approved');

    // Then: two tranches pay it in full, and funds announces each with the case and the running total.
    const pay = (amountFen: number, voucher: string) =>
      finance.post<{ status: string; disbursedFen: number }>(`/fund-applications/${app.id}/disbursements`, { amountFen, paidOn: '2026-11-25', voucher, method: 'bank_transfer' });
    expect((await pay(10_000_000, 'E2E-1')).body).toMatchObject({ status: 'approved', disbursedFen: 10_000_000 });
    expect((await pay(5_000_000, 'E2E-2')).body).toMatchObject({ status: 'paid', disbursedFen: 15_000_000 });
    const events = await waitForEvents(system.ns, { stream: 'FUNDS', type: 'funds.disbursement.recorded.v1', payload: { caseId: theCase.id } }, 2);
    expect(events.map((e) => (e.data['payload'] as { totalDisbursedFen: number }).totalDisbursedFen)).toEqual([10_000_000, 15_000_000]);
    expect((await finance.get('/funds/stability/years/2026')).body).toMatchObject({ reservedFen: 0, disbursedFen: 15_000_000, availableFen: 185_000_000 });
    expect((await finance.get<{ consistent: boolean }>('/ledger/reconciliation')).body).toMatchObject({ consistent: true });

    // And handling's case view shows the settlement: approved, paid in full, tranche by tranche.
    type Settlement = { applicationId: string; status: string; approvedFen: number | null; disbursedFen: number; tranches: Array<{ amountFen: number }> };
    const settled = await waitFor(
      async () => {
        const items = ((await handling.get<{ items: Settlement[] }>(`/cases/${theCase.id}/settlements`)).body as { items?: Settlement[] }).items ?? [];
        return items[0]?.status === 'paid' && items[0].tranches.length === 2 ? items[0] : undefined;
      },
      { description: 'the settlement on the case in handling' },
    );
    expect(settled).toMatchObject({ applicationId: app.id, approvedFen: 15_000_000, disbursedFen: 15_000_000 });
    expect(settled.tranches.map((t) => t.amountFen)).toEqual([10_000_000, 5_000_000]);

    // The beneficiary's data reaches no log and no event.
    for (const service of SERVICES) expect(findPersonalData(system.running[service].logs(), [PETITIONER.phone, BENEFICIARY.idNumber, BENEFICIARY.bankAccount])).toEqual([]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(BENEFICIARY.idNumber);
  });
});
