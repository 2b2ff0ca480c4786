import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { FundId } from '@pdmc/contracts';
import { FUND_CATALOGUE } from '../domain/fund-catalogue';
import { fundYearIdOf, type LedgerEntry } from '../domain/ledger-entry';
import type { FundYearDocument } from '../infrastructure/fund-year.schema';
import { BalanceBook } from './balance-book';
import { toFundYearView, type FundYearView } from './fund-year-view';
import { CarryOverNotAllowedError, FundYearNotFoundError, InsufficientFundsError, NothingToCarryError } from './ledger-errors';

/** The entry that brings a year's carried-out money into the next year. */
export function carryInFor(out: LedgerEntry): LedgerEntry {
  const fundYearId = fundYearIdOf(out.fundId, out.fiscalYear + 1);
  return {
    ...out,
    id: `carry_over_in:${fundYearId}:from:${out.fiscalYear}`,
    fundYearId,
    fiscalYear: out.fiscalYear + 1,
    kind: 'carry_over_in',
    deltas: { carriedInFen: out.amountFen },
  };
}

/**
 * Moves what is still available in a year of a carry-forward fund into the next year: one
 * `carry_over_out` entry (once per year: its id is the year's) and its `carry_over_in`
 * counterpart. A retry or the repair pass completes a carry-over a crash cut in half; the
 * out-entry reaches the ledger only after the in-entry is applied.
 */
@Injectable()
export class CarryOverHandler {
  constructor(
    private readonly book: BalanceBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(fundId: FundId, fiscalYear: number, principal: Principal): Promise<{ from: FundYearView; to: FundYearView }> {
    if (FUND_CATALOGUE[fundId].carryOver !== 'carry_forward') throw new CarryOverNotAllowedError(fundId);
    const fundYearId = fundYearIdOf(fundId, fiscalYear);
    const year = await this.book.fundYear(fundYearId);
    if (!year) throw new FundYearNotFoundError();
    const outId = `carry_over_out:${fundYearId}`;
    let out = year.pending.find((p) => p.id === outId) ?? (await this.book.entry(outId));
    if (!out) {
      if (year.availableFen <= 0) throw new NothingToCarryError();
      const entry: LedgerEntry = {
        id: outId,
        fundYearId,
        fundId,
        fiscalYear,
        kind: 'carry_over_out',
        amountFen: year.availableFen,
        deltas: { carriedOutFen: year.availableFen },
        by: principal.subject,
        at: this.clock.now(),
      };
      const outcome = await this.book.apply(entry);
      if (!outcome.applied && outcome.reason === 'insufficient') throw new InsufficientFundsError(outcome.availableFen, entry.amountFen);
      out = outcome.applied && outcome.already ? ((await this.book.fundYear(fundYearId))?.pending.find((p) => p.id === outId) ?? (await this.book.entry(outId))) : entry;
      if (!out) throw new Error(`carry-over ${outId} vanished`);
    }
    await this.complete(out);
    const [from, to] = await Promise.all([this.book.fundYear(fundYearId), this.book.fundYear(fundYearIdOf(fundId, fiscalYear + 1))]);
    return { from: toFundYearView(from as FundYearDocument), to: toFundYearView(to as FundYearDocument) };
  }

  /** Applies the in-entry, then writes both to the ledger. Safe to repeat. */
  async complete(out: LedgerEntry): Promise<void> {
    const into = carryInFor(out);
    await this.book.open(into.fundId, into.fiscalYear);
    const outcome = await this.book.apply(into);
    if (!outcome.applied) throw new Error(`carry-in ${into.id} could not be applied: ${outcome.reason}`);
    const inFlight = (await this.book.fundYear(into.fundYearId))?.pending.find((p) => p.id === into.id);
    if (inFlight) await this.book.settle(inFlight);
    await this.book.settle(out);
  }
}
