import { AuditLog, loadConfig, type RunningService } from '@pdmc/platform';
import {
  anOpenedCase,
  describeApiSecurity,
  publishEnvelope,
  recordedRead,
  startInProcess,
  waitFor,
  type InProcessService,
} from '@pdmc/testing';
import { startFunds } from '../src/app';
import { FundsConfig } from '../src/config/funds.config';

/*
 * OWASP API Security Top 10 (2023) for funds' read-only HTTP API: the funds-specific checks (API3
 * field list, API4 no unbounded list) here; authentication, function-level authorisation per
 * role, inventory, injection in ids and queries, headers, CORS, audit trail and logs in the
 * shared suite (libs/testing/src/security-suite.ts). API1 does not apply yet: every role that
 * may read settlement cases is centre-wide.
 */

interface SettlementCaseView {
  caseId: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  openedAt: string;
}

const SETTLEMENT_CASE_FIELDS = ['caseId', 'caseNumber', 'openedAt', 'petitionId', 'workUnit'];

/** Given a case a work unit opened, as handling would publish it. */
const caseOpened = () => anOpenedCase({ caseNumber: '220106-2026-000903' });

describe('funds security: OWASP API Security Top 10 (2023) against the real server', () => {
  let funds: InProcessService;
  /** The Nest application behind `funds`, to record an audit entry as the interceptor would. */
  let running: RunningService;
  /** A settlement case the tests only read. */
  let known: SettlementCaseView;

  beforeAll(async () => {
    funds = await startInProcess({
      label: 'fundssec',
      start: async (env, logs) => (running = await startFunds(loadConfig(FundsConfig, env), logs)),
    });

    // Given a case handling announced it opened.
    const event = caseOpened();
    await publishEnvelope(funds.ns.natsUrl, funds.ns.busPrefix, event);
    const officer = await funds.as({ roles: ['finance_officer'] });
    known = await waitFor(
      async () => {
        const res = await officer.get<SettlementCaseView>(`/settlement-cases/${event.payload.caseId}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'the settlement case' },
    );
  });

  afterAll(async () => {
    await funds?.close();
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a settlement case (no responsible body, version, _id)', async () => {
      const officer = await funds.as({ roles: ['finance_officer'] });
      const res = await officer.get<object>(`/settlement-cases/${known.caseId}`);
      expect(Object.keys(res.body).sort()).toEqual(SETTLEMENT_CASE_FIELDS);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('offers no unbounded list of settlement cases', async () => {
      expect((await (await funds.as({ roles: ['finance_officer'] })).get('/settlement-cases')).status).toBe(404);
    });
  });

  describeApiSecurity({
    service: 'funds',
    running: () => funds,
    routes: [{ method: 'get', path: '/settlement-cases/{caseId}', permission: 'settlement_case.read' }],
    params: () => ({ caseId: known.caseId }),
    auditedAct: recordedRead(
      (entry) => running.app.get(AuditLog).record(entry),
      () => ({
        action: 'settlement_case.read',
        objectType: 'settlement-case',
        objectId: known.caseId,
        path: `/settlement-cases/${known.caseId}`,
        roles: ['finance_officer'],
      }),
    ),
  });
});
