import type { HttpClient } from '@pdmc/testing';
import { aKnownCase, approveThroughChain, aSettlement, clientsFor, startFundsForTest, type ApiError, type FundsUnderTest, type Person, type View } from './support';

interface ChainVersion {
  fundId: string;
  version: number;
  tiers: Array<{ upToFen: number | null; levels: string[] }>;
  note: string | null;
  savedBy: string;
}

/*
 * Issue #16 point 3: the approval chain is run-time configuration. An administrator saves a new
 * version per fund after validation; new applications run under it, applications already
 * submitted keep the version they were submitted under, also when revised after a return.
 */
describe('funds: approval chains as versioned configuration (real servers)', () => {
  let sut: FundsUnderTest;
  let c: Record<Person, HttpClient>;
  let admin: HttpClient;
  let caseId: string;

  /** 30,000 yuan to the unit head and director, up to 300,000 also the deputy district head, above that a collective decision. */
  const STRICTER = [
    { upToFen: 3_000_000, levels: ['unit_head', 'centre_director'] },
    { upToFen: 30_000_000, levels: ['unit_head', 'centre_director', 'deputy_district_head'] },
    { upToFen: null, levels: ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'] },
  ];

  beforeAll(async () => {
    sut = await startFundsForTest('fundschains');
    c = await clientsFor(sut.funds);
    admin = await sut.funds.as({ sub: 'admin-01', roles: ['administrator'] });
    expect((await c.finance.post('/funds/stability/years/2026/budget', { amountFen: 200_000_000 })).status).toBe(201);
    caseId = (await aKnownCase(sut.funds, { workUnit: 'LABOUR', caseNumber: '220106-2026-000777' })).caseId;
  });

  afterAll(async () => {
    await sut?.funds.close();
  });

  const chainsOf = async (fundId: string) => {
    const res = await admin.get<{ items: ChainVersion[] }>(`/funds/${fundId}/approval-chains`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const submit = async (amountFen: number) => {
    const res = await c.handler.post<View & { chainVersion: number }>('/fund-applications', aSettlement(caseId, { amountFen }));
    expect(res.status).toBe(201);
    return res.body;
  };

  it('starts every fund at version 1, the shipped chain', async () => {
    const [v1] = await chainsOf('stability');
    expect(v1).toMatchObject({ fundId: 'stability', version: 1, savedBy: 'catalogue' });
    expect(v1.tiers.map((t) => t.upToFen)).toEqual([5_000_000, 20_000_000, null]);
    // Approvers read the chain too; a unit handler does not configure it.
    expect((await c.director.get(`/funds/stability/approval-chains`)).status).toBe(200);
    expect((await c.director.post('/funds/stability/approval-chains', { basedOnVersion: 1, tiers: STRICTER })).status).toBe(403);
  });

  it('refuses a chain that breaks a rule, naming the field and the rule, and saves nothing', async () => {
    const cases: Array<[unknown, string, string]> = [
      [[STRICTER[1], STRICTER[0], STRICTER[2]], 'tiers.1.upToFen', 'thresholdsAscending'],
      [STRICTER.slice(0, 2), 'tiers.1.upToFen', 'lastTierCoversAbove'],
      [[{ upToFen: null, levels: ['unit_head', 'unit_head'] }], 'tiers.0.levels', 'noLevelTwice'],
    ];
    for (const [tiers, field, rule] of cases) {
      const res = await admin.post<ApiError>('/funds/stability/approval-chains', { basedOnVersion: 1, tiers });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field, rule })] });
    }
    // An unknown role is refused by the request's own validation.
    const unknown = await admin.post<ApiError>('/funds/stability/approval-chains', { basedOnVersion: 1, tiers: [{ upToFen: null, levels: ['mayor'] }] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.details)).toContain('levels');
    expect((await admin.post('/funds/nofund/approval-chains', { basedOnVersion: 1, tiers: STRICTER })).status).toBe(404);
    expect((await chainsOf('stability')).map((v) => v.version)).toEqual([1]);
  });

  it('runs new applications under a saved version, while earlier ones keep theirs, also when revised', async () => {
    // Given: 40,000 yuan submitted under version 1 (two steps up to 50,000).
    const before = await submit(4_000_000);
    expect(before).toMatchObject({ chainVersion: 1, chain: ['unit_head', 'centre_director'] });
    const returnedLater = await submit(4_000_000);

    // When: the administrator lowers the first threshold to 30,000 yuan.
    const saved = await admin.post<ChainVersion>('/funds/stability/approval-chains', { basedOnVersion: 1, tiers: STRICTER, note: '3万元以上报分管副区长' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 2, savedBy: 'admin-01', note: '3万元以上报分管副区长' });
    expect((await chainsOf('stability')).map((v) => v.version)).toEqual([2, 1]);
    // A save on the old base is refused: someone saved meanwhile.
    const stale = await admin.post<ApiError>('/funds/stability/approval-chains', { basedOnVersion: 1, tiers: STRICTER });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'FUNDS.CHAIN_VERSION_CONFLICT' });
    // Other funds are untouched; the funds list shows each fund's chain in force.
    expect((await chainsOf('law_related')).map((v) => v.version)).toEqual([1]);
    const funds = (await c.finance.get<Array<{ fundId: string; chainVersion: number; chain: unknown }>>('/funds')).body;
    expect(funds.find((f) => f.fundId === 'stability')).toMatchObject({ chainVersion: 2, chain: STRICTER });
    expect(funds.find((f) => f.fundId === 'law_related')).toMatchObject({ chainVersion: 1 });

    // Then: the same amount now needs three steps; the earlier application still two, and is approved after them.
    const after = await submit(4_000_000);
    expect(after).toMatchObject({ chainVersion: 2, chain: ['unit_head', 'centre_director', 'deputy_district_head'] });
    expect(await approveThroughChain(c, before.id)).toMatchObject({ status: 'approved', chainVersion: 1 });
    expect((await approveThroughChain(c, after.id)).approvals.map((a) => a.level)).toEqual(['unit_head', 'centre_director', 'deputy_district_head']);

    // A revision after a return keeps version 1 too: 45,000 yuan stays with two steps.
    expect((await c.unitHead.post(`/fund-applications/${returnedLater.id}/decisions`, { decision: 'return', comment: '补充材料' })).status).toBe(200);
    const revised = await c.handler.post<View & { chainVersion: number }>(`/fund-applications/${returnedLater.id}/revision`, { comment: '已补充', amountFen: 4_500_000 });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ chainVersion: 1, chain: ['unit_head', 'centre_director'] });
  });
});
