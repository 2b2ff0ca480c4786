/**
 * How the rules' and the model's suggestions are put together. Which policy serves is decided by
 * held-out accuracy (see selection.ts), never by hand.
 */
export type CombinationPolicy =
  | { kind: 'rules' }
  | { kind: 'model' }
  /**
   * The rules' candidates re-ranked by the model, kept only inside the model's confident set
   * (the most probable first-level classes that together reach `confidence`); the model answers
   * alone when the rules are silent or none of their candidates is in that set.
   */
  | { kind: 'combined'; confidence: number };

export const CONFIDENCE_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99] as const;

export function policyName(policy: CombinationPolicy): string {
  return policy.kind === 'combined' ? `combined@${policy.confidence}` : policy.kind;
}

/** The policies a training run compares. */
export function candidatePolicies(): CombinationPolicy[] {
  return [{ kind: 'rules' }, { kind: 'model' }, ...CONFIDENCE_LEVELS.map((confidence) => ({ kind: 'combined' as const, confidence }))];
}

export interface Candidate {
  categoryId: number;
  level1: string;
}

export type Source = 'rules' | 'model' | 'both';

/**
 * The first-level classes the model is confident of: the most probable ones until their
 * probabilities reach `confidence` (at least one).
 */
export function confidentSet(level1: ReadonlyArray<{ level1: string; probability: number }>, confidence: number): Set<string> {
  const set = new Set<string>();
  let mass = 0;
  for (const { level1: l1, probability } of level1) {
    if (mass >= confidence) break;
    set.add(l1);
    mass += probability;
  }
  return set;
}

/**
 * Puts the rules' and the model's candidates together under `policy`, best first, each once,
 * with where it came from. Items are passed through, so callers keep their explanations.
 */
export function combine<R extends Candidate, M extends Candidate>(
  rules: readonly R[],
  model: { level1: ReadonlyArray<{ level1: string; probability: number }>; suggestions: readonly M[] } | undefined,
  policy: CombinationPolicy,
  limit = 3,
): Array<{ source: Source; rule?: R; learned?: M }> {
  type Item = { categoryId: number; source: Source; rule?: R; learned?: M };
  const fromRules: Item[] = rules.map((rule) => ({ categoryId: rule.categoryId, source: 'rules', rule }));
  const fromModel: Item[] = (model?.suggestions ?? []).map((learned) => ({ categoryId: learned.categoryId, source: 'model', learned }));
  let ordered: Item[];
  if (policy.kind === 'rules' || !model) ordered = fromRules;
  else if (policy.kind === 'model') ordered = [...fromModel, ...fromRules];
  else {
    const confident = confidentSet(model.level1, policy.confidence);
    const p1 = new Map(model.level1.map((x) => [x.level1, x.probability]));
    const kept = rules
      .map((rule, rank) => ({ item: fromRules[rank], rank, level1: rule.level1, p: p1.get(rule.level1) ?? 0 }))
      .filter((x) => confident.has(x.level1))
      .sort((a, b) => b.p - a.p || a.rank - b.rank)
      .map((x) => x.item);
    ordered = kept.length ? [...kept, ...fromModel, ...fromRules] : [...fromModel, ...fromRules];
  }
  const out = new Map<number, { source: Source; rule?: R; learned?: M }>();
  for (const item of ordered) {
    const known = out.get(item.categoryId);
    if (known) {
      if (known.source !== item.source) Object.assign(known, { source: 'both', rule: known.rule ?? item.rule, learned: known.learned ?? item.learned });
      continue;
    }
    if (out.size >= limit) continue;
    out.set(item.categoryId, { source: item.source, ...(item.rule ? { rule: item.rule } : {}), ...(item.learned ? { learned: item.learned } : {}) });
  }
  return [...out.values()];
}
