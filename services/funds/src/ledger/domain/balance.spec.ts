import { applyDeltas, availableDelta, availableOf, negate, wouldGoNegative, ZERO_TOTALS } from './balance';
import { chainFor, FUND_CATALOGUE } from './fund-catalogue';
import { fenToYuan, isAmountFen, yuan } from './money';

describe('money in fen', () => {
  it('takes only positive whole fen within the limit', () => {
    expect(isAmountFen(1)).toBe(true);
    expect(isAmountFen(yuan(30_000_000))).toBe(true);
    for (const bad of [0, -1, 1.5, 0.1 + 0.2, Number.NaN, Infinity, 2 ** 53, '100', null]) expect(isAmountFen(bad)).toBe(false);
  });

  it('prints fen as yuan exactly', () => {
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-100)).toBe('-1.00');
    expect(fenToYuan(yuan(30_000_000))).toBe('30000000.00');
  });
});

describe('balances', () => {
  it('derives available = budget + contributions + carried in − carried out − reserved − disbursed', () => {
    const t = { budgetFen: 1000, contributionsFen: 200, carriedInFen: 50, carriedOutFen: 30, reservedFen: 400, disbursedFen: 100 };
    expect(availableOf(t)).toBe(720);
    expect(availableDelta({ reservedFen: 300 })).toBe(-300);
    expect(availableDelta({ reservedFen: -300, disbursedFen: 300 })).toBe(0);
  });

  it('undoes an entry with its negation, and notices totals that would go negative', () => {
    const d = { reservedFen: -300, disbursedFen: 300 };
    expect(applyDeltas(applyDeltas(ZERO_TOTALS, d), negate(d))).toEqual(ZERO_TOTALS);
    expect(wouldGoNegative(ZERO_TOTALS, d)).toEqual(['reservedFen']);
  });
});

describe('approval chains', () => {
  it('runs case money up to 50,000 yuan past the unit head and the centre director', () => {
    expect(chainFor(FUND_CATALOGUE.stability, yuan(50_000))).toEqual(['unit_head', 'centre_director']);
  });

  it('adds the deputy district head up to 200,000 yuan, and a collective decision above', () => {
    expect(chainFor(FUND_CATALOGUE.stability, yuan(50_000) + 1)).toEqual(['unit_head', 'centre_director', 'deputy_district_head']);
    expect(chainFor(FUND_CATALOGUE.stability, yuan(200_000))).toHaveLength(3);
    expect(chainFor(FUND_CATALOGUE.stability, yuan(200_000) + 1)).toEqual([
      'unit_head',
      'centre_director',
      'deputy_district_head',
      'collective_decision',
    ]);
  });

  it('keeps rewards up to 10,000 yuan with the centre director', () => {
    expect(chainFor(FUND_CATALOGUE.reward, yuan(10_000))).toEqual(['centre_director']);
    expect(chainFor(FUND_CATALOGUE.reward, yuan(10_001))).toEqual(['centre_director', 'deputy_district_head']);
  });
});
