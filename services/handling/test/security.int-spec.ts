import { randomUUID } from 'node:crypto';
import type { Role } from '@pdmc/auth';
import { type WorkUnit } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aRoutedPetition,
  describeApiSecurity,
  publishEnvelope,
  startInProcess,
  waitFor,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';
import type { CaseView } from './views';

/*
 * OWASP API Security Top 10 (2023) for handling's HTTP API: the handling-specific checks (API1 unit
 * and body scopes for reading, deciding and printing, API3 field lists and mass assignment, API4
 * paging, API8 the case list's filters) here;
 * authentication, function-level authorisation per role, inventory, injection in ids, headers,
 * CORS, audit trail and logs in the shared suite (libs/testing/src/security-suite.ts).
 */

interface CasePage {
  items: CaseView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Bodies up to this size are read; a decision's texts (at most 14,000 characters) fit well within it. */
const BODY_LIMIT_BYTES = 65_536;
const CASE_FIELDS = [
  'acceptedAt',
  'assignedAt',
  'caseNumber',
  'decision',
  'dueAt',
  'extension',
  'handler',
  'id',
  'openedAt',
  'overdue',
  'petitionId',
  'reexamination',
  'resolutions',
  'responsibleBody',
  'returnReason',
  'review',
  'servedAt',
  'status',
  'supersededDecisions',
  'tasks',
  'workUnit',
];
const DECISION_FIELDS = [
  'decidedAt',
  'decidedBy',
  'facts',
  'id',
  'legalBasis',
  'mediationAgreement',
  'outcome',
  'request',
  'reviewRequestDueAt',
];

/** Given a written decision as a handler writes it. */
const aDecision = (over: Record<string, unknown> = {}) => ({
  outcome: 'explain',
  request: '要求补发拖欠工资。',
  facts: '经调查核实，工资已按劳动合同约定足额发放。',
  legalBasis: '《中华人民共和国劳动合同法》第三十条',
  ...over,
});
const PAGE_FIELDS = ['items', 'page', 'pageSize', 'total'];

/** Given routing's decision for a petition, as routing would publish it. */
const routed = (workUnit: WorkUnit, responsibleBody: string) =>
  aRoutedPetition({ caseNumber: '220106-2026-000900', workUnit, responsibleBody, ruleId: 'TEST.rule', reason: 'security test fixture' });

describe('handling security: OWASP API Security Top 10 (2023) against the real server', () => {
  let handling: InProcessService;
  /**
   * The cases of the fixture, by name; labour1 is decided in the set-up (so that its decision
   * document exists and a second decision is refused with 409), and no test writes after that.
   */
  const cases: Record<'labour1' | 'labour2' | 'urban' | 'agri', CaseView> = {} as never;

  const listIds = async (client: HttpClient, query = ''): Promise<{ ids: string[]; total: number }> => {
    const res = await client.get<CasePage>(`/cases${query}`);
    expect(res.status).toBe(200);
    return { ids: res.body.items.map((c) => c.id).sort(), total: res.body.total };
  };
  const idsOf = (...names: Array<keyof typeof cases>) => names.map((name) => cases[name].id).sort();

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handlingsec',
      start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs),
      env: { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) },
    });

    // Given cases in two units and for two responsible bodies, opened from routing's events.
    const events = {
      labour1: routed('LABOUR', 'dept:labour-inspection'),
      labour2: routed('LABOUR', 'dept:labour-inspection'),
      urban: routed('URBAN_ENV', 'area:HX'),
      agri: routed('AGRI_LAND', 'area:XX'),
    };
    for (const event of Object.values(events)) {
      await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    }
    const dispatcher = await handling.as({ roles: ['dispatcher'] });
    const opened = await waitFor(
      async () => {
        const res = await dispatcher.get<CasePage>('/cases?pageSize=100');
        return res.status === 200 && res.body.total === 4 ? res.body.items : undefined;
      },
      { description: 'the four fixture cases' },
    );
    for (const [name, event] of Object.entries(events)) {
      const found = opened.find((c) => c.petitionId === event.payload.petitionId);
      if (!found) throw new Error(`fixture case ${name} was not opened`);
      cases[name as keyof typeof cases] = found;
    }
    const handler = await handling.as({ sub: 'security-handler', roles: ['unit_handler'], units: ['LABOUR'] });
    for (const [path, body] of [
      ['acceptance', {}],
      ['investigation', {}],
      ['resolutions', { kind: 'investigation', summary: '经调查核实。' }],
      ['resolution', {}],
    ] as const) {
      const res = await handler.post(`/cases/${cases.labour1.id}/${path}`, body);
      if (res.status !== 200) throw new Error(`fixture step ${path} refused: ${res.status}`);
    }
    const decided = await handler.post<CaseView>(`/cases/${cases.labour1.id}/decision`, aDecision());
    if (decided.status !== 200) throw new Error(`fixture decision refused: ${decided.status}`);
    cases.labour1 = decided.body;
  });

  afterAll(async () => {
    await handling?.close();
  });

  describe('API1 broken object-level authorisation (scoped roles)', () => {
    it('shows a LABOUR unit handler only LABOUR cases, totals included', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
      const firstPage = await handler.get<CasePage>('/cases?pageSize=1');
      expect(firstPage.body).toMatchObject({ total: 2, pageSize: 1 });
      expect(firstPage.body.items).toHaveLength(1);
    });

    it('gives a LABOUR unit handler nothing when it asks for another unit or another unit’s petition', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await listIds(handler, '?workUnit=URBAN_ENV')).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, `?petitionId=${cases.urban.petitionId}`)).toEqual({ ids: [], total: 0 });
      expect(await listIds(handler, '?workUnit=LABOUR')).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
    });

    it('answers 404 (not 403) for another unit’s case, exactly as for a case that does not exist', async () => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      const foreign = await handler.get<ApiErrorBody>(`/cases/${cases.urban.id}`);
      const missing = await handler.get<ApiErrorBody>(`/cases/${randomUUID()}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('HANDLING.CASE_NOT_FOUND');
      expect({ ...foreign.body, path: '', correlationId: '' }).toEqual({ ...missing.body, path: '', correlationId: '' });
      expect(await handler.get(`/cases/${cases.labour1.id}`)).toMatchObject({ status: 200, body: cases.labour1 });
    });

    it('scopes a unit head like a unit handler', async () => {
      const head = await handling.as({ roles: ['unit_head'], units: ['URBAN_ENV'] });
      expect(await listIds(head)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect((await head.get(`/cases/${cases.labour2.id}`)).status).toBe(404);
    });

    it('shows a liaison of area:HX only the cases given to that body', async () => {
      const liaison = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      expect(await listIds(liaison, '?workUnit=LABOUR')).toEqual({ ids: [], total: 0 });
      expect(await liaison.get(`/cases/${cases.urban.id}`)).toMatchObject({ status: 200, body: cases.urban });
      expect(await liaison.get(`/cases/${cases.agri.id}`)).toMatchObject({
        status: 404,
        body: { code: 'HANDLING.CASE_NOT_FOUND' },
      });
    });

    it('ignores claims a role does not use: a liaison’s units and a handler’s bodies widen nothing', async () => {
      const liaison = await handling.as({
        roles: ['responsible_body_liaison'],
        bodies: ['area:HX'],
        units: ['LABOUR', 'AGRI_LAND'],
      });
      expect(await listIds(liaison)).toEqual({ ids: idsOf('urban'), total: 1 });
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'], bodies: ['area:HX', 'area:XX'] });
      expect(await listIds(handler)).toEqual({ ids: idsOf('labour1', 'labour2'), total: 2 });
    });

    it('unions the scopes of a user holding two scoped roles', async () => {
      const both = await handling.as({
        roles: ['unit_handler', 'responsible_body_liaison'],
        units: ['LABOUR'],
        bodies: ['area:XX'],
      });
      expect(await listIds(both)).toEqual({ ids: idsOf('agri', 'labour1', 'labour2'), total: 3 });
    });

    it.each([
      ['a unit handler without units', { roles: ['unit_handler'] as Role[] }],
      ['a liaison without bodies', { roles: ['responsible_body_liaison'] as Role[] }],
      ['a liaison whose body is malformed (dropped)', { roles: ['responsible_body_liaison'] as Role[], bodies: ['HX'] }],
    ])('shows %s nothing', async (_name, user) => {
      const client = await handling.as(user);
      expect(await listIds(client)).toEqual({ ids: [], total: 0 });
      expect((await client.get(`/cases/${cases.urban.id}`)).status).toBe(404);
    });

    it('shows a dispatcher the cases of every unit and body', async () => {
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      expect(await listIds(dispatcher)).toEqual({ ids: idsOf('agri', 'labour1', 'labour2', 'urban'), total: 4 });
    });

    it('answers 404 to a handler or head deciding another unit’s case, and changes nothing', async () => {
      for (const user of [
        { roles: ['unit_handler'] as Role[], units: ['LABOUR'] as WorkUnit[] },
        { roles: ['unit_head'] as Role[], units: ['LABOUR'] as WorkUnit[], bodies: ['area:HX'] },
      ]) {
        const res = await (await handling.as(user)).post<ApiErrorBody>(`/cases/${cases.urban.id}/decision`, aDecision());
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'HANDLING.CASE_NOT_FOUND' });
      }
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      expect((await dispatcher.get(`/cases/${cases.urban.id}`)).body).toEqual(cases.urban);
    });

    it.each([
      ['the body’s liaison', { roles: ['unit_handler', 'responsible_body_liaison'] as Role[], units: ['AGRI_LAND'] as WorkUnit[], bodies: ['area:HX'] }],
      ['a dispatcher', { roles: ['unit_handler', 'dispatcher'] as Role[], units: ['AGRI_LAND'] as WorkUnit[] }],
    ])('lets a handler who is also %s read another unit’s case but not decide it (404)', async (_name, user) => {
      const client = await handling.as(user);
      expect((await client.get(`/cases/${cases.urban.id}`)).status).toBe(200);
      const res = await client.post<ApiErrorBody>(`/cases/${cases.urban.id}/decision`, aDecision());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'HANDLING.CASE_NOT_FOUND' });
      expect((await client.get(`/cases/${cases.urban.id}`)).body).toEqual(cases.urban);
    });

    it('scopes the decision document like the case', async () => {
      const path = `/cases/${cases.labour1.id}/decision-document`;
      const urban = await handling.as({ roles: ['unit_head'], units: ['URBAN_ENV'] });
      expect(await urban.get(path)).toMatchObject({ status: 404, body: { code: 'HANDLING.CASE_NOT_FOUND' } });
      const liaison = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      expect((await liaison.get(path)).status).toBe(404);
      const labour = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect((await labour.get(path)).status).toBe(200);
      const body = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['dept:labour-inspection'] });
      expect((await body.get(path)).status).toBe(200);
    });
  });

  describe('API3 broken object property-level authorisation', () => {
    it('returns only the documented fields of a case, alone and in a page (no outbox, sourceEventId, version, _id)', async () => {
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      const one = await dispatcher.get<object>(`/cases/${cases.urban.id}`);
      expect(Object.keys(one.body).sort()).toEqual(CASE_FIELDS);
      const page = await dispatcher.get<CasePage>('/cases');
      expect(Object.keys(page.body).sort()).toEqual(PAGE_FIELDS);
      for (const item of page.body.items) expect(Object.keys(item).sort()).toEqual(CASE_FIELDS);
    });

    it('shows a decision with only its documented fields', async () => {
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      const one = await dispatcher.get<CaseView>(`/cases/${cases.labour1.id}`);
      expect(one.body.status).toBe('decided');
      expect(Object.keys(one.body.decision ?? {}).sort()).toEqual(DECISION_FIELDS);
      expect((await dispatcher.get<CaseView>(`/cases/${cases.labour2.id}`)).body.decision).toBeNull();
    });

    it.each([
      ['status', 'decided'],
      ['decidedBy', 'someone-else'],
      ['decidedAt', '2020-01-01T00:00:00Z'],
      ['reviewRequestDueAt', '2099-01-01T00:00:00Z'],
      ['workUnit', 'LABOUR'],
      ['outbox', []],
      ['id', '5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11'],
    ])('refuses a decision that sets %s itself (mass assignment) with 400, deciding nothing', async (field, value) => {
      const handler = await handling.as({ roles: ['unit_handler'], units: ['LABOUR'] });
      const res = await handler.post<ApiErrorBody>(`/cases/${cases.labour2.id}/decision`, aDecision({ [field]: value }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field, rule: 'whitelistValidation' })]);
      const dispatcher = await handling.as({ roles: ['dispatcher'] });
      expect((await dispatcher.get(`/cases/${cases.labour2.id}`)).body).toEqual(cases.labour2);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it.each(['pageSize=101', 'pageSize=0', 'page=0', 'pageSize=-1', 'page=1e9x'])(
      'refuses ?%s on the case list with 400',
      async (query) => {
        const res = await (await handling.as({ roles: ['dispatcher'] })).get<ApiErrorBody>(`/cases?${query}`);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      },
    );

    it('bounds a page by default', async () => {
      expect((await (await handling.as({ roles: ['dispatcher'] })).get<CasePage>('/cases')).body.pageSize).toBe(20);
    });
  });

  describe('API8 injection in the case list’s filters', () => {
    it.each([
      'petitionId[$ne]=x',
      'workUnit[$gt]=',
      'status[$where]=1',
      'workUnit=LABOUR&workUnit=URBAN_ENV',
      'petitionId=%7B%22%24ne%22%3Anull%7D',
      'workUnit[$in][]=LABOUR&workUnit[$in][]=URBAN_ENV',
    ])('answers ?%s with 400 and no cases', async (query) => {
      for (const user of [
        { roles: ['dispatcher'] as Role[] },
        { roles: ['unit_handler'] as Role[], units: ['LABOUR'] as WorkUnit[] },
      ]) {
        const res = await (await handling.as(user)).get<ApiErrorBody & Partial<CasePage>>(`/cases?${query}`);
        expect({ status: res.status, code: res.body.code, items: res.body.items }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
          items: undefined,
        });
      }
    });
  });

  describeApiSecurity({
    service: 'handling',
    running: () => handling,
    routes: [
      { method: 'get', path: '/cases', permission: 'case.list' },
      { method: 'get', path: '/cases/{id}', permission: 'case.read' },
      // labour1 is decided already: whoever passes the guard and the scope is refused with 409.
      { method: 'post', path: '/cases/{id}/decision', permission: 'case.decide', body: () => aDecision() },
      { method: 'get', path: '/cases/{id}/decision-document', permission: 'case.read' },
      { method: 'get', path: '/cases/{id}/history', permission: 'case.read' },
      { method: 'get', path: '/queue', permission: 'case.list' },
      { method: 'get', path: '/queue/load', permission: 'case.list' },
      { method: 'get', path: '/tasks/overdue', permission: 'case.list' },
      // The lifecycle's steps on the decided labour1: refused for its state (409), a rule (422) or
      // an unknown task (404) to whoever passes the guard, so the fixture stays as it is.
      { method: 'post', path: '/cases/{id}/acceptance', permission: 'case.work', body: {} },
      { method: 'post', path: '/cases/{id}/return', permission: 'case.work', body: { reason: '不属本单元职责' } },
      { method: 'post', path: '/cases/{id}/investigation', permission: 'case.work', body: {} },
      { method: 'post', path: '/cases/{id}/resolution', permission: 'case.work', body: {} },
      { method: 'post', path: '/cases/{id}/resolutions', permission: 'case.work', body: { kind: 'investigation', summary: '调查' } },
      { method: 'post', path: '/cases/{id}/handler', permission: 'case.assign', body: { handler: 'handler-x' } },
      { method: 'post', path: '/cases/{id}/withdrawal', permission: 'case.withdraw', body: { reason: '撤回' } },
      { method: 'post', path: '/cases/{id}/decision/correction', permission: 'case.decide', body: () => ({ ...aDecision(), correctionReason: '更正' }) },
      { method: 'post', path: '/cases/{id}/service', permission: 'case.work', body: { servedAt: '2099-01-01T00:00:00Z' } },
      { method: 'post', path: '/cases/{id}/closure', permission: 'case.work', body: {} },
      { method: 'post', path: '/cases/{id}/tasks', permission: 'case.work', body: { instructions: '核查', dueAt: '2099-01-01T00:00:00Z' } },
      { method: 'post', path: '/cases/{id}/tasks/{taskId}/report', permission: 'case.report_task', body: { findings: '属实', actions: '已处理' } },
      { method: 'post', path: '/cases/{id}/tasks/{taskId}/review', permission: 'case.work', body: { decision: 'accept' } },
      { method: 'post', path: '/cases/{id}/extension', permission: 'case.work', body: { days: 10, reason: '需鉴定' } },
      { method: 'post', path: '/cases/{id}/extension/decision', permission: 'case.approve_extension', body: { decision: 'approve' } },
      { method: 'post', path: '/cases/{id}/review', permission: 'case.register_review', body: { channel: 'clerk', grounds: '不服', requestedAt: '2099-01-01T00:00:00Z' } },
      { method: 'post', path: '/cases/{id}/review/decision', permission: 'case.decide_review', body: { outcome: 'uphold', reasoning: '维持' } },
      { method: 'post', path: '/cases/{id}/review/service', permission: 'case.decide_review', body: {} },
      { method: 'post', path: '/cases/{id}/reexamination', permission: 'case.register_review', body: { channel: 'clerk', grounds: '不服', requestedAt: '2099-01-01T00:00:00Z' } },
      { method: 'post', path: '/cases/{id}/reexamination/decision', permission: 'case.decide_review', body: { outcome: 'uphold', reasoning: '维持' } },
      // The case view's sections from routing's joint meetings and funds' settlements.
      { method: 'get', path: '/cases/{id}/meetings', permission: 'case.read' },
      { method: 'get', path: '/cases/{id}/settlements', permission: 'case.read' },
    ],
    params: () => ({ id: cases.labour1.id }),
    bodyLimit: { method: 'post', path: '/cases/{id}/decision', bytes: BODY_LIMIT_BYTES },
    // Printing the decision document is audited.
    auditedAct: async (actor) => {
      const client = await handling.as({ sub: actor, roles: ['unit_handler'], units: ['LABOUR'] });
      const res = await client.get(`/cases/${cases.labour1.id}/decision-document`);
      expect(res.status).toBe(200);
      return { action: 'case.print_decision', objectId: cases.labour1.id };
    },
  });
});
