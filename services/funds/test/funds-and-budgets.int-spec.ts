import type { HttpClient } from '@pdmc/testing';
import { clientsFor, startFundsForTest, type ApiError, type FundsUnderTest, type Person, type YearView } from './support';

/*
 * Issue #16, points 1 and 8: the four funds, a budget per fund and fiscal year, contributions with
 * their source, carry-over by each fund's rule, integer fen only.
 */
describe('funds: funds, budgets, contributions and carry-over (real servers)', () => {
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;

  beforeAll(async () => {
    sut = await startFundsForTest('fundsbudget');
    c = await clientsFor(sut.funds);
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  const year = async (fund: string, y: number) => c.finance.get<YearView & ApiError>(`/funds/${fund}/years/${y}`);

  it('sets the stability fund’s 2,000,000 yuan for a year once, as a budget ledger entry', async () => {
    const res = await c.finance.post<YearView>('/funds/stability/years/2026/budget', { amountFen: 200_000_000, note: '区财政2026年预算批复' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fundId: 'stability', fiscalYear: 2026, carryOver: 'lapse', budgetFen: 200_000_000, availableFen: 200_000_000, reservedFen: 0 });

    const again = await c.finance.post<ApiError>('/funds/stability/years/2026/budget', { amountFen: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FUNDS.BUDGET_ALREADY_SET');
    expect((await year('stability', 2026)).body.budgetFen).toBe(200_000_000);

    const ledger = await c.auditor.get<{ items: Array<{ id: string; kind: string; amountFen: number; by: string }> }>('/funds/stability/years/2026/ledger');
    expect(ledger.body.items).toEqual([expect.objectContaining({ id: 'budget:stability:2026', kind: 'budget', amountFen: 200_000_000, by: 'finance-01' })]);
  });

  it('collects the law-related fund’s 2,120,000 yuan from the procuratorate, the court and the police; a voucher counts once', async () => {
    const shares: Array<[string, number, string]> = [
      ['procuratorate', 70_000_000, '检拨〔2026〕3号'],
      ['court', 70_000_000, '法拨〔2026〕5号'],
      ['police', 72_000_000, '公拨〔2026〕9号'],
    ];
    for (const [source, amountFen, reference] of shares) {
      expect((await c.finance.post('/funds/law_related/years/2026/contributions', { amountFen, source, reference })).status).toBe(201);
    }
    const repeat = await c.finance.post<YearView>('/funds/law_related/years/2026/contributions', { amountFen: 72_000_000, source: 'police', reference: '公拨〔2026〕9号' });
    expect(repeat.status).toBe(200);
    expect(repeat.body.contributionsFen).toBe(212_000_000);

    const reused = await c.finance.post<ApiError>('/funds/law_related/years/2026/contributions', { amountFen: 1_000, source: 'police', reference: '公拨〔2026〕9号' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('FUNDS.CONTRIBUTION_REFERENCE_REUSED');
    expect((await year('law_related', 2026)).body).toMatchObject({ budgetFen: 0, contributionsFen: 212_000_000, availableFen: 212_000_000 });
  });

  it('spreads the 30,000,000 yuan backlog programme over 2026-2028 and refuses budgets beyond it', async () => {
    for (const [y, fen] of [[2026, 1_500_000_000], [2027, 1_000_000_000]] as const) {
      expect((await c.finance.post(`/funds/historical_backlog/years/${y}/budget`, { amountFen: fen })).status).toBe(201);
    }
    const over = await c.finance.post<ApiError>('/funds/historical_backlog/years/2028/budget', { amountFen: 500_000_001 });
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 422, code: 'FUNDS.PROGRAMME_EXCEEDED' });
    expect((await c.finance.post('/funds/historical_backlog/years/2028/budget', { amountFen: 500_000_000 })).status).toBe(201);
    const outside = await c.finance.post<ApiError>('/funds/historical_backlog/years/2029/budget', { amountFen: 100 });
    expect({ status: outside.status, code: outside.body.code }).toEqual({ status: 422, code: 'FUNDS.OUTSIDE_PROGRAMME' });
    const funds = await c.finance.get<Array<{ fundId: string; programme: unknown; years: YearView[] }>>('/funds');
    const backlog = funds.body.find((f) => f.fundId === 'historical_backlog');
    expect(backlog?.programme).toEqual({ totalFen: 3_000_000_000, firstYear: 2026, lastYear: 2028 });
    expect(backlog?.years.reduce((sum, y) => sum + y.budgetFen, 0)).toBe(3_000_000_000);
    expect((await year('historical_backlog', 2029)).status).toBe(404);
  });

  it('corrects a contribution recorded in error with a reversing entry, once, never an edit', async () => {
    expect((await c.finance.post('/funds/reward/years/2026/contributions', { amountFen: 3_000_000, source: 'donation', reference: 'JZ-2026-01' })).status).toBe(201);
    const reversed = await c.finance.post<YearView>('/funds/reward/years/2026/contribution-reversals', { reference: 'JZ-2026-01', reason: '金额录入错误' });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ contributionsFen: 0, availableFen: 0 });
    const again = await c.finance.post<ApiError>('/funds/reward/years/2026/contribution-reversals', { reference: 'JZ-2026-01', reason: '重复' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'FUNDS.CONTRIBUTION_ALREADY_REVERSED' });
    const unknown = await c.finance.post<ApiError>('/funds/reward/years/2026/contribution-reversals', { reference: 'JZ-NONE', reason: 'x' });
    expect(unknown.body.code).toBe('FUNDS.CONTRIBUTION_NOT_FOUND');
    const entries = (await c.auditor.get<{ items: Array<{ kind: string; amountFen: number; reverses?: string }> }>('/funds/reward/years/2026/ledger')).body.items;
    expect(entries.map((e) => [e.kind, e.amountFen, e.reverses ?? null])).toEqual([
      ['contribution', 3_000_000, null],
      ['contribution_reversal', 3_000_000, 'contribution:reward:2026:JZ-2026-01'],
    ]);
  });

  it('carries what is left of a carry-forward fund into the next year, once, and refuses it for a fund whose money lapses', async () => {
    const res = await c.finance.post<{ from: YearView; to: YearView }>('/funds/law_related/years/2026/carry-over');
    expect(res.status).toBe(200);
    expect(res.body.from).toMatchObject({ fiscalYear: 2026, carriedOutFen: 212_000_000, availableFen: 0 });
    expect(res.body.to).toMatchObject({ fiscalYear: 2027, carriedInFen: 212_000_000, availableFen: 212_000_000 });

    const again = await c.finance.post<{ from: YearView; to: YearView }>('/funds/law_related/years/2026/carry-over');
    expect(again.status).toBe(200);
    expect(again.body.to.carriedInFen).toBe(212_000_000);

    const lapse = await c.finance.post<ApiError>('/funds/stability/years/2026/carry-over');
    expect({ status: lapse.status, code: lapse.body.code }).toEqual({ status: 409, code: 'FUNDS.CARRY_OVER_NOT_ALLOWED' });
  });

  it.each([
    ['a negative amount', -100, 'min'],
    ['zero', 0, 'min'],
    ['a fraction of a fen', 100.5, 'isInt'],
    ['a float that only looks whole in yuan', 0.1 + 0.2, 'isInt'],
    ['a string', '100', 'isInt'],
    ['more than a double holds exactly', 2 ** 53 + 2, 'max'],
  ])('refuses %s with 400 naming amountFen and the rule, and changes nothing', async (_name, amountFen, rule) => {
    const before = (await year('stability', 2026)).body;
    const res = await c.finance.post<ApiError>('/funds/stability/years/2026/contributions', { amountFen, source: 'district_finance', reference: `bad-${String(amountFen)}` });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'amountFen', rule })]));
    expect((await year('stability', 2026)).body).toEqual(before);
  });

  it('answers an unknown fund with 404 FUNDS.FUND_NOT_FOUND and a malformed one or year with 400', async () => {
    const unknown = await c.finance.post<ApiError>('/funds/pension/years/2026/budget', { amountFen: 100 });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'FUNDS.FUND_NOT_FOUND' });
    const malformed = await c.finance.get<ApiError>('/funds/STAB-1/years/2026');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details?.[0]).toMatchObject({ field: 'fundId' });
    const badYear = await c.finance.get<ApiError>('/funds/stability/years/26');
    expect(badYear.body.details?.[0]).toMatchObject({ field: 'year', rule: 'isFiscalYear' });
  });

  it('leaves budgets to finance: an approver may read them but not set them', async () => {
    expect((await c.director.post<ApiError>('/funds/reward/years/2026/budget', { amountFen: 100 })).status).toBe(403);
    expect((await c.director.get('/funds/stability/years/2026')).status).toBe(200);
  });

  it('proves every stored balance equals the sum of its ledger entries', async () => {
    const res = await c.auditor.get<{ consistent: boolean; years: Array<{ consistent: boolean; inFlightEntries: number }> }>('/ledger/reconciliation');
    expect(res.status).toBe(200);
    expect(res.body.consistent).toBe(true);
    expect(res.body.years.length).toBeGreaterThanOrEqual(6);
    expect(res.body.years.every((y) => y.consistent && y.inFlightEntries === 0)).toBe(true);
  });
});
