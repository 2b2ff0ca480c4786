import type { ApplicationKind, FundId } from '@pdmc/contracts';
import { yuan } from './money';

/** A step of an approval chain, in the order the chain runs. */
export const APPROVAL_LEVELS = ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** Amounts up to `upToFen` (inclusive) run through `levels`; the last tier has no upper bound. */
export interface ApprovalTier {
  upToFen: number | null;
  levels: readonly ApprovalLevel[];
}

/** What happens to a year's unspent money: it lapses (annual appropriation) or moves to the next year. */
export type CarryOverRule = 'lapse' | 'carry_forward';

/**
 * Which cases a case application may name: a live case of the centre only, any case funds knows
 * (terminated ones too: backlog cases are often closed by termination, 终结, and still settled),
 * or none at all (rewards).
 */
export type CaseRule = 'live_case' | 'known_case' | 'no_case';

export interface FundDefinition {
  id: FundId;
  name: string;
  /** The standing annual appropriation, for the catalogue and the README; budgets are set per year. */
  plannedAnnualFen: number | null;
  kinds: readonly ApplicationKind[];
  caseRule: CaseRule;
  carryOver: CarryOverRule;
  chain: readonly ApprovalTier[];
  /** A multi-year programme: budgets of its years may not exceed `totalFen` together. */
  programme?: { totalFen: number; firstYear: number; lastYear: number };
  /** Who contributes besides the district budget. */
  contributors: readonly string[];
}

/** The chain the centre uses for case money (issue #16): small sums stay at the centre. */
const CASE_CHAIN: readonly ApprovalTier[] = [
  { upToFen: yuan(50_000), levels: ['unit_head', 'centre_director'] },
  { upToFen: yuan(200_000), levels: ['unit_head', 'centre_director', 'deputy_district_head'] },
  { upToFen: null, levels: ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'] },
];

/** Rewards are the centre's own decision up to 10,000 yuan. */
const REWARD_CHAIN: readonly ApprovalTier[] = [
  { upToFen: yuan(10_000), levels: ['centre_director'] },
  { upToFen: null, levels: ['centre_director', 'deputy_district_head'] },
];

/**
 * The funds of domain.md §7. This table is the configuration: a centre with other thresholds
 * or funds edits it (and its tests), nothing else.
 */
export const FUND_CATALOGUE: Readonly<Record<FundId, FundDefinition>> = {
  stability: {
    id: 'stability',
    name: '信访稳定专项资金',
    plannedAnnualFen: yuan(2_000_000),
    kinds: ['settlement', 'hardship_aid'],
    caseRule: 'live_case',
    carryOver: 'lapse',
    chain: CASE_CHAIN,
    contributors: ['district_finance'],
  },
  reward: {
    id: 'reward',
    name: '奖励资金',
    plannedAnnualFen: yuan(200_000),
    kinds: ['reward'],
    caseRule: 'no_case',
    carryOver: 'lapse',
    chain: REWARD_CHAIN,
    contributors: ['district_finance'],
  },
  law_related: {
    id: 'law_related',
    name: '涉法涉诉专项资金',
    plannedAnnualFen: yuan(2_120_000),
    kinds: ['settlement', 'hardship_aid'],
    caseRule: 'live_case',
    carryOver: 'carry_forward',
    chain: CASE_CHAIN,
    contributors: ['procuratorate', 'court', 'police'],
  },
  historical_backlog: {
    id: 'historical_backlog',
    name: '化解陈年积案专项资金',
    plannedAnnualFen: null,
    kinds: ['settlement', 'hardship_aid'],
    caseRule: 'known_case',
    carryOver: 'carry_forward',
    chain: CASE_CHAIN,
    programme: { totalFen: yuan(30_000_000), firstYear: 2026, lastYear: 2028 },
    contributors: ['district_finance', 'city_finance'],
  },
};

/** Every source a contribution or top-up may come from. */
export const CONTRIBUTION_SOURCES = ['district_finance', 'city_finance', 'procuratorate', 'court', 'police', 'donation', 'other'] as const;
export type ContributionSource = (typeof CONTRIBUTION_SOURCES)[number];

/** The levels an application of this amount must pass, in order. */
export function chainFor(fund: FundDefinition, amountFen: number): readonly ApprovalLevel[] {
  const tier = fund.chain.find((t) => t.upToFen === null || amountFen <= t.upToFen);
  if (!tier) throw new Error(`fund ${fund.id} has no tier for ${amountFen} fen`);
  return tier.levels;
}
