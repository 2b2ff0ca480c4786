import ExcelJS from 'exceljs';
import type { HttpClient } from '@pdmc/testing';
import { ManualClock } from '@pdmc/calendar';
import { aKnownCase, approveThroughChain, aSettlement, clientsFor, startFundsForTest, type FundsUnderTest, type Person, type View } from './support';

/*
 * Issue #16, point 7: a fund year month by month and its position, per case, per unit, monthly
 * across funds; as JSON, CSV and XLSX.
 */
describe('funds: reports and exports (real servers)', () => {
  const clock = new ManualClock('2026-10-12T09:00:00+08:00');
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;
  let labourCase: string;
  let urbanCase: string;

  interface Table {
    name: string;
    columns: Array<{ key: string; header: string }>;
    rows: Array<Record<string, string | number | null>>;
  }

  beforeAll(async () => {
    sut = await startFundsForTest('fundsreport', { clock });
    c = await clientsFor(sut.funds);
    expect((await c.finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 })).status).toBe(201);
    labourCase = (await aKnownCase(sut.funds, { workUnit: 'LABOUR', caseNumber: '220106-2026-000701' })).caseId;
    urbanCase = (await aKnownCase(sut.funds, { workUnit: 'URBAN_ENV', caseNumber: '220106-2026-000702' })).caseId;
    // October: a labour settlement approved and paid in part.
    const labour = (await c.handler.post<View>('/fund-applications', aSettlement(labourCase, { amountFen: 3_000_000 }))).body;
    await approveThroughChain(c, labour.id);
    await c.finance.post(`/fund-applications/${labour.id}/disbursements`, { amountFen: 1_000_000, paidOn: '2026-10-12', voucher: 'R-1', method: 'bank_transfer' });
    // November: a top-up, an urban-environment settlement approved, the labour one paid in full.
    clock.set('2026-11-03T10:00:00+08:00');
    await c.finance.post('/funds/stability/years/2026/contributions', { amountFen: 50_000_000, source: 'district_finance', reference: '区财追〔2026〕12号' });
    const urban = (await c.otherHandler.post<View>('/fund-applications', aSettlement(urbanCase, { amountFen: 4_500_000, purpose: '=拆迁补偿差额' }))).body;
    await c.otherUnitHead.post(`/fund-applications/${urban.id}/decisions`, { decision: 'approve', comment: '同意' });
    await c.director.post(`/fund-applications/${urban.id}/decisions`, { decision: 'approve', comment: '同意' });
    await c.finance.post(`/fund-applications/${labour.id}/disbursements`, { amountFen: 2_000_000, paidOn: '2026-11-03', voucher: 'R-2', method: 'bank_transfer' });
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  it('gives a fund year month by month and its position (budget, contributions, reserved, disbursed, available)', async () => {
    const res = await c.auditor.get<Table>('/reports/funds/stability/years/2026');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ month: '2026-10', budgetFen: 200_000_000, reservedFen: 3_000_000, disbursedFen: 1_000_000, contributionsFen: 0 }),
      expect.objectContaining({ month: '2026-11', contributionsFen: 50_000_000, reservedFen: 4_500_000, disbursedFen: 2_000_000 }),
      expect.objectContaining({ month: 'total', budgetFen: 200_000_000, contributionsFen: 50_000_000, reservedFen: 4_500_000, disbursedFen: 3_000_000, availableFen: 242_500_000 }),
    ]);
  });

  it('exports it as CSV with money in yuan, exactly', async () => {
    const res = await c.auditor.get<string>('/reports/funds/stability/years/2026?format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="stability-2026.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('月份 month');
    expect(lines[3]).toBe('total,stability,2000000.00,500000.00,0.00,45000.00,,30000.00,2425000.00');
  });

  it('exports it as an XLSX workbook that a spreadsheet opens', async () => {
    const res = await fetch(`${sut.funds.service.url}/reports/funds/stability/years/2026?format=xlsx`, { headers: await sut.funds.auth.headers({ roles: ['finance_officer'] }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('stability-2026');
    expect(sheet?.getRow(1).getCell(1).value).toBe('月份 month');
    expect(sheet?.getRow(4).values).toEqual([undefined, 'total', 'stability', 2_000_000, 500_000, 0, 45_000, undefined, 30_000, 2_425_000]);
  });

  it('lists a case’s applications with what is reserved and paid', async () => {
    const res = await c.auditor.get<Table>(`/reports/cases/${labourCase}`);
    expect(res.body.name).toBe('case-220106-2026-000701');
    expect(res.body.rows).toEqual([expect.objectContaining({ status: 'paid', amountFen: 3_000_000, reservedFen: 0, disbursedFen: 3_000_000 })]);
  });

  it('sums a year per work unit', async () => {
    const res = await c.auditor.get<Table>('/reports/units?fiscalYear=2026');
    expect(res.body.rows).toEqual([
      { workUnit: 'LABOUR', applications: 1, approved: 1, approvedFen: 3_000_000, reservedFen: 0, disbursedFen: 3_000_000 },
      { workUnit: 'URBAN_ENV', applications: 1, approved: 1, approvedFen: 4_500_000, reservedFen: 4_500_000, disbursedFen: 0 },
    ]);
    const csv = await c.auditor.get<string>('/reports/units?fiscalYear=2026&format=csv');
    expect(csv.body).toContain('URBAN_ENV,1,1,45000.00,45000.00,0.00');
  });

  it('gives the months across funds, and refuses an unknown format with 400', async () => {
    const res = await c.auditor.get<Table>('/reports/monthly?fiscalYear=2026');
    expect(res.body.rows.map((r) => [r['month'], r['fundId']])).toEqual([
      ['2026-10', 'stability'],
      ['2026-11', 'stability'],
    ]);
    expect((await c.auditor.get('/reports/monthly?format=pdf')).status).toBe(400);
    expect((await c.handler.get('/reports/monthly')).status).toBe(403);
  });
});
