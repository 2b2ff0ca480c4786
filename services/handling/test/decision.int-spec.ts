import { randomUUID } from 'node:crypto';
import type { PetitionRoutedV1 } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  aRoutedPetition,
  findPersonalData,
  publishEnvelope,
  sleep,
  startInProcess,
  streamMessages,
  waitFor,
  type ApiErrorBody,
  type HttpClient,
  type InProcessService,
  type StoredMessage,
  type TestUser,
} from '@pdmc/testing';
import { startHandling } from '../src/app';
import { HandlingConfig } from '../src/config/handling.config';
import { defaultWorkingCalendar } from '@pdmc/calendar';
import { reviewRequestPeriod } from '../src/cases/domain/case-deadlines';
import { chineseDate } from '../src/cases/domain/decision-document';
import type { CaseView, DecisionView } from './views';

const DAY_MS = 24 * 60 * 60 * 1000;

interface CasePage {
  items: CaseView[];
  total: number;
}

/** What a petitioner told the centre, as a handler would quote it: personal data that must stay in handling. */
const PETITIONER_NAME = '赵丽华';
const PETITIONER_PHONE = '13700137000';

/** Given a written decision as a labour handler writes it. */
const aDecision = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  outcome: 'support',
  request: `信访人${PETITIONER_NAME}（电话${PETITIONER_PHONE}）要求原单位补发2025年3月至8月拖欠的工资共计18600元。`,
  facts: '经区劳动保障监察大队调查核实，该公司自2025年3月起未按劳动合同约定支付工资，拖欠情况属实。',
  legalBasis: '《中华人民共和国劳动合同法》第三十条；《保障农民工工资支付条例》第十五条',
  ...over,
});

/** The decision of a decided case (fails the test when there is none). */
function decisionOf(view: CaseView): DecisionView {
  if (!view.decision) throw new Error(`case ${view.id} has no decision`);
  return view.decision;
}

const CONTRACT_FIELDS = [
  'caseId',
  'caseNumber',
  'decidedAt',
  'decisionId',
  'outcome',
  'petitionId',
  'responsibleBody',
  'reviewRequestDueAt',
  'workUnit',
];

