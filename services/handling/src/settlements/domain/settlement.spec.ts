import { toSettlement, type SettlementFacts } from './settlement';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2));
const facts = (over: Partial<SettlementFacts> = {}): SettlementFacts => ({
  applicationId: 'a1',
  fundId: 'stability',
  fiscalYear: 2026,
  kind: 'settlement',
  amountFen: 15_000_000,
  submittedAt: at(1),
  approvedAt: null,
  rejectedAt: null,
  withdrawnAt: null,
  cancelledAt: null,
  tranches: [],
  reversals: [],
  ...over,
});

describe('a case settlement from funds’ events', () => {
  it('waits in approval until the chain ends', () => {
    expect(toSettlement(facts())).toMatchObject({ status: 'in_approval', approvedFen: null, disbursedFen: 0, tranches: [] });
  });

  it('is rejected when the chain rejects it', () => {
    expect(toSettlement(facts({ rejectedAt: at(2) }))).toMatchObject({ status: 'rejected', approvedFen: null });
  });

  it('is approved with its amount, then paid once the tranches cover it', () => {
    const approved = facts({ approvedAt: at(3) });
    expect(toSettlement(approved)).toMatchObject({ status: 'approved', approvedFen: 15_000_000, disbursedFen: 0 });
    const one = { ...approved, tranches: [{ disbursementId: 'd1', amountFen: 10_000_000, paidAt: at(4) }] };
    expect(toSettlement(one)).toMatchObject({ status: 'approved', disbursedFen: 10_000_000 });
    const both = { ...one, tranches: [...one.tranches, { disbursementId: 'd2', amountFen: 5_000_000, paidAt: at(5) }] };
    expect(toSettlement(both)).toMatchObject({ status: 'paid', disbursedFen: 15_000_000 });
  });

  it('counts a reversed tranche as not paid, and keeps it on the record marked as reversed', () => {
    const s = toSettlement(
      facts({
        approvedAt: at(3),
        tranches: [
          { disbursementId: 'd2', amountFen: 5_000_000, paidAt: at(5) },
          { disbursementId: 'd1', amountFen: 10_000_000, paidAt: at(4) },
        ],
        reversals: [{ disbursementId: 'd2', amountFen: 5_000_000, reversedAt: at(6) }],
      }),
    );
    expect(s).toMatchObject({ status: 'approved', disbursedFen: 10_000_000 });
    expect(s.tranches.map((t) => [t.disbursementId, t.reversedAt])).toEqual([
      ['d1', null],
      ['d2', at(6)],
    ]);
  });

  it('is approved when a tranche arrives before the approval event', () => {
    const s = toSettlement(facts({ tranches: [{ disbursementId: 'd1', amountFen: 15_000_000, paidAt: at(4) }] }));
    expect(s).toMatchObject({ status: 'paid', approvedFen: 15_000_000, disbursedFen: 15_000_000 });
  });

  it('is withdrawn when the applicant withdrew it before approval, cancelled when approved money was released', () => {
    expect(toSettlement(facts({ withdrawnAt: at(2) }))).toMatchObject({ status: 'withdrawn', approvedFen: null });
    const cancelled = toSettlement(facts({ approvedAt: at(3), cancelledAt: at(6), tranches: [{ disbursementId: 'd1', amountFen: 5_000_000, paidAt: at(4) }] }));
    expect(cancelled).toMatchObject({ status: 'cancelled', approvedFen: 15_000_000, disbursedFen: 5_000_000 });
  });
});
