import type { FundId } from '@pdmc/contracts';
import { FUND_CATALOGUE, type CarryOverRule } from '../domain/fund-catalogue';
import type { FundYearDocument } from '../infrastructure/fund-year.schema';

/** A fund's fiscal year as staff see it: where the money came from and where it stands. */
export interface FundYearView {
  fundId: FundId;
  fundName: string;
  fiscalYear: number;
  carryOver: CarryOverRule;
  budgetFen: number;
  contributionsFen: number;
  carriedInFen: number;
  carriedOutFen: number;
  reservedFen: number;
  disbursedFen: number;
  availableFen: number;
}

export function toFundYearView(d: Omit<FundYearDocument, 'pending' | 'postedIds'>): FundYearView {
  const fund = FUND_CATALOGUE[d.fundId];
  return {
    fundId: d.fundId,
    fundName: fund.name,
    fiscalYear: d.fiscalYear,
    carryOver: fund.carryOver,
    budgetFen: d.budgetFen,
    contributionsFen: d.contributionsFen,
    carriedInFen: d.carriedInFen,
    carriedOutFen: d.carriedOutFen,
    reservedFen: d.reservedFen,
    disbursedFen: d.disbursedFen,
    availableFen: d.availableFen,
  };
}
