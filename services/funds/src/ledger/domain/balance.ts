/** The stored totals of one fund's fiscal year, in fen. */
export interface BalanceTotals {
  budgetFen: number;
  contributionsFen: number;
  carriedInFen: number;
  carriedOutFen: number;
  reservedFen: number;
  disbursedFen: number;
}

export const ZERO_TOTALS: BalanceTotals = {
  budgetFen: 0,
  contributionsFen: 0,
  carriedInFen: 0,
  carriedOutFen: 0,
  reservedFen: 0,
  disbursedFen: 0,
};

export const TOTAL_FIELDS = Object.keys(ZERO_TOTALS) as Array<keyof BalanceTotals>;

/** What one ledger entry changes: signed fen per total (absent = 0). */
export type Deltas = Partial<BalanceTotals>;

/**
 * available = budget + contributions + carried in − carried out − reserved − disbursed. Carried
 * amounts are kept apart from contributions so that a report shows where a year's money came from.
 */
export function availableOf(t: BalanceTotals): number {
  return t.budgetFen + t.contributionsFen + t.carriedInFen - t.carriedOutFen - t.reservedFen - t.disbursedFen;
}

/** The change of `available` that `deltas` cause. */
export function availableDelta(d: Deltas): number {
  return availableOf({ ...ZERO_TOTALS, ...d });
}

/** Adds `deltas` to `totals`. */
export function applyDeltas(totals: BalanceTotals, d: Deltas): BalanceTotals {
  const next = { ...totals };
  for (const field of TOTAL_FIELDS) next[field] += d[field] ?? 0;
  return next;
}

/** The deltas that undo `d` (a reversing entry). */
export function negate(d: Deltas): Deltas {
  const out: Deltas = {};
  for (const field of TOTAL_FIELDS) if (d[field]) out[field] = -(d[field] as number);
  return out;
}

/** Totals that a movement must not drive below zero (money cannot be un-reserved or un-paid beyond what is there). */
export function wouldGoNegative(totals: BalanceTotals, d: Deltas): Array<keyof BalanceTotals> {
  const next = applyDeltas(totals, d);
  return TOTAL_FIELDS.filter((f) => next[f] < 0);
}
