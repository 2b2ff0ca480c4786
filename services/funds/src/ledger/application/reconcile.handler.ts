import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { FundId } from '@pdmc/contracts';
import { applyDeltas, availableOf, TOTAL_FIELDS, ZERO_TOTALS, type BalanceTotals } from '../domain/balance';
import { FundYearDocument } from '../infrastructure/fund-year.schema';
import { LedgerEntryDocument } from '../infrastructure/ledger-entry.schema';
import { totalsOf } from './balance-book';

export interface YearReconciliation {
  fundId: FundId;
  fiscalYear: number;
  /** The totals stored on the fund year, which every spending check uses. */
  stored: BalanceTotals & { availableFen: number };
  /** The same totals summed from the ledger's entries. */
  derivedFromLedger: BalanceTotals & { availableFen: number };
  /** Entries applied to the balance a moment ago and not yet copied to the ledger. */
  inFlightEntries: number;
  consistent: boolean;
  /** The totals that differ, if any. */
  differences: string[];
}

export interface Reconciliation {
  consistent: boolean;
  checkedEntries: number;
  years: YearReconciliation[];
}

/**
 * Proves that the stored balances are what the ledger says: for every fund year, the sum of its
 * ledger entries (plus the few still in flight) equals each stored total, and the stored
 * `available` equals the formula over the stored totals.
 */
@Injectable()
export class ReconcileHandler {
  constructor(
    @InjectModel(FundYearDocument.name) private readonly years: Model<FundYearDocument>,
    @InjectModel(LedgerEntryDocument.name) private readonly ledger: Model<LedgerEntryDocument>,
  ) {}

  async execute(): Promise<Reconciliation> {
    const years = await this.years.find().sort({ fundId: 1, fiscalYear: 1 }).lean().exec();
    let checkedEntries = 0;
    const out: YearReconciliation[] = [];
    for (const year of years) {
      const entries = await this.ledger.find({ fundYearId: year._id }).lean().exec();
      checkedEntries += entries.length;
      let derived: BalanceTotals = { ...ZERO_TOTALS };
      for (const e of entries) derived = applyDeltas(derived, e.deltas);
      const inLedger = new Set(entries.map((e) => e._id));
      const inFlight = year.pending.filter((p) => !inLedger.has(p.id));
      let expected = derived;
      for (const p of inFlight) expected = applyDeltas(expected, p.deltas);
      const stored = totalsOf(year);
      const differences = TOTAL_FIELDS.filter((f) => stored[f] !== expected[f]).map(String);
      if (year.availableFen !== availableOf(stored)) differences.push('availableFen');
      out.push({
        fundId: year.fundId,
        fiscalYear: year.fiscalYear,
        stored: { ...stored, availableFen: year.availableFen },
        derivedFromLedger: { ...derived, availableFen: availableOf(derived) },
        inFlightEntries: inFlight.length,
        consistent: differences.length === 0,
        differences,
      });
    }
    return { consistent: out.every((y) => y.consistent), checkedEntries, years: out };
  }
}
