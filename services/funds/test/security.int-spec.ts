import type { HttpClient } from '@pdmc/testing';
import { describeApiSecurity, type ProtectedRoute } from '@pdmc/testing';
import { aKnownCase, approveThroughChain, aSettlement, clientsFor, startFundsForTest, type FundsUnderTest, type Person, type View } from './support';

/*
 * OWASP API Security Top 10 (2023) for funds' HTTP API: the funds-specific checks (API1 unit
 * scoping, API3 field lists and masking, API4 no unbounded list) here; authentication,
 * function-level authorisation per role, inventory, injection in ids and queries, headers, CORS,
 * audit trail and logs in the shared suite (libs/testing/src/security-suite.ts).
 */

const SETTLEMENT_CASE_FIELDS = ['caseId', 'caseNumber', 'openedAt', 'petitionId', 'status', 'workUnit'];
const APPLICATION_FIELDS = [
  'allowedActions',
  'amountFen',
  'approvals',
  'beneficiary',
  'caseId',
  'caseNumber',
  'chain',
  'chainVersion',
  'currentLevel',
  'disbursedFen',
  'disbursements',
  'documents',
  'fiscalYear',
  'fundId',
  'id',
  'kind',
  'movementInProgress',
  'purpose',
  'reservedFen',
  'round',
  'status',
  'submittedAt',
  'submittedBy',
  'updatedAt',
  'workUnit',
];

const ROUTES: ProtectedRoute[] = [
  { method: 'get', path: '/settlement-cases/{caseId}', permission: 'settlement_case.read' },
  { method: 'get', path: '/funds', permission: 'fund.read' },
  { method: 'get', path: '/funds/{fundId}/years/{year}', permission: 'fund.read' },
  { method: 'post', path: '/funds/{fundId}/years/{year}/budget', permission: 'fund.manage' },
  { method: 'post', path: '/funds/{fundId}/years/{year}/contributions', permission: 'fund.manage' },
  { method: 'post', path: '/funds/{fundId}/years/{year}/contribution-reversals', permission: 'fund.manage' },
  { method: 'post', path: '/funds/{fundId}/years/{year}/carry-over', permission: 'fund.manage' },
  { method: 'get', path: '/funds/{fundId}/years/{year}/ledger', permission: 'fund_ledger.read' },
  { method: 'get', path: '/ledger/reconciliation', permission: 'fund_ledger.read' },
  { method: 'post', path: '/fund-applications', permission: 'fund_application.submit' },
  { method: 'get', path: '/fund-applications', permission: 'fund_application.list' },
  { method: 'get', path: '/approval-queue', permission: 'fund_application.approve' },
  { method: 'get', path: '/fund-applications/{id}', permission: 'fund_application.read' },
  { method: 'get', path: '/fund-applications/{id}/personal-data', permission: 'fund_application.read_personal_data' },
  { method: 'get', path: '/fund-applications/{id}/audit-trail', permission: 'fund_application.read' },
  { method: 'post', path: '/fund-applications/{id}/decisions', permission: 'fund_application.approve' },
  { method: 'post', path: '/fund-applications/{id}/revision', permission: 'fund_application.submit' },
  { method: 'post', path: '/fund-applications/{id}/withdrawal', permission: 'fund_application.submit' },
  { method: 'post', path: '/fund-applications/{id}/cancellation', permission: 'fund_application.cancel' },
  { method: 'post', path: '/fund-applications/{id}/disbursements', permission: 'fund_disbursement.record' },
  { method: 'post', path: '/fund-applications/{id}/disbursements/{disbursementId}/reversal', permission: 'fund_disbursement.record' },
  { method: 'get', path: '/reports/funds/{fundId}/years/{year}', permission: 'fund_report.read' },
  { method: 'get', path: '/reports/cases/{caseId}', permission: 'fund_report.read' },
  { method: 'get', path: '/reports/units', permission: 'fund_report.read' },
  { method: 'get', path: '/reports/monthly', permission: 'fund_report.read' },
  // The approval chains as configuration; a save on a version that is not current is refused (409), so nothing changes.
  { method: 'get', path: '/funds/{fundId}/approval-chains', permission: ['fund.read', 'fund_chain.write'] },
  {
    method: 'post',
    path: '/funds/{fundId}/approval-chains',
    permission: 'fund_chain.write',
    body: { basedOnVersion: 999, tiers: [{ upToFen: null, levels: ['centre_director'] }] },
  },
];

describe('funds security: OWASP API Security Top 10 (2023) against the real server', () => {
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;
  let caseId: string;
  let app: View;

  beforeAll(async () => {
    sut = await startFundsForTest('fundssec');
    c = await clientsFor(sut.funds);
    const budget = await c.finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 });
    if (budget.status !== 201) throw new Error(`budget: ${budget.status} ${JSON.stringify(budget.body)}`);
    caseId = (await aKnownCase(sut.funds, { caseNumber: '220106-2026-000903' })).caseId;
    const submitted = await c.handler.post<View>('/fund-applications', aSettlement(caseId));
    if (submitted.status !== 201) throw new Error(`submission: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    await approveThroughChain(c, submitted.body.id);
    const paid = await c.finance.post<View>(`/fund-applications/${submitted.body.id}/disbursements`, { amountFen: 100_000, paidOn: '2026-11-25', voucher: 'SEC-1', method: 'bank_transfer' });
    if (paid.status !== 201) throw new Error(`disbursement: ${paid.status} ${JSON.stringify(paid.body)}`);
    app = paid.body;
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  describe('API1 broken object-level authorisation', () => {
    it('hides another unit’s application from unit staff (404 by id, absent from lists and queues)', async () => {
      expect((await c.otherHandler.get(`/fund-applications/${app.id}`)).status).toBe(404);
      expect((await c.otherHandler.get(`/fund-applications/${app.id}/audit-trail`)).status).toBe(404);
      expect((await c.otherHandler.get<{ total: number }>('/fund-applications')).body.total).toBe(0);
      expect((await c.otherUnitHead.post(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: 'x' })).status).toBe(404);
      expect((await c.handler.get<{ total: number }>('/fund-applications')).body.total).toBe(1);
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a settlement case and an application, the beneficiary masked', async () => {
      expect(Object.keys((await c.finance.get<object>(`/settlement-cases/${caseId}`)).body).sort()).toEqual(SETTLEMENT_CASE_FIELDS);
      const view = (await c.auditor.get<View>(`/fund-applications/${app.id}`)).body;
      expect(Object.keys(view).sort()).toEqual(APPLICATION_FIELDS);
      expect(JSON.stringify(view)).not.toMatch(/王建国|11010519491231002X|13904312211|outbox|pendingMovement|version/);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('offers no unbounded list of settlement cases and caps pages at 100', async () => {
      expect((await c.finance.get('/settlement-cases')).status).toBe(404);
      expect((await c.finance.get('/fund-applications?pageSize=101')).status).toBe(400);
      expect((await c.finance.get('/funds/stability/years/2026/ledger?pageSize=101')).status).toBe(400);
    });
  });

  describeApiSecurity({
    service: 'funds',
    running: () => sut.funds,
    routes: ROUTES,
    params: () => ({ caseId, id: app.id, disbursementId: app.disbursements[0]?.id ?? '', fundId: 'stability', year: '2026' }),
    auditedAct: async (actor) => {
      const reader = await sut.funds.as({ sub: actor, roles: ['finance_officer'] });
      expect((await reader.get(`/fund-applications/${app.id}/personal-data`)).status).toBe(200);
      return { action: 'fund_application.read_personal_data', objectId: app.id };
    },
  });
});
