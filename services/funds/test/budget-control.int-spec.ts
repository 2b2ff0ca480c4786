import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { waitForEvent, type HttpClient } from '@pdmc/testing';
import { ApplicationsRepair } from '../src/applications/application/applications-repair';
import { reservationIdOf } from '../src/applications/application/decide-step.handler';
import { ApplicationDocument, type PendingMovement } from '../src/applications/infrastructure/application.schema';
import { BalanceBook } from '../src/ledger/application/balance-book';
import {
  aKnownCase,
  aSettlement,
  clientsFor,
  people,
  piiEnv,
  startFundsForTest,
  type ApiError,
  type FundsUnderTest,
  type Person,
  type View,
  type YearView,
} from './support';

/*
 * Issue #16, point 4: the budget cannot be beaten. Final approvals race from two instances on one
 * database; an approval interrupted between the balance and the application is finished once,
 * never twice; cancelling an approved application releases what it still holds.
 */
describe('funds: budget control under concurrency and crashes (two instances, real servers)', () => {
  let one: FundsUnderTest;
  let two: FundsUnderTest;
  let c1: Record<Person, HttpClient>;
  let c2: Record<Person, HttpClient>;

  beforeAll(async () => {
    const pii = piiEnv();
    one = await startFundsForTest('fundsrace', { pii });
    two = await startFundsForTest('fundsrace2', {
      pii,
      env: { MONGO_DB: one.funds.ns.dbName('fundsrace'), BUS_PREFIX: one.funds.ns.busPrefix },
    });
    c1 = await clientsFor(one.funds);
    c2 = await clientsFor(two.funds);
  });

  afterAll(async () => {
    await two?.funds.close();
    await one?.funds.close();
  });

  const yearOf = async (fund: string, y: number) => (await c1.auditor.get<YearView>(`/funds/${fund}/years/${y}`)).body;

  it('never reserves more than the budget when 30 final approvals race from two instances', async () => {
    // 10,000 yuan; 30 rewards of 500 yuan each: only 20 fit.
    expect((await c1.finance.post('/funds/reward/years/2027/budget', { amountFen: 1_000_000 })).status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await (i % 2 ? c2 : c1).finance.post<View>('/fund-applications', {
        fundId: 'reward',
        fiscalYear: 2027,
        kind: 'reward',
        workUnit: 'MEDIATION_LEGAL',
        amountFen: 50_000,
        purpose: `调解员表彰 ${i}`,
        beneficiary: { kind: 'unit', name: `第${i}调解小组` },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    // The reward chain below 10,000 yuan is one step: each of these is the final approval.
    const answers = await Promise.all(
      ids.map((id, i) => (i % 2 ? c2 : c1).director.post<View & ApiError>(`/fund-applications/${id}/decisions`, { decision: 'approve', comment: '同意表彰' })),
    );
    const approved = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(approved).toHaveLength(20);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(10).fill([409, 'FUNDS.INSUFFICIENT_FUNDS']));

    expect(await yearOf('reward', 2027)).toMatchObject({ budgetFen: 1_000_000, reservedFen: 1_000_000, availableFen: 0 });
    // The refused stay at their last step, nothing held for them.
    for (const r of refused) expect(r.body.message).toMatch(/overspend/);
    const waiting = await c1.director.get<{ total: number; items: View[] }>('/fund-applications?fundId=reward&fiscalYear=2027&status=in_approval&pageSize=100');
    expect(waiting.body.total).toBe(10);
    expect(waiting.body.items.every((v) => v.reservedFen === 0 && v.movementInProgress === false)).toBe(true);

    const rec = await c2.auditor.get<{ consistent: boolean }>('/ledger/reconciliation');
    expect(rec.body.consistent).toBe(true);
    const ledger = await c1.auditor.get<{ items: Array<{ kind: string }>; total: number }>('/funds/reward/years/2027/ledger?pageSize=100');
    expect(ledger.body.items.filter((e) => e.kind === 'reservation')).toHaveLength(20);
  });

  describe('an approval interrupted between the fund year and the application', () => {
    let caseId: string;

    beforeAll(async () => {
      expect((await c1.finance.post('/funds/stability/years/2027/budget', { amountFen: 10_000_000 })).status).toBe(201);
      caseId = (await aKnownCase(one.funds, { workUnit: 'LABOUR' })).caseId;
    });

    /** An application at its last step, and the intent its final approval writes before the balance changes. */
    const atLastStep = async (amountFen: number): Promise<{ app: ApplicationDocument; movement: PendingMovement }> => {
      const submitted = (await c1.handler.post<View>('/fund-applications', aSettlement(caseId, { fiscalYear: 2027, amountFen }))).body;
      expect((await c1.unitHead.post(`/fund-applications/${submitted.id}/decisions`, { decision: 'approve', comment: '同意' })).status).toBe(200);
      const model = one.running.app.get<Model<ApplicationDocument>>(getModelToken(ApplicationDocument.name));
      const app = (await model.findById(submitted.id).lean().exec()) as ApplicationDocument;
      const at = new Date();
      const id = reservationIdOf(app._id);
      const movement: PendingMovement = {
        id,
        entry: { id, fundYearId: app.fundYearId, fundId: app.fundId, fiscalYear: app.fiscalYear, kind: 'reservation', amountFen, deltas: { reservedFen: amountFen }, applicationId: app._id, caseId, workUnit: app.workUnit, by: people.director.sub, at },
        since: new Date(at.getTime() - 60_000),
        previousStatus: 'in_approval',
        after: {
          status: 'approved',
          currentLevel: null,
          reservedDelta: amountFen,
          disbursedDelta: 0,
          approval: { round: 1, step: 1, level: 'centre_director', decision: 'approve', by: people.director.sub, at, comment: '同意' },
          history: { at, by: people.director.sub, action: 'approved at step 2 (centre_director); reserved', ledgerEntryId: id },
          outbox: [],
        },
      };
      await model.updateOne({ _id: app._id }, { $set: { pendingMovement: movement }, $inc: { version: 1 } }).exec();
      return { app, movement };
    };

    it('is finished once by the repair pass of the other instance, and a retry of the request changes nothing more', async () => {
      const { app, movement } = await atLastStep(2_000_000);
      // The crash: the fund year took the reservation, the application never heard back.
      expect(await one.running.app.get(BalanceBook).apply(movement.entry)).toEqual({ applied: true, already: false });
      expect((await yearOf('stability', 2027)).reservedFen).toBe(2_000_000);

      const repaired = await two.running.app.get(ApplicationsRepair).run(0);
      expect(repaired.applications).toBe(1);
      const view = (await c2.director.get<View>(`/fund-applications/${app._id}`)).body;
      expect(view).toMatchObject({ status: 'approved', reservedFen: 2_000_000, movementInProgress: false });

      const retry = await c1.director.post<View & ApiError>(`/fund-applications/${app._id}/decisions`, { decision: 'approve', comment: '同意' });
      expect({ status: retry.status, code: retry.body.code }).toEqual({ status: 409, code: 'FUNDS.INVALID_STATE' });
      await one.running.app.get(ApplicationsRepair).run(0);
      expect(await yearOf('stability', 2027)).toMatchObject({ reservedFen: 2_000_000, availableFen: 8_000_000 });
      expect((await c1.auditor.get<{ consistent: boolean }>('/ledger/reconciliation')).body.consistent).toBe(true);
    });

    it('is finished by the approver retrying the request when the crash came before the fund year moved', async () => {
      const { app } = await atLastStep(1_000_000);
      const retry = await c2.director.post<View>(`/fund-applications/${app._id}/decisions`, { decision: 'approve', comment: '同意' });
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ status: 'approved', reservedFen: 1_000_000 });
      expect(await yearOf('stability', 2027)).toMatchObject({ reservedFen: 3_000_000, availableFen: 7_000_000 });
      // Someone else cannot pick up another approver's interrupted approval.
      const { app: other } = await atLastStep(500_000);
      const stranger = await c1.deputy.post<ApiError>(`/fund-applications/${other._id}/decisions`, { decision: 'approve', comment: '同意' });
      expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 409, code: 'FUNDS.MOVEMENT_IN_PROGRESS' });
      await two.running.app.get(ApplicationsRepair).run(0);
      expect((await yearOf('stability', 2027)).reservedFen).toBe(3_500_000);
      expect((await c1.auditor.get<{ consistent: boolean }>('/ledger/reconciliation')).body.consistent).toBe(true);
    });

    it('gives an interrupted approval up when the money is gone meanwhile, holding nothing', async () => {
      const { app } = await atLastStep(6_500_000);
      // Another approval takes what is left first.
      const rival = (await c1.handler.post<View>('/fund-applications', aSettlement(caseId, { fiscalYear: 2027, amountFen: 6_000_000 }))).body;
      await c1.unitHead.post(`/fund-applications/${rival.id}/decisions`, { decision: 'approve', comment: '同意' });
      await c1.director.post(`/fund-applications/${rival.id}/decisions`, { decision: 'approve', comment: '同意' });
      await c1.deputy.post(`/fund-applications/${rival.id}/decisions`, { decision: 'approve', comment: '同意' });
      expect((await yearOf('stability', 2027)).availableFen).toBe(500_000);

      await two.running.app.get(ApplicationsRepair).run(0);
      const view = (await c1.director.get<View>(`/fund-applications/${app._id}`)).body;
      expect(view).toMatchObject({ status: 'in_approval', reservedFen: 0, movementInProgress: false });
      expect((await yearOf('stability', 2027)).reservedFen).toBe(9_500_000);
    });
  });

  it('releases what an approved application still holds when it is cancelled', async () => {
    expect((await c1.finance.post('/funds/stability/years/2028/budget', { amountFen: 5_000_000 })).status).toBe(201);
    const caseId = (await aKnownCase(one.funds, { workUnit: 'LABOUR' })).caseId;
    const app = (await c1.handler.post<View>('/fund-applications', aSettlement(caseId, { fiscalYear: 2028, amountFen: 3_000_000 }))).body;
    await c1.unitHead.post(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: '同意' });
    await c1.director.post(`/fund-applications/${app.id}/decisions`, { decision: 'approve', comment: '同意' });
    expect(await yearOf('stability', 2028)).toMatchObject({ reservedFen: 3_000_000, availableFen: 2_000_000 });

    const cancelled = await c2.finance.post<View>(`/fund-applications/${app.id}/cancellation`, { comment: '当事人放弃' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reservedFen: 0 });
    const event = await waitForEvent(one.funds.ns, { stream: 'FUNDS', type: 'funds.application.cancelled.v1', payload: { applicationId: app.id } });
    expect(event.data['payload']).toMatchObject({ caseId, amountFen: 3_000_000 });
    expect(await yearOf('stability', 2028)).toMatchObject({ reservedFen: 0, availableFen: 5_000_000 });
    const entries = (await c1.auditor.get<{ items: Array<{ kind: string; amountFen: number }> }>('/funds/stability/years/2028/ledger')).body.items;
    expect(entries.map((e) => [e.kind, e.amountFen])).toEqual([
      ['budget', 5_000_000],
      ['reservation', 3_000_000],
      ['release', 3_000_000],
    ]);
    // Rejected and withdrawn applications never held money: nothing to release, nothing changes.
    const withdrawn = (await c1.handler.post<View>('/fund-applications', aSettlement(caseId, { fiscalYear: 2028, amountFen: 1_000_000 }))).body;
    await c1.handler.post(`/fund-applications/${withdrawn.id}/withdrawal`, { comment: '撤回' });
    expect((await yearOf('stability', 2028)).availableFen).toBe(5_000_000);
  });
});
