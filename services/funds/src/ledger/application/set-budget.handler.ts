import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { FundId } from '@pdmc/contracts';
import { FUND_CATALOGUE } from '../domain/fund-catalogue';
import { fundYearIdOf, type LedgerEntry } from '../domain/ledger-entry';
import { FundYearDocument } from '../infrastructure/fund-year.schema';
import { BalanceBook } from './balance-book';
import { toFundYearView, type FundYearView } from './fund-year-view';
import { BudgetAlreadySetError, OutsideProgrammeError, ProgrammeExceededError } from './ledger-errors';

/**
 * Sets a fund's budget for a fiscal year, once: a `budget` ledger entry whose id is the fund
 * year's, so a retry stores nothing twice. More money later comes as contributions (top-ups).
 */
@Injectable()
export class SetBudgetHandler {
  constructor(
    private readonly book: BalanceBook,
    @InjectModel(FundYearDocument.name) private readonly years: Model<FundYearDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(fundId: FundId, fiscalYear: number, amountFen: number, note: string | undefined, principal: Principal): Promise<FundYearView> {
    const fund = FUND_CATALOGUE[fundId];
    if (fund.programme) {
      const { firstYear, lastYear, totalFen } = fund.programme;
      if (fiscalYear < firstYear || fiscalYear > lastYear) throw new OutsideProgrammeError(firstYear, lastYear);
      // Budgets are set a few times a year by one finance office; a read-then-check suffices here
      // (spending, where races matter, is guarded atomically).
      const others = await this.years.find({ fundId, fiscalYear: trusted({ $gte: firstYear, $lte: lastYear }) }).lean().exec();
      const budgeted = others.reduce((sum, y) => sum + y.budgetFen, 0);
      if (budgeted + amountFen > totalFen) throw new ProgrammeExceededError(totalFen, budgeted);
    }
    await this.book.open(fundId, fiscalYear);
    const fundYearId = fundYearIdOf(fundId, fiscalYear);
    const entry: LedgerEntry = {
      id: `budget:${fundYearId}`,
      fundYearId,
      fundId,
      fiscalYear,
      kind: 'budget',
      amountFen,
      deltas: { budgetFen: amountFen },
      ...(note ? { note } : {}),
      by: principal.subject,
      at: this.clock.now(),
    };
    const outcome = await this.book.apply(entry);
    if (outcome.applied && outcome.already) throw new BudgetAlreadySetError();
    if (!outcome.applied) throw new Error(`budget for ${fundYearId} could not be applied: ${outcome.reason}`);
    await this.book.settle(entry);
    const year = await this.book.fundYear(fundYearId);
    return toFundYearView(year as FundYearDocument);
  }
}
