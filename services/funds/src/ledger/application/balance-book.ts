import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { FundId } from '@pdmc/contracts';
import { duplicateKeyMeansDone, insertIfAbsent } from '@pdmc/persistence';
import { availableDelta, TOTAL_FIELDS, type BalanceTotals } from '../domain/balance';
import { fundYearIdOf, type LedgerEntry } from '../domain/ledger-entry';
import { FundYearDocument } from '../infrastructure/fund-year.schema';
import { LedgerEntryDocument } from '../infrastructure/ledger-entry.schema';

/** How applying a movement to its fund year ended. */
export type ApplyOutcome =
  | { applied: true; already: boolean }
  | { applied: false; reason: 'no_fund_year' }
  | { applied: false; reason: 'insufficient'; availableFen: number; totals: BalanceTotals };

/**
 * The only code that changes a fund year's balance. Each movement is one conditional `$inc` on
 * the fund-year document: the filter says "this entry is not applied yet and the money is there"
 * (`availableFen >= amount`, `reservedFen >= amount`, ...), so two instances racing for the last
 * yuan cannot both win, whatever the interleaving. The entry rides in the same update (`pending`)
 * and is copied to the append-only ledger afterwards, like an outbox.
 */
@Injectable()
export class BalanceBook {
  constructor(
    @InjectModel(FundYearDocument.name) private readonly years: Model<FundYearDocument>,
    @InjectModel(LedgerEntryDocument.name) private readonly ledger: Model<LedgerEntryDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Makes sure the fund year exists (all totals zero); harmless when it does. */
  async open(fundId: FundId, fiscalYear: number): Promise<void> {
    const _id = fundYearIdOf(fundId, fiscalYear);
    // Two first movements of a year at once: the other upsert created it.
    await duplicateKeyMeansDone(() =>
      this.years
        .updateOne(
          { _id },
          {
            $setOnInsert: {
              fundId,
              fiscalYear,
              budgetFen: 0,
              contributionsFen: 0,
              carriedInFen: 0,
              carriedOutFen: 0,
              reservedFen: 0,
              disbursedFen: 0,
              availableFen: 0,
              pending: [],
              postedIds: [],
              openedAt: this.clock.now(),
            },
          },
          { upsert: true },
        )
        .exec(),
    );
  }

  /**
   * Applies `entry` to its fund year once: its id is remembered on the year (`postedIds`) in
   * the same update, so no retry, repair or second instance can apply it again.
   */
  async apply(entry: LedgerEntry): Promise<ApplyOutcome> {
    const delta = availableDelta(entry.deltas);
    const filter: Record<string, unknown> = {
      _id: entry.fundYearId,
      'pending.id': trusted({ $ne: entry.id }),
      postedIds: trusted({ $ne: entry.id }),
    };
    if (delta < 0) filter['availableFen'] = trusted({ $gte: -delta });
    // No total may go below zero: nothing is released, paid out or reversed that is not there.
    for (const field of TOTAL_FIELDS) {
      const d = entry.deltas[field] ?? 0;
      if (d < 0) filter[field] = trusted({ $gte: -d });
    }
    const inc: Record<string, number> = { availableFen: delta };
    for (const field of TOTAL_FIELDS) if (entry.deltas[field]) inc[field] = entry.deltas[field] as number;
    const push: Record<string, unknown> = { pending: entry, postedIds: entry.id };
    const result = await this.years.updateOne(filter, { $inc: inc, $push: push }).exec();
    if (result.modifiedCount === 1) return { applied: true, already: false };

    const current = await this.years.findById(entry.fundYearId).lean().exec();
    if (!current) return { applied: false, reason: 'no_fund_year' };
    if (current.pending.some((p) => p.id === entry.id) || current.postedIds.includes(entry.id)) {
      return { applied: true, already: true };
    }
    return { applied: false, reason: 'insufficient', availableFen: current.availableFen, totals: totalsOf(current) };
  }

  /** Copies an applied entry to the ledger (once: its id is the key) and drops it from `pending`. */
  async settle(entry: LedgerEntry): Promise<void> {
    await insertIfAbsent(this.ledger, { ...entry, _id: entry.id });
    await this.years.updateOne({ _id: entry.fundYearId }, { $pull: { pending: { id: entry.id } } }).exec();
  }

  /** Entries applied to balances but not yet in the ledger (after a crash), oldest first. */
  async pendingEntries(): Promise<LedgerEntry[]> {
    const years = await this.years.find({ 'pending.id': trusted({ $exists: true }) }).lean().exec();
    return years.flatMap((y) => y.pending).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  }

  /** A ledger entry by id, or undefined. */
  async entry(id: string): Promise<LedgerEntry | undefined> {
    const d = await this.ledger.findById(id).lean().exec();
    return d ? toEntry(d) : undefined;
  }

  async fundYear(fundYearId: string): Promise<FundYearDocument | null> {
    return this.years.findById(fundYearId).lean().exec();
  }
}

export function totalsOf(doc: BalanceTotals): BalanceTotals {
  return Object.fromEntries(TOTAL_FIELDS.map((f) => [f, doc[f] ?? 0])) as unknown as BalanceTotals;
}

export function toEntry(d: LedgerEntryDocument): LedgerEntry {
  const { _id, ...rest } = d as LedgerEntryDocument & { __v?: unknown };
  return { ...rest, id: _id } as LedgerEntry;
}
