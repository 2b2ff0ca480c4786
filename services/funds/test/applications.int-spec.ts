import { randomUUID } from 'node:crypto';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CASE_TERMINATED_V1, createEnvelope } from '@pdmc/contracts';
import { findEvents, publishEnvelope, waitFor, waitForEvent, type HttpClient } from '@pdmc/testing';
import { ApplicationDocument } from '../src/applications/infrastructure/application.schema';
import {
  aKnownCase,
  approveThroughChain,
  aSettlement,
  clientsFor,
  startFundsForTest,
  type ApiError,
  type FundsUnderTest,
  type Person,
  type View,
} from './support';

/*
 * Issue #16, points 2, 3, 6 and 8: applications for live cases (beneficiary encrypted, masked,
 * audited), the chain by amount, separation of duties, queues, return, withdrawal, rejection.
 */
describe('funds: applications and the approval chain (real servers)', () => {
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;
  let caseId: string;

  beforeAll(async () => {
    sut = await startFundsForTest('fundsapps');
    c = await clientsFor(sut.funds);
    expect((await c.finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 })).status).toBe(201);
    expect((await c.finance.post('/funds/historical_backlog/years/2026/budget', { amountFen: 1_500_000_000 })).status).toBe(201);
    expect((await c.finance.post('/funds/reward/years/2026/budget', { amountFen: 20_000_000 })).status).toBe(201);
    caseId = (await aKnownCase(sut.funds, { workUnit: 'LABOUR', caseNumber: '220106-2026-000501' })).caseId;
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  const submit = async (over: Record<string, unknown> = {}, who: Person = 'handler') => {
    const res = await c[who].post<View>('/fund-applications', aSettlement(caseId, over));
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const decide = (who: Person, id: string, decision: string, extra: Record<string, unknown> = {}) =>
    c[who].post<View & ApiError>(`/fund-applications/${id}/decisions`, { decision, comment: `${decision} by ${who}`, ...extra });

  describe('applications (point 2)', () => {
    it('takes a settlement for a live case with the beneficiary masked, the chain from the amount and a submitted event without personal data', async () => {
      const app = await submit();
      expect(app).toMatchObject({
        fundId: 'stability',
        kind: 'settlement',
        caseId,
        caseNumber: '220106-2026-000501',
        workUnit: 'LABOUR',
        amountFen: 3_860_000,
        status: 'in_approval',
        chain: ['unit_head', 'centre_director'],
        currentLevel: 'unit_head',
        beneficiary: { kind: 'person', name: '王**', idNumber: '110105********002X', phone: expect.stringMatching(/^139\*+11$|^\d{3}\*+\d{2,4}$/) },
        documents: [{ title: '调解协议书', kind: 'agreement', pages: 3, reference: '绿调〔2026〕41号' }],
      });
      expect(app.beneficiary['bankAccount']).toMatch(/^\*+0123$/);

      const event = await waitForEvent(sut.funds.ns, { stream: 'FUNDS', type: 'funds.application.submitted.v1', payload: { applicationId: app.id } });
      expect(event.data['payload']).toEqual({
        applicationId: app.id,
        fundId: 'stability',
        fiscalYear: 2026,
        kind: 'settlement',
        caseId,
        workUnit: 'LABOUR',
        amountFen: 3_860_000,
        submittedAt: expect.any(String),
      });
      expect(JSON.stringify(event.data)).not.toMatch(/王建国|11010519491231002X|13904312211/);
    });

    it('stores the beneficiary encrypted and shows it in full only through the audited endpoint', async () => {
      const app = await submit();
      const model = sut.running.app.get<Model<ApplicationDocument>>(getModelToken(ApplicationDocument.name));
      const raw = JSON.stringify(await model.findById(app.id).lean().exec());
      expect(raw).not.toMatch(/王建国|11010519491231002X|13904312211|6222/);

      expect((await c.auditor.get(`/fund-applications/${app.id}/personal-data`)).status).toBe(403);
      const full = await c.finance.get<{ beneficiary: Record<string, string> }>(`/fund-applications/${app.id}/personal-data`);
      expect(full.body.beneficiary).toMatchObject({ name: '王建国', idNumber: '11010519491231002X', phone: '13904312211', bankAccount: '6222 0212 3456 7890 123' });
      const audit = await c.auditor.get<{ items: Array<Record<string, unknown>> }>(`/audit-events?actor=finance-01&action=fund_application.read_personal_data`);
      expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ objectId: app.id, objectType: 'fund-application' })]));
      expect(sut.funds.logs.filter((l) => /王建国|11010519491231002X|13904312211/.test(l))).toEqual([]);
    });

    it('takes a reward for a unit from the reward fund, and refuses a reward from the stability fund', async () => {
      const reward = await c.finance.post<View>('/fund-applications', {
        fundId: 'reward',
        fiscalYear: 2026,
        kind: 'reward',
        workUnit: 'MEDIATION_LEGAL',
        amountFen: 500_000,
        purpose: '成功化解一起群体性劳资纠纷',
        beneficiary: { kind: 'unit', name: '合心镇人民调解委员会' },
      });
      expect(reward.status).toBe(201);
      expect(reward.body).toMatchObject({ chain: ['centre_director'], beneficiary: { kind: 'unit', name: '合心镇人民调解委员会' } });

      const wrong = await c.finance.post<ApiError>('/fund-applications', { ...aSettlement(caseId), kind: 'reward', workUnit: 'LABOUR' });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 422, code: 'FUNDS.KIND_NOT_ALLOWED' });
    });
  });

  describe('the approval chain (point 3)', () => {
    it('runs up to 50,000 yuan past the unit head, then the centre director, and reserves at the last step', async () => {
      const app = await submit();
      const first = await decide('unitHead', app.id, 'approve');
      expect(first.body).toMatchObject({ status: 'in_approval', currentLevel: 'centre_director' });
      const last = await decide('director', app.id, 'approve');
      expect(last.body).toMatchObject({ status: 'approved', currentLevel: null, reservedFen: 3_860_000 });
      expect(last.body.approvals.map((a) => [a.level, a.by, a.decision])).toEqual([
        ['unit_head', 'head-labour', 'approve'],
        ['centre_director', 'director-01', 'approve'],
      ]);
      await waitForEvent(sut.funds.ns, { stream: 'FUNDS', type: 'funds.application.approved.v1', payload: { applicationId: app.id, amountFen: 3_860_000 } });
    });

    it('adds the deputy district head up to 200,000 yuan, and a recorded joint-meeting decision above', async () => {
      const mid = await submit({ amountFen: 15_000_000 });
      expect(mid.chain).toEqual(['unit_head', 'centre_director', 'deputy_district_head']);
      const big = await submit({ amountFen: 30_000_000 });
      expect(big.chain).toEqual(['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision']);
      await decide('unitHead', big.id, 'approve');
      await decide('director', big.id, 'approve');
      await decide('deputy', big.id, 'approve');
      const bare = await decide('director', big.id, 'approve');
      expect({ status: bare.status, code: bare.body.code }).toEqual({ status: 422, code: 'FUNDS.COLLECTIVE_DECISION_REQUIRED' });
      const done = await decide('director', big.id, 'approve', { collective: { body: 'joint_meeting', reference: '联席会议纪要〔2026〕7号', decidedOn: '2026-11-20' } });
      expect(done.body.status).toBe('approved');
      expect(done.body.approvals[3]).toMatchObject({ level: 'collective_decision', collective: { body: 'joint_meeting', reference: '联席会议纪要〔2026〕7号' } });
    });

    it('refuses a step out of turn with 409 FUNDS.NOT_YOUR_TURN and changes nothing', async () => {
      const app = await submit();
      const res = await decide('director', app.id, 'approve');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'FUNDS.NOT_YOUR_TURN', message: expect.stringContaining('unit_head') });
      expect((await c.director.get<View>(`/fund-applications/${app.id}`)).body).toMatchObject({ currentLevel: 'unit_head', approvals: [] });
    });

    it('lets nobody decide their own application, nor approve twice in one chain', async () => {
      const own = await submit({}, 'unitHead');
      const self = await decide('unitHead', own.id, 'approve');
      expect({ status: self.status, code: self.body.code }).toEqual({ status: 403, code: 'FUNDS.OWN_APPLICATION' });

      const both = await sut.funds.as({ sub: 'head-and-director', roles: ['unit_head', 'centre_director'], units: ['LABOUR'] });
      const app = await submit();
      expect((await both.post(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: '同意' })).status).toBe(200);
      const twice = await both.post<ApiError>(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: '同意' });
      expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 403, code: 'FUNDS.ALREADY_APPROVED_IN_CHAIN' });
    });

    it('keeps another unit’s head out (404) and the case handler from approving (403)', async () => {
      const app = await submit();
      expect((await decide('otherUnitHead', app.id, 'approve')).status).toBe(404);
      expect((await decide('handler', app.id, 'approve')).status).toBe(403);
    });

    it('returns for changes; the applicant revises, and the chain starts again as a new round', async () => {
      const app = await submit();
      await decide('unitHead', app.id, 'approve');
      const returned = await decide('director', app.id, 'return');
      expect(returned.body).toMatchObject({ status: 'returned', allowedActions: ['revise', 'withdraw'] });
      const notMine = await c.otherHandler.post<ApiError>(`/fund-applications/${app.id}/revision`, { comment: '补充材料' });
      expect(notMine.status).toBe(404);
      const revised = await c.handler.post<View>(`/fund-applications/${app.id}/revision`, { comment: '补充材料，调整金额', amountFen: 6_000_000 });
      expect(revised.body).toMatchObject({ status: 'in_approval', round: 2, currentLevel: 'unit_head', amountFen: 6_000_000, chain: ['unit_head', 'centre_director', 'deputy_district_head'] });
      // The unit head approved in round 1; round 2 is a new chain.
      expect((await decide('unitHead', app.id, 'approve')).status).toBe(200);
    });

    it('rejects for good with a comment and a rejected event', async () => {
      const app = await submit();
      const rejected = await decide('unitHead', app.id, 'reject');
      expect(rejected.body).toMatchObject({ status: 'rejected', allowedActions: [] });
      await waitForEvent(sut.funds.ns, { stream: 'FUNDS', type: 'funds.application.rejected.v1', payload: { applicationId: app.id } });
      const late = await decide('director', app.id, 'approve');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'FUNDS.INVALID_STATE', message: expect.stringContaining('rejected') });
    });

    it('lets the applicant withdraw before the final approval, not after', async () => {
      const app = await submit();
      const withdrawn = await c.handler.post<View>(`/fund-applications/${app.id}/withdrawal`, { comment: '当事人已和解' });
      expect(withdrawn.body.status).toBe('withdrawn');
      // Announced, so the case in handling no longer shows it waiting; the comment stays in funds.
      const event = await waitForEvent(sut.funds.ns, { stream: 'FUNDS', type: 'funds.application.withdrawn.v1', payload: { applicationId: app.id } });
      expect(event.data['payload']).toMatchObject({ caseId, amountFen: app.amountFen, fundId: 'stability' });
      expect(JSON.stringify(event.data)).not.toContain('当事人已和解');

      const approved = await approveThroughChain(c, (await submit()).id);
      const late = await c.handler.post<ApiError>(`/fund-applications/${approved.id}/withdrawal`, { comment: '撤回' });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'FUNDS.INVALID_STATE' });
    });

    it('gives each approver a queue of what waits for them, oldest first, never their own', async () => {
      const app = await submit();
      const queueOf = async (who: Person) => (await c[who].get<{ items: View[] }>('/approval-queue?pageSize=100')).body.items.map((v) => v.id);
      expect(await queueOf('unitHead')).toContain(app.id);
      expect(await queueOf('director')).not.toContain(app.id);
      expect(await queueOf('otherUnitHead')).not.toContain(app.id);
      await decide('unitHead', app.id, 'approve');
      expect(await queueOf('unitHead')).not.toContain(app.id);
      expect(await queueOf('director')).toContain(app.id);
      expect((await c.handler.get('/approval-queue')).status).toBe(403);
    });
  });

  describe('cases (point 6)', () => {
    it('refuses a case funds does not know with 422 FUNDS.CASE_UNKNOWN, and stores nothing', async () => {
      const before = (await c.finance.get<{ total: number }>('/fund-applications')).body.total;
      const res = await c.finance.post<ApiError>('/fund-applications', aSettlement(randomUUID()));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'FUNDS.CASE_UNKNOWN' });
      expect((await c.finance.get<{ total: number }>('/fund-applications')).body.total).toBe(before);
    });

    it('refuses a terminated case for the stability fund, but lets the backlog fund settle it', async () => {
      const known = await aKnownCase(sut.funds, { workUnit: 'LABOUR', caseNumber: '220106-2024-000077' });
      await publishEnvelope(
        sut.funds.ns.natsUrl,
        sut.funds.ns.busPrefix,
        createEnvelope(
          CASE_TERMINATED_V1,
          { caseId: known.caseId, petitionId: known.petitionId, caseNumber: known.caseNumber, workUnit: 'LABOUR', ground: 'reexamination_decided', terminatedAt: new Date().toISOString() },
          { correlationId: 'corr-terminated' },
        ),
      );
      await waitFor(async () => (await c.finance.get<{ status: string }>(`/settlement-cases/${known.caseId}`)).body.status === 'terminated', { description: 'the case terminated' });
      const live = await c.handler.post<ApiError>('/fund-applications', aSettlement(known.caseId));
      expect({ status: live.status, code: live.body.code }).toEqual({ status: 409, code: 'FUNDS.CASE_TERMINATED' });
      const backlog = await c.handler.post<View>('/fund-applications', aSettlement(known.caseId, { fundId: 'historical_backlog' }));
      expect(backlog.status).toBe(201);
    });

    it('keeps unit staff to their own units’ cases', async () => {
      const res = await c.otherHandler.post<ApiError>('/fund-applications', aSettlement(caseId));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FUNDS.NOT_YOUR_UNIT' });
      const mine = await submit();
      expect((await c.otherHandler.get(`/fund-applications/${mine.id}`)).status).toBe(404);
      expect((await c.handler.get(`/fund-applications/${mine.id}`)).status).toBe(200);
    });
  });

  describe('bad input (point 8)', () => {
    it.each([
      ['a negative amount', { amountFen: -3_860_000 }, 'amountFen', 'min'],
      ['zero', { amountFen: 0 }, 'amountFen', 'min'],
      ['a fractional fen', { amountFen: 3_860_000.5 }, 'amountFen', 'isInt'],
      ['an unknown fund', { fundId: 'pension' }, 'fundId', 'isIn'],
      ['a case id that is not a uuid', { caseId: 'case-1' }, 'caseId', 'isUuid'],
      ['a broken resident ID', { beneficiary: { kind: 'person', name: '王建国', idNumber: '110105194912310021' } }, 'beneficiary.idNumber', 'isResidentId'],
    ])('refuses %s with 400 naming the field and rule, storing nothing', async (_name, over, field, rule) => {
      const before = (await c.finance.get<{ total: number }>('/fund-applications')).body.total;
      const res = await c.handler.post<ApiError>('/fund-applications', aSettlement(caseId, over));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect((await c.finance.get<{ total: number }>('/fund-applications')).body.total).toBe(before);
    });

    it('refuses at submission what the fund year does not have (409 FUNDS.INSUFFICIENT_FUNDS), storing nothing', async () => {
      const before = (await c.finance.get<{ total: number }>('/fund-applications')).body.total;
      const res = await c.handler.post<ApiError>('/fund-applications', aSettlement(caseId, { amountFen: 200_000_001 }));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'FUNDS.INSUFFICIENT_FUNDS', message: expect.stringContaining('yuan') });
      expect((await c.finance.get<{ total: number }>('/fund-applications')).body.total).toBe(before);
      const noYear = await c.handler.post<ApiError>('/fund-applications', aSettlement(caseId, { fiscalYear: 2031 }));
      expect({ status: noYear.status, code: noYear.body.code }).toEqual({ status: 422, code: 'FUNDS.NO_BUDGET' });
    });

    it('publishes nothing for what it refused', async () => {
      expect(await findEvents(sut.funds.ns, { stream: 'FUNDS', payload: { amountFen: 200_000_001 } })).toEqual([]);
    });
  });
});
