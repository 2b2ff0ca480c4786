import { APPROVAL_LEVELS, type ApprovalLevel, type ApprovalTier } from '../../ledger/domain/fund-catalogue';

/** A rule a proposed chain breaks, named by the field it is about (the platform's error detail). */
export interface ChainProblem {
  field: string;
  rule: string;
  message: string;
}

const MAX_TIERS = 10;

/**
 * Checks a fund's approval chain before it is saved (issue #16): at least one tier; thresholds
 * positive whole fen and strictly ascending; every tier but the last bounded and the last one
 * unbounded (`upToFen: null`), so every amount "above" still has a chain; each tier a non-empty
 * sequence of known approval levels, none twice (nobody approves twice in one chain).
 */
export function checkChain(tiers: ReadonlyArray<{ upToFen: number | null; levels: readonly string[] }>): ChainProblem[] {
  const problems: ChainProblem[] = [];
  if (tiers.length === 0 || tiers.length > MAX_TIERS) {
    problems.push({ field: 'tiers', rule: 'oneToTenTiers', message: `A chain has 1 to ${MAX_TIERS} tiers` });
    return problems;
  }
  let previous = 0;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    const field = `tiers.${i}`;
    if (last && tier.upToFen !== null) {
      problems.push({ field: `${field}.upToFen`, rule: 'lastTierCoversAbove', message: 'The last tier takes every amount above the others: its upToFen is null' });
    }
    if (!last && tier.upToFen === null) {
      problems.push({ field: `${field}.upToFen`, rule: 'onlyLastTierUnbounded', message: 'Only the last tier may be unbounded' });
    }
    if (tier.upToFen !== null) {
      if (!Number.isSafeInteger(tier.upToFen) || tier.upToFen <= 0) {
        problems.push({ field: `${field}.upToFen`, rule: 'positiveWholeFen', message: 'A threshold is a positive whole number of fen' });
      } else if (tier.upToFen <= previous) {
        problems.push({ field: `${field}.upToFen`, rule: 'thresholdsAscending', message: `Thresholds ascend: ${tier.upToFen} is not above ${previous}` });
      } else {
        previous = tier.upToFen;
      }
    }
    if (tier.levels.length === 0) {
      problems.push({ field: `${field}.levels`, rule: 'atLeastOneLevel', message: 'Every tier has at least one approval step' });
    }
    const unknown = tier.levels.filter((l) => !(APPROVAL_LEVELS as readonly string[]).includes(l));
    if (unknown.length) {
      problems.push({ field: `${field}.levels`, rule: 'knownLevels', message: `Unknown approval levels ${unknown.join(', ')}; known: ${APPROVAL_LEVELS.join(', ')}` });
    }
    if (new Set(tier.levels).size !== tier.levels.length) {
      problems.push({ field: `${field}.levels`, rule: 'noLevelTwice', message: 'A level appears once in a chain' });
    }
  });
  return problems;
}

/** The levels an application of this amount must pass under these tiers, in order. */
export function levelsFor(tiers: readonly ApprovalTier[], amountFen: number): ApprovalLevel[] {
  const tier = tiers.find((t) => t.upToFen === null || amountFen <= t.upToFen);
  if (!tier) throw new Error(`no tier for ${amountFen} fen`);
  return [...tier.levels];
}
