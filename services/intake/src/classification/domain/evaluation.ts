/** What the clerk chose: the first level always, finer levels when known. */
export interface Truth {
  level1: string;
  level2?: string;
  categoryId?: number;
}

/** A suggested leaf with its levels. */
export interface RankedLeaf {
  categoryId: number;
  level1: string;
  level2: string;
}

export interface EvaluatedCase {
  truth: Truth;
  /** Suggestions, best first; only the first three count. */
  ranked: readonly RankedLeaf[];
}

export interface LevelAccuracy {
  /** Cases whose truth knows this level. */
  n: number;
  /** The first suggestion had the right class at this level. */
  top1: number;
  /** One of the first three suggestions had it. */
  top3: number;
  /** top1 / n, 4 decimals; null when n is 0. */
  top1Rate: number | null;
  top3Rate: number | null;
}

export interface AccuracyReport {
  level1: LevelAccuracy;
  level2: LevelAccuracy;
  leaf: LevelAccuracy;
  /** First-level accuracy per true first-level class. */
  perClass: Record<string, LevelAccuracy>;
}

const rate = (part: number, total: number): number | null => (total ? Math.round((part / total) * 10_000) / 10_000 : null);

function counter(): { n: number; top1: number; top3: number } {
  return { n: 0, top1: 0, top3: 0 };
}

function finish(c: { n: number; top1: number; top3: number }): LevelAccuracy {
  return { ...c, top1Rate: rate(c.top1, c.n), top3Rate: rate(c.top3, c.n) };
}

function count(c: { n: number; top1: number; top3: number }, hits: readonly boolean[]): void {
  c.n += 1;
  if (hits[0]) c.top1 += 1;
  if (hits.slice(0, 3).some(Boolean)) c.top3 += 1;
}

/** Top-1 and top-3 accuracy at each level, and per first-level class. */
export function accuracyReport(cases: readonly EvaluatedCase[]): AccuracyReport {
  const level1 = counter();
  const level2 = counter();
  const leaf = counter();
  const perClass = new Map<string, ReturnType<typeof counter>>();
  for (const { truth, ranked } of cases) {
    const hits1 = ranked.map((r) => r.level1 === truth.level1);
    count(level1, hits1);
    const own = perClass.get(truth.level1) ?? counter();
    count(own, hits1);
    perClass.set(truth.level1, own);
    if (truth.level2 !== undefined) count(level2, ranked.map((r) => r.level1 === truth.level1 && r.level2 === truth.level2));
    if (truth.categoryId !== undefined) count(leaf, ranked.map((r) => r.categoryId === truth.categoryId));
  }
  return {
    level1: finish(level1),
    level2: finish(level2),
    leaf: finish(leaf),
    perClass: Object.fromEntries([...perClass].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [k, finish(c)])),
  };
}

/** Mark of "nothing suggested" in a confusion table. */
export const NO_SUGGESTION = '—';

/** Counts of (true first-level class → first-level class of the top suggestion). */
export function confusionTable(cases: readonly EvaluatedCase[]): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>();
  for (const { truth, ranked } of cases) {
    const row = table.get(truth.level1) ?? new Map<string, number>();
    const predicted = ranked[0]?.level1 ?? NO_SUGGESTION;
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    table.set(truth.level1, row);
  }
  return table;
}
