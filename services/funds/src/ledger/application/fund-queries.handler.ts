import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { FUND_IDS, type FundId } from '@pdmc/contracts';
import { findPage, type Page } from '@pdmc/persistence';
import { FUND_CATALOGUE, type ApprovalTier, type CarryOverRule, type CaseRule } from '../domain/fund-catalogue';
import { fundYearIdOf, type LedgerEntry } from '../domain/ledger-entry';
import { FundYearDocument } from '../infrastructure/fund-year.schema';
import { LedgerEntryDocument } from '../infrastructure/ledger-entry.schema';
import { ApprovalChains } from '../../approval-chains/application/approval-chains';
import { toEntry } from './balance-book';
import { toFundYearView, type FundYearView } from './fund-year-view';
import { FundYearNotFoundError } from './ledger-errors';

export interface FundView {
  fundId: FundId;
  name: string;
  plannedAnnualFen: number | null;
  kinds: string[];
  caseRule: CaseRule;
  carryOver: CarryOverRule;
  chain: ApprovalTier[];
  /** The version of the chain new applications run under (issue #16: run-time configuration). */
  chainVersion: number;
  programme: { totalFen: number; firstYear: number; lastYear: number } | null;
  contributors: string[];
  years: FundYearView[];
}

export type LedgerPage = Page<LedgerEntry>;

/** Reads of funds, fund years and their ledger. */
@Injectable()
export class FundQueriesHandler {
  constructor(
    @InjectModel(FundYearDocument.name) private readonly years: Model<FundYearDocument>,
    @InjectModel(LedgerEntryDocument.name) private readonly ledger: Model<LedgerEntryDocument>,
    private readonly chains: ApprovalChains,
  ) {}

  async funds(): Promise<FundView[]> {
    const years = await this.years.find({}, { pending: 0, postedIds: 0 }).sort({ fundId: 1, fiscalYear: 1 }).lean().exec();
    const chains = await Promise.all(FUND_IDS.map((id) => this.chains.current(id)));
    return FUND_IDS.map((id, i) => {
      const f = FUND_CATALOGUE[id];
      return {
        fundId: id,
        name: f.name,
        plannedAnnualFen: f.plannedAnnualFen,
        kinds: [...f.kinds],
        caseRule: f.caseRule,
        carryOver: f.carryOver,
        chain: chains[i]!.tiers,
        chainVersion: chains[i]!.version,
        programme: f.programme ?? null,
        contributors: [...f.contributors],
        years: years.filter((y) => y.fundId === id).map(toFundYearView),
      };
    });
  }

  async year(fundId: FundId, fiscalYear: number): Promise<FundYearView> {
    const d = await this.years.findById(fundYearIdOf(fundId, fiscalYear), { pending: 0, postedIds: 0 }).lean().exec();
    if (!d) throw new FundYearNotFoundError();
    return toFundYearView(d);
  }

  async entries(fundId: FundId, fiscalYear: number, page = 1, pageSize = 50): Promise<LedgerPage> {
    const filter = { fundYearId: fundYearIdOf(fundId, fiscalYear) };
    return findPage(this.ledger, filter, { sort: { at: 1, _id: 1 }, page, pageSize }, toEntry);
  }
}
