import { randomUUID } from 'node:crypto';
import { type CaseOpenedV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  anOpenedCase,
  findEvents,
  publishEnvelope,
  startInProcess,
  waitFor,
  type AsJson,
  type HttpClient,
  type InProcessService,
  type TestNamespace,
} from '@pdmc/testing';
import { startFunds } from '../src/app';
import type { SettlementCaseView } from '../src/settlement-cases/application/settlement-case-queries.handler';
import { FundsConfig } from '../src/config/funds.config';
import { piiEnv } from './support';

/** Given a case a work unit opened, as handling would publish it. */
const caseOpened = (over: Partial<CaseOpenedV1> = {}) => anOpenedCase({ responsibleBody: 'dept:HRSS', ...over });

describe('funds: the cases settlements may be paid for (real servers)', () => {
  let funds: InProcessService;
  let ns: TestNamespace;
  let api: HttpClient;

  beforeAll(async () => {
    funds = await startInProcess({
      label: 'funds',
      env: piiEnv(),
      start: (env, logs) => startFunds(loadConfig(FundsConfig, env), logs),
    });
    ns = funds.ns;
    // The least-privileged role that may read settlement cases.
    api = await funds.as({ roles: ['finance_officer'] });
  });

  afterAll(async () => {
    await funds?.close();
  });

  const settlementCaseOf = async (caseId: string) => {
    const res = await api.get<AsJson<SettlementCaseView>>(`/settlement-cases/${caseId}`);
    return res.status === 200 ? res.body : undefined;
  };

  const logLinesOf = (eventId: string, msg: string) =>
    funds.logs.filter((l) => l.includes(`"msg":"${msg}"`) && l.includes(`"eventId":"${eventId}"`));

  it('knows a case once handling announced it opened', async () => {
    const event = caseOpened();
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);

    const known = await waitFor(() => settlementCaseOf(event.payload.caseId), { description: 'a settlement case' });
    expect(known).toEqual({
      caseId: event.payload.caseId,
      petitionId: event.payload.petitionId,
      caseNumber: event.payload.caseNumber,
      workUnit: 'LABOUR',
      openedAt: event.payload.openedAt,
      status: 'open',
    });
  });

  it('takes the same event delivered twice (past JetStream de-duplication) without harm', async () => {
    const event = caseOpened({ workUnit: 'ENTERPRISE', responsibleBody: 'dept:ECONOMY' });
    await publishEnvelope(ns.natsUrl, ns.busPrefix, event);
    const first = await waitFor(() => settlementCaseOf(event.payload.caseId), { description: 'a settlement case' });

    await publishEnvelope(ns.natsUrl, ns.busPrefix, event, { msgId: `${event.id}-again` });
    // Handled or failed, the second delivery has run its course once two outcomes are logged.
    await waitFor(
      () => logLinesOf(event.id, 'event handled').length + logLinesOf(event.id, 'event handler failed').length >= 2,
      { description: 'both deliveries handled' },
    );

    expect(logLinesOf(event.id, 'event handler failed')).toEqual([]);
    expect(await settlementCaseOf(event.payload.caseId)).toEqual(first);
    expect(await findEvents(ns, { stream: 'DEAD_LETTERS', mentioning: event.payload.caseId })).toEqual([]);
  });

  it('answers 404 FUNDS.CASE_NOT_FOUND for a case it was never told about', async () => {
    const res = await api.get<{ code: string }>(`/settlement-cases/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('FUNDS.CASE_NOT_FOUND');
  });

  it('answers 400 for a case id that is not a uuid', async () => {
    const res = await api.get<{ code: string; path: string }>('/settlement-cases/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: '/settlement-cases/not-a-uuid',
      details: [expect.objectContaining({ field: 'caseId', rule: 'isUUID' })],
    });
  });
});