describe('handling: the written handling decision (信访处理意见书) against the real servers', () => {
  let handling: InProcessService;
  let dispatcher: HttpClient;
  let labourHandler: HttpClient;

  beforeAll(async () => {
    handling = await startInProcess({
      label: 'handlingdecide',
      start: (env, logs) => startHandling(loadConfig(HandlingConfig, env), logs),
    });
    dispatcher = await handling.as({ roles: ['dispatcher'] });
    labourHandler = await handling.as({ sub: 'handler-li', roles: ['unit_handler'], units: ['LABOUR'] });
  });

  afterAll(async () => {
    await handling?.close();
  });

  /**
   * Given a case ready for its decision: opened from routing's event, as routing would publish
   * it, then accepted, investigated (findings recorded) and resolving, by a handler of its unit.
   */
  const openCase = async (over: Partial<PetitionRoutedV1> = {}): Promise<CaseView> => {
    const assigned = await openAssignedCase(over);
    const unit = await handling.as({ sub: 'handler-prep', roles: ['unit_handler'], units: [assigned.workUnit as never] });
    for (const [path, body] of [
      ['acceptance', {}],
      ['investigation', {}],
      ['resolutions', { kind: 'investigation', summary: '经实地调查，核实了信访人反映的情况。' }],
      ['resolution', {}],
    ] as const) {
      const res = await unit.post(`/cases/${assigned.id}/${path}`, body);
      if (res.status !== 200) throw new Error(`preparing ${assigned.id}: ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
    }
    return caseById(assigned.id);
  };

  /** Given a case opened from routing's event, as routing would publish it. */
  const openAssignedCase = async (over: Partial<PetitionRoutedV1> = {}): Promise<CaseView> => {
    const event = aRoutedPetition({
      workUnit: 'LABOUR',
      responsibleBody: 'area:HX',
      ruleId: 'LABOUR.wages',
      caseNumber: `220106-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      ...over,
    });
    await publishEnvelope(handling.ns.natsUrl, handling.ns.busPrefix, event);
    return waitFor(
      async () => {
        const res = await dispatcher.get<CasePage>(`/cases?petitionId=${event.payload.petitionId}`);
        return res.body.items?.[0];
      },
      { description: `the case of petition ${event.payload.petitionId}` },
    );
  };

  const caseById = async (id: string): Promise<CaseView> => {
    const res = await dispatcher.get<CaseView>(`/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const decidedEvents = async (caseId: string): Promise<StoredMessage[]> =>
    (await streamMessages(handling.ns.natsUrl, `${handling.ns.streamPrefix}HANDLING`)).filter(
      (m) =>
        m.data['type'] === 'handling.case.decided.v1' &&
        (m.data['payload'] as Record<string, unknown>)['caseId'] === caseId,
    );

  const waitForDecidedEvent = (caseId: string) =>
    waitFor(
      async () => {
        const found = await decidedEvents(caseId);
        return found.length ? found : undefined;
      },
      { description: `a case.decided event for ${caseId}` },
    );

  /** Three outbox polls (OUTBOX_POLL_MS is 200 in tests): an event written would be out by now. */
  const afterThreePolls = () => sleep(600);

  const auditOf = async (query: string) =>
    (await (await handling.as({ roles: ['auditor'] })).get<{ items: Array<Record<string, unknown>> }>(`/audit-events?${query}`))
      .body.items;

  describe('deciding a case', () => {
    it('decides an open case of the handler’s unit: 200 with the decision, the case decided, the review due in 30 days', async () => {
      const opened = await openCase();
      expect(opened).toMatchObject({ status: 'resolving', decision: null });

      const res = await labourHandler.post<CaseView>(`/cases/${opened.id}/decision`, aDecision({ mediationAgreement: true }));
      expect(res.status).toBe(200);
      const decided = res.body;
      expect(decided).toMatchObject({
        ...opened,
        status: 'decided',
        decision: {
          outcome: 'support',
          request: aDecision()['request'],
          facts: aDecision()['facts'],
          legalBasis: aDecision()['legalBasis'],
          mediationAgreement: true,
          decidedBy: 'handler-li',
        },
      });
      const decision = decisionOf(decided);
      expect(decision.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(decision).sort()).toEqual(
        ['decidedAt', 'decidedBy', 'facts', 'id', 'legalBasis', 'mediationAgreement', 'outcome', 'request', 'reviewRequestDueAt'],
      );
      expect(Math.abs(Date.parse(decision.decidedAt) - Date.now())).toBeLessThan(60_000);
      // Until it is served, counted as if served on the day of the decision: 30 days on, to the end of a Beijing day.
      expect(decision.reviewRequestDueAt).toBe(reviewRequestPeriod(defaultWorkingCalendar(), new Date(decision.decidedAt)).dueAt.toISOString());
      expect(Date.parse(decision.reviewRequestDueAt) - Date.parse(decision.decidedAt)).toBeGreaterThan(30 * DAY_MS);

      // The case view and the list show it the same way.
      expect(await caseById(opened.id)).toEqual(decided);
      const listed = await dispatcher.get<CasePage>(`/cases?petitionId=${opened.petitionId}&status=decided`);
      expect(listed.body).toMatchObject({ total: 1, items: [decided] });
      const stillOpen = await dispatcher.get<CasePage>(`/cases?petitionId=${opened.petitionId}&status=resolving`);
      expect(stillOpen.body.total).toBe(0);
    });

    it('emits handling.case.decided.v1 exactly once, with the contract’s fields only and the request’s correlation', async () => {
      const opened = await openCase();
      const res = await labourHandler.post<CaseView>(`/cases/${opened.id}/decision`, aDecision({ outcome: 'explain' }), {
        'x-correlation-id': 'desk-decide-0001',
      });
      expect(res.status).toBe(200);
      const decision = decisionOf(res.body);

      const [message] = await waitForDecidedEvent(opened.id);
      await afterThreePolls();
      expect(await decidedEvents(opened.id)).toHaveLength(1);
      expect(message.subject).toBe(`${handling.ns.busPrefix}.handling.case.decided.v1`);
      expect(message.data).toMatchObject({
        type: 'handling.case.decided.v1',
        producer: 'handling',
        correlationId: 'desk-decide-0001',
      });
      const payload = message.data['payload'] as Record<string, unknown>;
      expect(Object.keys(payload).sort()).toEqual(CONTRACT_FIELDS);
      expect(payload).toEqual({
        decisionId: decision.id,
        caseId: opened.id,
        petitionId: opened.petitionId,
        caseNumber: opened.caseNumber,
        workUnit: 'LABOUR',
        responsibleBody: 'area:HX',
        outcome: 'explain',
        decidedAt: decision.decidedAt,
        reviewRequestDueAt: decision.reviewRequestDueAt,
      });
      // No free text, and nothing of the petitioner, leaves handling.
      const text = JSON.stringify(message.data);
      for (const secret of [PETITIONER_NAME, PETITIONER_PHONE, '18600', '劳动保障监察大队', '劳动合同法', 'handler-li']) {
        expect(text).not.toContain(secret);
      }
    });

    it('refuses a second decision with 409 HANDLING.ALREADY_DECIDED, keeps the first and emits nothing more', async () => {
      const opened = await openCase();
      const first = await labourHandler.post<CaseView>(`/cases/${opened.id}/decision`, aDecision());
      expect(first.status).toBe(200);
      await waitForDecidedEvent(opened.id);

      const head = await handling.as({ sub: 'head-wang', roles: ['unit_head'], units: ['LABOUR'] });
      const second = await head.post<ApiErrorBody>(`/cases/${opened.id}/decision`, aDecision({ outcome: 'not_support' }));
      expect(second.status).toBe(409);
      expect(second.headers['content-type']).toMatch(/^application\/json/);
      expect(second.body).toMatchObject({ statusCode: 409, code: 'HANDLING.ALREADY_DECIDED' });

      await afterThreePolls();
      expect(await caseById(opened.id)).toEqual(first.body);
      expect(await decidedEvents(opened.id)).toHaveLength(1);
    });

    it('lets exactly one of several simultaneous decisions win, with one event', async () => {
      const opened = await openCase();
      const outcomes = ['support', 'explain', 'not_support', 'support'];
      const results = await Promise.all(
        outcomes.map((outcome) => labourHandler.post<CaseView & ApiErrorBody>(`/cases/${opened.id}/decision`, aDecision({ outcome }))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(3).fill('HANDLING.ALREADY_DECIDED'));
      const winner = decisionOf(results.filter((r) => r.status === 200)[0].body);

      const [event] = await waitForDecidedEvent(opened.id);
      await afterThreePolls();
      expect(await decidedEvents(opened.id)).toHaveLength(1);
      expect(event.data['payload']).toMatchObject({ decisionId: winner.id, outcome: winner.outcome });
      expect(decisionOf(await caseById(opened.id))).toEqual(winner);
    });

    it('lets a unit head decide a case of the unit', async () => {
      const opened = await openCase({ workUnit: 'URBAN_ENV', responsibleBody: 'dept:housing-construction' });
      const head = await handling.as({ sub: 'head-zhou', roles: ['unit_head'], units: ['URBAN_ENV'] });
      const res = await head.post<CaseView>(`/cases/${opened.id}/decision`, aDecision({ outcome: 'not_support' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'decided', decision: { outcome: 'not_support', decidedBy: 'head-zhou' } });
    });
  });

  describe('who may decide', () => {
    it('answers another unit’s handler 404, exactly as for a case that does not exist, and stores nothing', async () => {
      const opened = await openCase({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' });
      const foreign = await labourHandler.post<ApiErrorBody>(`/cases/${opened.id}/decision`, aDecision());
      const missing = await labourHandler.post<ApiErrorBody>(`/cases/${randomUUID()}/decision`, aDecision());
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('HANDLING.CASE_NOT_FOUND');
      expect({ ...foreign.body, path: '', correlationId: '' }).toEqual({ ...missing.body, path: '', correlationId: '' });

      // A handler whose token names the case's body but no unit fares no better: handlers are scoped by unit.
      const noUnit = await handling.as({ roles: ['unit_handler'], bodies: ['area:XX'] });
      expect((await noUnit.post(`/cases/${opened.id}/decision`, aDecision())).status).toBe(404);

      await afterThreePolls();
      expect(await caseById(opened.id)).toEqual(opened);
      expect(await decidedEvents(opened.id)).toHaveLength(0);
    });

    it.each<[string, TestUser]>([
      ['a liaison of the responsible body', { roles: ['responsible_body_liaison'], bodies: ['area:XX'] }],
      ['a dispatcher', { roles: ['dispatcher'] }],
      ['a supervision commissioner', { roles: ['supervision_commissioner'] }],
    ])('refuses %s with 403 and stores nothing', async (_name, user) => {
      const opened = await openCase({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' });
      const client = await handling.as(user);
      const res = await client.post<ApiErrorBody>(`/cases/${opened.id}/decision`, aDecision());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      expect(await caseById(opened.id)).toEqual(opened);
      expect(await decidedEvents(opened.id)).toHaveLength(0);
    });
  });

  describe('input validation', () => {
    let target: CaseView;

    beforeAll(async () => {
      target = await openCase();
    });

    const without = (field: string) => {
      const body = aDecision();
      delete body[field];
      return body;
    };

    it.each([
      ['an unknown outcome', aDecision({ outcome: 'partly' }), 'outcome', 'isIn'],
      ['no outcome', without('outcome'), 'outcome', 'isIn'],
      ['no request', without('request'), 'request', 'isNotEmpty'],
      ['a request of blanks', aDecision({ request: '   \n ' }), 'request', 'isNotEmpty'],
      ['a request of 2001 characters', aDecision({ request: '要'.repeat(2001) }), 'request', 'maxLength'],
      ['a request that is not text', aDecision({ request: 42 }), 'request', 'isString'],
      ['empty facts', aDecision({ facts: '' }), 'facts', 'isNotEmpty'],
      ['facts of 10001 characters', aDecision({ facts: '查'.repeat(10001) }), 'facts', 'maxLength'],
      ['facts as a list', aDecision({ facts: ['属实'] }), 'facts', 'isString'],
      ['no legal basis', without('legalBasis'), 'legalBasis', 'isNotEmpty'],
      ['a legal basis of 2001 characters', aDecision({ legalBasis: '法'.repeat(2001) }), 'legalBasis', 'maxLength'],
      ['a mediation agreement as text', aDecision({ mediationAgreement: 'yes' }), 'mediationAgreement', 'isBoolean'],
      ['a mediation agreement as a string "true"', aDecision({ mediationAgreement: 'true' }), 'mediationAgreement', 'isBoolean'],
      ['an undeclared field', aDecision({ petitionerName: PETITIONER_NAME }), 'petitionerName', 'whitelistValidation'],
      ['the decider set by the caller', aDecision({ decidedBy: 'someone-else' }), 'decidedBy', 'whitelistValidation'],
      ['the status set by the caller', aDecision({ status: 'open' }), 'status', 'whitelistValidation'],
      ['an operator instead of text', aDecision({ request: { $ne: null } }), 'request', 'isString'],
    ])('answers %s with 400 naming the field and rule, and stores nothing', async (_name, body, field, rule) => {
      const res = await labourHandler.post<ApiErrorBody>(`/cases/${target.id}/decision`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(await caseById(target.id)).toEqual(target);
    });

    it('answers a body that is not JSON with 400 MALFORMED_JSON', async () => {
      const res = await labourHandler.post<ApiErrorBody>(`/cases/${target.id}/decision`, '{"outcome":', {
        'content-type': 'application/json',
      });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'MALFORMED_JSON' });
    });

    it('answers a malformed case id with 400 naming the id', async () => {
      const res = await labourHandler.post<ApiErrorBody>('/cases/not-a-uuid/decision', aDecision());
      expect(res.status).toBe(400);
      expect(res.body.details?.map((d) => d.field)).toEqual(['id']);
    });

    it('emitted nothing for any refused input, then accepts texts at their maximum lengths, trimmed', async () => {
      expect(await decidedEvents(target.id)).toHaveLength(0);
      const res = await labourHandler.post<CaseView>(`/cases/${target.id}/decision`, {
        outcome: 'support',
        request: ` ${'要'.repeat(2000)}\n`,
        facts: '查'.repeat(10000),
        legalBasis: `\t${'法'.repeat(2000)} `,
      });
      expect(res.status).toBe(200);
      expect(res.body.decision).toMatchObject({
        request: '要'.repeat(2000),
        facts: '查'.repeat(10000),
        legalBasis: '法'.repeat(2000),
        mediationAgreement: false,
      });
      await waitForDecidedEvent(target.id);
    });
  });

  describe('the printable decision document', () => {
    it('prints the decision as escaped HTML with the case, unit, body, texts, outcome, basis, date and the review right', async () => {
      const opened = await openCase({ caseNumber: '220106-2026-000777' });
      const hostile = '<script>alert("x")</script>';
      const decided = await labourHandler.post<CaseView>(
        `/cases/${opened.id}/decision`,
        aDecision({
          outcome: 'not_support',
          request: `要求补发工资${hostile}`,
          facts: '经查，<img src=x onerror=alert(1)>工资已于2025年9月足额发放。',
          legalBasis: '《劳动合同法》第三十条 & "说明"',
        }),
      );
      expect(decided.status).toBe(200);
      const decision = decisionOf(decided.body);

      const res = await labourHandler.get<string>(`/cases/${opened.id}/decision-document`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const html = res.body;
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('要求补发工资&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('《劳动合同法》第三十条 &amp; &quot;说明&quot;');
      expect(html).toContain('信访处理意见书');
      expect(html).toContain('220106-2026-000777');
      expect(html).toContain('绿园区人民内部矛盾调处中心劳动保障工作单元');
      expect(html).toContain('责任单位：合心镇');
      expect(html).toContain('<strong>不予支持</strong>');
      expect(html).toContain(chineseDate(new Date(decision.decidedAt)));
      expect(html).toContain(
        // The window ends at 24:00 of its last day: the document names that day.
        `30日内（截至${chineseDate(new Date(Date.parse(decision.reviewRequestDueAt) - 1))}）向原办理机关的上一级机关请求复查`,
      );
    });

    it.each([
      ['support', '支持'],
      ['explain', '解释说明'],
    ])('prints the outcome %s as %s', async (outcome, label) => {
      const opened = await openCase();
      expect((await labourHandler.post(`/cases/${opened.id}/decision`, aDecision({ outcome }))).status).toBe(200);
      const res = await labourHandler.get<string>(`/cases/${opened.id}/decision-document`);
      expect(res.body).toContain(`<strong>${label}</strong>`);
    });

    it('answers 404 HANDLING.DECISION_NOT_FOUND while the case is undecided', async () => {
      const opened = await openCase();
      const res = await labourHandler.get<ApiErrorBody>(`/cases/${opened.id}/decision-document`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.code).toBe('HANDLING.DECISION_NOT_FOUND');
    });

    it('is scoped like the case: another unit gets 404, the responsible body’s liaison and centre-wide readers get it', async () => {
      const opened = await openCase({ responsibleBody: 'dept:labour-inspection' });
      expect((await labourHandler.post(`/cases/${opened.id}/decision`, aDecision())).status).toBe(200);

      const urban = await handling.as({ roles: ['unit_handler'], units: ['URBAN_ENV'] });
      const foreign = await urban.get<ApiErrorBody>(`/cases/${opened.id}/decision-document`);
      expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'HANDLING.CASE_NOT_FOUND' });
      const otherBody = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] });
      expect((await otherBody.get(`/cases/${opened.id}/decision-document`)).status).toBe(404);

      const liaison = await handling.as({ roles: ['responsible_body_liaison'], bodies: ['dept:labour-inspection'] });
      const printed = await liaison.get<string>(`/cases/${opened.id}/decision-document`);
      expect(printed.status).toBe(200);
      // A department is printed by its name in the gazetteer.
      expect(printed.body).toContain('责任单位：区劳动保障监察大队');
      expect((await dispatcher.get(`/cases/${opened.id}/decision-document`)).status).toBe(200);
      const noRead = await handling.as({ roles: ['finance_officer'] });
      expect((await noRead.get(`/cases/${opened.id}/decision-document`)).status).toBe(403);
    });
  });

  describe('audit trail and logs', () => {
    it('audits each decision, refused ones too, and each print of the document', async () => {
      const opened = await openCase();
      const handler = await handling.as({ sub: 'handler-audit', roles: ['unit_handler'], units: ['LABOUR'] });
      expect((await handler.post(`/cases/${opened.id}/decision`, aDecision())).status).toBe(200);
      expect((await handler.post(`/cases/${opened.id}/decision`, aDecision())).status).toBe(409);
      expect((await handler.get(`/cases/${opened.id}/decision-document`)).status).toBe(200);

      const decisions = await auditOf(`objectId=${opened.id}&action=case.decide`);
      expect(decisions).toEqual([
        expect.objectContaining({ outcome: 'failure', status: 409, objectType: 'case', actor: expect.objectContaining({ subject: 'handler-audit' }) }),
        expect.objectContaining({ outcome: 'success', status: 200, objectType: 'case', actor: expect.objectContaining({ subject: 'handler-audit' }) }),
      ]);
      const prints = await auditOf(`objectId=${opened.id}&action=case.print_decision`);
      expect(prints).toEqual([expect.objectContaining({ outcome: 'success', status: 200, method: 'GET' })]);
    });

    // Last: scans every line this file made the service write.
    it('never logs the petitioner’s data or the decision’s texts', () => {
      expect(handling.logs.some((line) => line.includes('/decision'))).toBe(true);
      expect(
        findPersonalData(handling.logs, [PETITIONER_NAME, PETITIONER_PHONE, '18600', '劳动保障监察大队', '<script>', '要要要要', '查查查查']),
      ).toEqual([]);
    });
  });
});
