import type { DestinationStream } from 'pino';
import type { Clock } from '@pdmc/calendar';
import type { CaseOpenedV1 } from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { generateKey } from '@pdmc/privacy';
import { anOpenedCase, publishEnvelope, startInProcess, waitFor, type HttpClient, type InProcessService, type TestUser } from '@pdmc/testing';
import { startFunds } from '../src/app';
import { FundsConfig } from '../src/config/funds.config';

/** Keys for beneficiaries' personal data, fresh for each test file. */
export function piiEnv(): Record<string, string> {
  return { PII_KEYS: `k1:${generateKey()}`, PII_ACTIVE_KEY_ID: 'k1', PII_INDEX_KEY: generateKey() };
}

export interface FundsUnderTest {
  funds: InProcessService;
  running: RunningService;
}

/** Starts funds in this process on the test servers; `env` may point it at another instance's database and bus. */
export async function startFundsForTest(label: string, options: { env?: Record<string, string>; clock?: Clock; pii?: Record<string, string> } = {}): Promise<FundsUnderTest> {
  let running!: RunningService;
  const funds = await startInProcess({
    label,
    env: { ...(options.pii ?? piiEnv()), REPAIR_INTERVAL_MS: '3600000', ...options.env },
    start: async (env: Record<string, string>, logs: DestinationStream) => {
      running = await startFunds(loadConfig(FundsConfig, env), logs, { clock: options.clock });
      return running;
    },
  });
  return { funds, running };
}

/** The people of a finance officer's and an approver's week. */
export const people = {
  finance: { sub: 'finance-01', roles: ['finance_officer'] },
  finance2: { sub: 'finance-02', roles: ['finance_officer'] },
  handler: { sub: 'handler-07', roles: ['unit_handler'], units: ['LABOUR'] },
  otherHandler: { sub: 'handler-11', roles: ['unit_handler'], units: ['URBAN_ENV'] },
  unitHead: { sub: 'head-labour', roles: ['unit_head'], units: ['LABOUR'] },
  otherUnitHead: { sub: 'head-urban', roles: ['unit_head'], units: ['URBAN_ENV'] },
  director: { sub: 'director-01', roles: ['centre_director'] },
  deputy: { sub: 'deputy-01', roles: ['deputy_district_head'] },
  auditor: { sub: 'auditor-01', roles: ['auditor'] },
} satisfies Record<string, TestUser>;

export type Person = keyof typeof people;

/** One client per person. */
export async function clientsFor(funds: InProcessService): Promise<Record<Person, HttpClient>> {
  const entries = await Promise.all(Object.entries(people).map(async ([k, u]) => [k, await funds.as(u as TestUser)] as const));
  return Object.fromEntries(entries) as Record<Person, HttpClient>;
}

/** Given a case handling opened, once funds knows it. */
export async function aKnownCase(funds: InProcessService, over: Partial<CaseOpenedV1> = {}): Promise<CaseOpenedV1> {
  const event = anOpenedCase(over);
  await publishEnvelope(funds.ns.natsUrl, funds.ns.busPrefix, event);
  const reader = await funds.as({ roles: ['finance_officer'] });
  await waitFor(async () => (await reader.get(`/settlement-cases/${event.payload.caseId}`)).status === 200, { description: 'funds to know the case' });
  return event.payload;
}

/** A settlement application body for a case (38,600 yuan unless told). */
export function aSettlement(caseId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fundId: 'stability',
    fiscalYear: 2026,
    kind: 'settlement',
    caseId,
    amountFen: 3_860_000,
    purpose: '按调解协议补发拖欠工资',
    beneficiary: { kind: 'person', name: '王建国', idNumber: '11010519491231002X', phone: '13904312211', address: '吉林省长春市绿园区合心镇幸福村3组', bankAccount: '6222 0212 3456 7890 123' },
    documents: [{ title: '调解协议书', kind: 'agreement', pages: 3, reference: '绿调〔2026〕41号' }],
    ...over,
  };
}

export interface View {
  id: string;
  status: string;
  currentLevel: string | null;
  chain: string[];
  amountFen: number;
  reservedFen: number;
  disbursedFen: number;
  beneficiary: Record<string, string>;
  disbursements: Array<{ id: string; amountFen: number; reversed: boolean }>;
  approvals: Array<{ by: string; decision: string; level: string; collective?: Record<string, string> }>;
  allowedActions: string[];
  [key: string]: unknown;
}

export interface YearView {
  budgetFen: number;
  contributionsFen: number;
  carriedInFen: number;
  carriedOutFen: number;
  reservedFen: number;
  disbursedFen: number;
  availableFen: number;
}

export interface ApiError {
  code: string;
  message: string;
  details?: Array<{ field: string; rule: string }>;
}

/** Runs the whole chain of an application with the people who hold its levels. */
export async function approveThroughChain(c: Record<Person, HttpClient>, id: string, comment = '同意'): Promise<View> {
  let view = (await c.director.get<View>(`/fund-applications/${id}`)).body;
  const by: Record<string, Person> = { unit_head: 'unitHead', centre_director: 'director', deputy_district_head: 'deputy', collective_decision: 'director' };
  while (view.status === 'in_approval' && view.currentLevel) {
    const level = view.currentLevel;
    const body: Record<string, unknown> = { decision: 'approve', comment };
    if (level === 'collective_decision') body['collective'] = { body: 'joint_meeting', reference: '联席会议纪要〔2026〕7号', decidedOn: '2026-11-20' };
    const res = await c[by[level] as Person].post<View>(`/fund-applications/${id}/decisions`, body);
    if (res.status !== 200) throw new Error(`approving at ${level}: ${res.status} ${JSON.stringify(res.body)}`);
    view = res.body;
  }
  return view;
}
