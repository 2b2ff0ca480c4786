import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { FundId } from '@pdmc/contracts';
import { DomainError } from '@pdmc/platform';
import type { ContributionSource } from '../domain/fund-catalogue';
import { fundYearIdOf, type LedgerEntry } from '../domain/ledger-entry';
import type { FundYearDocument } from '../infrastructure/fund-year.schema';
import { BalanceBook } from './balance-book';
import { InsufficientFundsError } from './ledger-errors';
import { toFundYearView, type FundYearView } from './fund-year-view';

export class ContributionConflictError extends DomainError {
  constructor() {
    super('FUNDS.CONTRIBUTION_REFERENCE_REUSED', 'A contribution with this voucher reference but another amount or source is recorded already', 409);
  }
}

export class ContributionNotFoundError extends DomainError {
  constructor() {
    super('FUNDS.CONTRIBUTION_NOT_FOUND', 'The fund year has no contribution with this voucher reference', 404);
  }
}

export class ContributionAlreadyReversedError extends DomainError {
  constructor() {
    super('FUNDS.CONTRIBUTION_ALREADY_REVERSED', 'This contribution is reversed already; record the right one as a new contribution', 409);
  }
}

export interface ContributionInput {
  amountFen: number;
  source: ContributionSource;
  reference: string;
  note?: string;
}

/**
 * Records money paid into a fund year (a top-up from the district, the procuratorate's share of
 * the law-related fund, ...). The voucher reference (凭证号) makes the entry's id: the same
 * voucher recorded twice is one contribution.
 */
@Injectable()
export class RecordContributionHandler {
  constructor(
    private readonly book: BalanceBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(fundId: FundId, fiscalYear: number, input: ContributionInput, principal: Principal): Promise<{ created: boolean; year: FundYearView }> {
    await this.book.open(fundId, fiscalYear);
    const fundYearId = fundYearIdOf(fundId, fiscalYear);
    const entry: LedgerEntry = {
      id: `contribution:${fundYearId}:${input.reference}`,
      fundYearId,
      fundId,
      fiscalYear,
      kind: 'contribution',
      amountFen: input.amountFen,
      deltas: { contributionsFen: input.amountFen },
      source: input.source,
      reference: input.reference,
      ...(input.note ? { note: input.note } : {}),
      by: principal.subject,
      at: this.clock.now(),
    };
    const outcome = await this.book.apply(entry);
    if (!outcome.applied) throw new Error(`contribution to ${fundYearId} could not be applied: ${outcome.reason}`);
    if (outcome.already) {
      const year = (await this.book.fundYear(fundYearId)) as FundYearDocument;
      const inFlight = year.pending.find((p) => p.id === entry.id);
      const earlier = inFlight ?? (await this.book.entry(entry.id));
      if (earlier && (earlier.amountFen !== entry.amountFen || earlier.source !== entry.source)) throw new ContributionConflictError();
      if (inFlight) await this.book.settle(inFlight);
    } else {
      await this.book.settle(entry);
    }
    return { created: !outcome.already, year: toFundYearView((await this.book.fundYear(fundYearId)) as FundYearDocument) };
  }

  /**
   * Corrects a contribution recorded in error with a reversing entry (once per voucher), as long
   * as the money is still available: what is reserved or paid cannot be taken back this way.
   */
  async reverse(fundId: FundId, fiscalYear: number, reference: string, reason: string, principal: Principal): Promise<FundYearView> {
    const fundYearId = fundYearIdOf(fundId, fiscalYear);
    const year = await this.book.fundYear(fundYearId);
    const original = year?.pending.find((p) => p.id === `contribution:${fundYearId}:${reference}`) ?? (await this.book.entry(`contribution:${fundYearId}:${reference}`));
    if (!year || !original) throw new ContributionNotFoundError();
    const entry: LedgerEntry = {
      id: `contribution_reversal:${fundYearId}:${reference}`,
      fundYearId,
      fundId,
      fiscalYear,
      kind: 'contribution_reversal',
      amountFen: original.amountFen,
      deltas: { contributionsFen: -original.amountFen },
      source: original.source,
      reference,
      reverses: original.id,
      note: reason,
      by: principal.subject,
      at: this.clock.now(),
    };
    const outcome = await this.book.apply(entry);
    if (!outcome.applied) {
      if (outcome.reason === 'insufficient') throw new InsufficientFundsError(outcome.availableFen, entry.amountFen);
      throw new ContributionNotFoundError();
    }
    if (outcome.already) throw new ContributionAlreadyReversedError();
    await this.book.settle(entry);
    return toFundYearView((await this.book.fundYear(fundYearId)) as FundYearDocument);
  }
}
