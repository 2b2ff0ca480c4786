/** The funds the centre disburses (domain.md §7); codes are stable, names are for people. */
export const FUND_IDS = ['stability', 'reward', 'law_related', 'historical_backlog'] as const;
export type FundId = (typeof FUND_IDS)[number];

/** What an application asks money for: a case's settlement, hardship aid, or a reward for good work. */
export const APPLICATION_KINDS = ['settlement', 'hardship_aid', 'reward'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
