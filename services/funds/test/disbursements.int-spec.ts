import { waitForEvents, type HttpClient } from '@pdmc/testing';
import { aKnownCase, approveThroughChain, aSettlement, clientsFor, startFundsForTest, type ApiError, type FundsUnderTest, type Person, type View, type YearView } from './support';

/*
 * Issue #16, point 5 (and the settlement of the "done when" list): a settlement for a handled case
 * through a three-step approval, paid in two tranches; nothing paid beyond the approval or before
 * it; a mistaken tranche corrected by a reversing entry; balances proved from the ledger.
 */
describe('funds: disbursements and the ledger (real servers)', () => {
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;
  let caseId: string;
  let app: View;

  interface Entry {
    id: string;
    kind: string;
    amountFen: number;
    reverses?: string;
    disbursementId?: string;
  }
  const ledger = async () => (await c.auditor.get<{ items: Entry[] }>('/funds/stability/years/2026/ledger?pageSize=100')).body.items;
  const year = async () => (await c.auditor.get<YearView>('/funds/stability/years/2026')).body;
  const pay = (who: Person, amountFen: number, voucher: string, id = app.id) =>
    c[who].post<View & ApiError>(`/fund-applications/${id}/disbursements`, { amountFen, paidOn: '2026-11-25', voucher, method: 'bank_transfer' });

  beforeAll(async () => {
    sut = await startFundsForTest('fundspay');
    c = await clientsFor(sut.funds);
    expect((await c.finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 })).status).toBe(201);
    caseId = (await aKnownCase(sut.funds, { workUnit: 'LABOUR', caseNumber: '220106-2026-000618' })).caseId;
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  it('refuses to pay before the approval (409 naming the state), and stores nothing', async () => {
    app = (await c.handler.post<View>('/fund-applications', aSettlement(caseId, { amountFen: 15_000_000, purpose: '工伤赔偿调解协议款' }))).body;
    expect(app.chain).toEqual(['unit_head', 'centre_director', 'deputy_district_head']);
    const early = await pay('finance', 10_000_000, '付〔2026〕117号');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'FUNDS.INVALID_STATE', message: expect.stringContaining('in_approval') });
    expect((await ledger()).map((e) => e.kind)).toEqual(['budget']);
  });

  it('takes the settlement through its three steps, reserving 150,000 yuan at the last', async () => {
    app = await approveThroughChain(c, app.id, '情况属实，同意');
    expect(app).toMatchObject({ status: 'approved', reservedFen: 15_000_000, disbursedFen: 0 });
    expect(await year()).toMatchObject({ reservedFen: 15_000_000, disbursedFen: 0, availableFen: 185_000_000 });
  });

  it('keeps whoever approved it from recording its payments', async () => {
    const res = await pay('director', 10_000_000, '付〔2026〕117号');
    expect(res.status).toBe(403);
    const bothRoles = await sut.funds.as({ sub: 'director-01', roles: ['centre_director', 'finance_officer'] });
    const sneaky = await bothRoles.post<ApiError>(`/fund-applications/${app.id}/disbursements`, { amountFen: 10_000_000, paidOn: '2026-11-25', voucher: 'X-1', method: 'cash' });
    expect({ status: sneaky.status, code: sneaky.body.code }).toEqual({ status: 403, code: 'FUNDS.PAYER_IS_APPROVER' });
  });

  it('pays two tranches, never more than approved, a voucher once, and announces each with the running total', async () => {
    const first = await pay('finance', 10_000_000, '付〔2026〕117号');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'approved', reservedFen: 5_000_000, disbursedFen: 10_000_000 });
    expect((await pay('finance', 10_000_000, '付〔2026〕117号')).status).toBe(200);

    const tooMuch = await pay('finance2', 5_000_001, '付〔2026〕118号');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'FUNDS.EXCEEDS_APPROVED', message: expect.stringContaining('50000.00') });
    expect(await year()).toMatchObject({ reservedFen: 5_000_000, disbursedFen: 10_000_000 });

    const second = await pay('finance2', 5_000_000, '付〔2026〕118号');
    expect(second.body).toMatchObject({ status: 'paid', reservedFen: 0, disbursedFen: 15_000_000, allowedActions: ['reverse a disbursement'] });
    app = second.body;
    expect(await year()).toMatchObject({ reservedFen: 0, disbursedFen: 15_000_000, availableFen: 185_000_000 });

    const events = await waitForEvents(sut.funds.ns, { stream: 'FUNDS', type: 'funds.disbursement.recorded.v1', payload: { applicationId: app.id } }, 2);
    expect(events.map((e) => [(e.data['payload'] as Record<string, unknown>)['amountFen'], (e.data['payload'] as Record<string, unknown>)['totalDisbursedFen']])).toEqual([
      [10_000_000, 10_000_000],
      [5_000_000, 15_000_000],
    ]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toMatch(/王建国|11010519491231002X|6222/);
    const paidOut = await pay('finance', 1, '付〔2026〕119号');
    expect({ status: paidOut.status, code: paidOut.body.code }).toEqual({ status: 409, code: 'FUNDS.INVALID_STATE' });
  });

  it('corrects a mistaken tranche with a reversing entry, never an edit, and lets the right one be paid', async () => {
    const before = await ledger();
    const wrong = app.disbursements[1] as View['disbursements'][number];
    const reversed = await c.finance.post<View>(`/fund-applications/${app.id}/disbursements/${wrong.id}/reversal`, { reason: '收款账号录入错误，冲销后重新支付。' });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ status: 'approved', reservedFen: 5_000_000, disbursedFen: 10_000_000 });
    expect(reversed.body.disbursements.map((d) => d.reversed)).toEqual([false, true]);

    const after = await ledger();
    // Every earlier entry is still there, unchanged; one entry was added that names the one it reverses.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({ kind: 'disbursement_reversal', amountFen: 5_000_000, reverses: `disbursement:${wrong.id}`, disbursementId: wrong.id }),
    ]);
    const again = await c.finance.post<ApiError>(`/fund-applications/${app.id}/disbursements/${wrong.id}/reversal`, { reason: '重复' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'FUNDS.ALREADY_REVERSED' });
    await waitForEvents(sut.funds.ns, { stream: 'FUNDS', type: 'funds.disbursement.reversed.v1', payload: { disbursementId: wrong.id, totalDisbursedFen: 10_000_000 } }, 1);

    const right = await pay('finance2', 5_000_000, '付〔2026〕120号');
    expect(right.body).toMatchObject({ status: 'paid', disbursedFen: 15_000_000 });
    expect(await year()).toMatchObject({ reservedFen: 0, disbursedFen: 15_000_000, availableFen: 185_000_000 });
  });

  it('shows the application’s whole audit trail: who did what, every step, every ledger entry', async () => {
    const trail = await c.auditor.get<{ history: Array<{ action: string; by: string }>; approvals: unknown[]; ledgerEntries: Entry[] }>(`/fund-applications/${app.id}/audit-trail`);
    expect(trail.status).toBe(200);
    expect(trail.body.history.map((h) => h.by)).toEqual(['handler-07', 'head-labour', 'director-01', 'deputy-01', 'finance-01', 'finance-02', 'finance-01', 'finance-02']);
    expect(trail.body.approvals).toHaveLength(3);
    expect(trail.body.ledgerEntries.map((e) => e.kind)).toEqual(['reservation', 'disbursement', 'disbursement', 'disbursement_reversal', 'disbursement']);
  });

  it('proves the stored balance equals the ledger’s sums, entry by entry', async () => {
    const rec = await c.auditor.get<{ consistent: boolean; years: Array<{ stored: YearView; derivedFromLedger: YearView; differences: string[] }> }>('/ledger/reconciliation');
    expect(rec.body.consistent).toBe(true);
    const y = rec.body.years[0];
    expect(y?.derivedFromLedger).toEqual(y?.stored);
    expect(y?.stored).toMatchObject({ budgetFen: 200_000_000, disbursedFen: 15_000_000, availableFen: 185_000_000 });
  });
});
