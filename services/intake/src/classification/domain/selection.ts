import type { TaxonomyClass } from '@pdmc/platform';
import { candidatePolicies, combine, policyName, type CombinationPolicy } from './combination';
import { accuracyReport, type AccuracyReport, type EvaluatedCase, type RankedLeaf, type Truth } from './evaluation';
import { LearnedModel, type LabelledText, type Temperatures } from './learned-model';
import { softmax } from './naive-bayes';

/** The keyword rules as the trainer sees them: suggestions for words, best first. */
export type RulesSuggester = (subject: string, description: string) => readonly RankedLeaf[];

export interface TrainingOptions {
  /** Share of the most recent examples held out to measure and choose the policy. */
  heldOutShare: number;
  /** At least this many examples are held out; fewer examples in all and no model is trained. */
  minHeldOut: number;
  maxHeldOut: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = { heldOutShare: 0.2, minHeldOut: 20, maxHeldOut: 1000 };

/** The fewest examples a model is trained from: enough to hold some out and learn from the rest. */
export function minimumExamples(options: TrainingOptions = DEFAULT_TRAINING_OPTIONS): number {
  return options.minHeldOut * 3;
}

export interface PolicyScore {
  policy: string;
  level1Top1: number | null;
  level1Top3: number | null;
  leafTop1: number | null;
}

/** How a model version was measured and which policy it serves with. */
export interface ModelReport {
  trainingSize: number;
  heldOutSize: number;
  /** Time of the first held-out example: everything from then on was held out. */
  heldOutFrom?: Date;
  /** The policy in service with this model. */
  policy: CombinationPolicy;
  temperatures: Temperatures;
  /** On the held-out examples, side by side. `combination` is the best combined policy, served or not. */
  accuracy: { rules: AccuracyReport; model: AccuracyReport; combination: AccuracyReport };
  combinationPolicy: CombinationPolicy;
  /** Every policy compared. */
  policies: PolicyScore[];
}

export interface TimedExample extends LabelledText {
  at: Date;
}

const TEMPERATURES = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** The softmax temperature with the least negative log-likelihood of the true labels. */
export function fitTemperature(cases: ReadonlyArray<{ scores: Float64Array; truth: number }>): number {
  if (!cases.length) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (const t of TEMPERATURES) {
    let loss = 0;
    for (const { scores, truth } of cases) loss -= Math.log(Math.max(softmax(scores, t)[truth], 1e-12));
    if (loss < bestLoss) [best, bestLoss] = [t, loss];
  }
  return best;
}

function fitTemperatures(model: LearnedModel, heldOut: readonly LabelledText[], taxonomy: ReadonlyMap<number, TaxonomyClass>): Temperatures {
  const labels = model.labels;
  type Scored = Array<{ scores: Float64Array; truth: number }>;
  const cases: Record<'level1' | 'level2' | 'leaf', Scored> = { level1: [], level2: [], leaf: [] };
  for (const e of heldOut) {
    const scores = model.levelScores(e.subject, e.description);
    const add = (level: keyof typeof cases, s: Float64Array | undefined, label: string | undefined) => {
      const truth = label === undefined ? -1 : labels[level].indexOf(label);
      if (s && truth >= 0) cases[level].push({ scores: s, truth });
    };
    add('level1', scores.level1, e.level1);
    add('level2', scores.level2, e.level2 === undefined ? undefined : `${e.level1}/${e.level2}`);
    add('leaf', scores.leaf, e.categoryId === undefined || !taxonomy.has(e.categoryId) ? undefined : String(e.categoryId));
  }
  return { level1: fitTemperature(cases.level1), level2: fitTemperature(cases.level2), leaf: fitTemperature(cases.leaf) };
}

const truthOf = (e: LabelledText): Truth => ({
  level1: e.level1,
  ...(e.level2 !== undefined ? { level2: e.level2 } : {}),
  ...(e.categoryId !== undefined ? { categoryId: e.categoryId } : {}),
});

/** Ranked leaves of every candidate policy for each example. */
export function evaluatePolicies(
  model: LearnedModel,
  rules: RulesSuggester,
  examples: readonly LabelledText[],
  policies: readonly CombinationPolicy[] = candidatePolicies(),
): Map<string, { policy: CombinationPolicy; cases: EvaluatedCase[] }> {
  const out = new Map(policies.map((p) => [policyName(p), { policy: p, cases: [] as EvaluatedCase[] }]));
  for (const e of examples) {
    const fromRules = rules(e.subject, e.description);
    const prediction = model.predict(e.subject, e.description, 3);
    for (const { policy, cases } of out.values()) {
      const ranked = combine(fromRules, prediction, policy).map((c) => (c.rule ?? c.learned) as RankedLeaf);
      cases.push({ truth: truthOf(e), ranked });
    }
  }
  return out;
}

const better = (a: AccuracyReport, b: AccuracyReport): number =>
  (a.level1.top1Rate ?? 0) - (b.level1.top1Rate ?? 0) ||
  (a.level1.top3Rate ?? 0) - (b.level1.top3Rate ?? 0) ||
  (a.leaf.top1Rate ?? 0) - (b.leaf.top1Rate ?? 0);

/**
 * The policy to serve: the best on held-out first-level top-1 accuracy (then top-3, then leaf),
 * but only if it is no worse than the rules on top-1 and top-3 and better on one of them;
 * otherwise the rules alone.
 */
export function choosePolicy(reports: ReadonlyArray<{ policy: CombinationPolicy; report: AccuracyReport }>): CombinationPolicy {
  const rules = reports.find((r) => r.policy.kind === 'rules');
  const challengers = reports.filter((r) => r.policy.kind !== 'rules').sort((a, b) => better(b.report, a.report));
  const [best] = challengers;
  if (!rules || !best) return { kind: 'rules' };
  const r = rules.report.level1;
  const b = best.report.level1;
  const noWorse = (b.top1Rate ?? 0) >= (r.top1Rate ?? 0) && (b.top3Rate ?? 0) >= (r.top3Rate ?? 0);
  const gains = (b.top1Rate ?? 0) > (r.top1Rate ?? 0) || (b.top3Rate ?? 0) > (r.top3Rate ?? 0);
  return noWorse && gains ? best.policy : { kind: 'rules' };
}

/**
 * Trains a model version from the centre's examples: holds out the most recent ones (a time
 * split, as the model will meet tomorrow's petitions), fits temperatures and chooses the policy
 * on them, then trains the served model on every example with those settings. Undefined when
 * there are too few examples or fewer than two first-level classes.
 */
export async function trainAndSelect(
  examples: readonly TimedExample[],
  rules: RulesSuggester,
  taxonomy: ReadonlyMap<number, TaxonomyClass>,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  /** Awaited between the steps, so that a service can answer requests meanwhile. */
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<{ model: LearnedModel; report: ModelReport } | undefined> {
  const sorted = [...examples].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (sorted.length < minimumExamples(options)) return undefined;
  const heldOutSize = Math.min(options.maxHeldOut, Math.max(options.minHeldOut, Math.round(sorted.length * options.heldOutShare)));
  const train = sorted.slice(0, sorted.length - heldOutSize);
  const heldOut = sorted.slice(sorted.length - heldOutSize);
  if (new Set(train.map((e) => e.level1)).size < 2 || new Set(sorted.map((e) => e.level1)).size < 2) return undefined;

  const untuned = LearnedModel.train(train, taxonomy);
  await pause();
  const temperatures = fitTemperatures(untuned, heldOut, taxonomy);
  const measured = untuned.withTemperatures(temperatures);
  await pause();
  const evaluated = [...evaluatePolicies(measured, rules, heldOut).values()].map(({ policy, cases }) => ({
    policy,
    report: accuracyReport(cases),
  }));
  const policy = choosePolicy(evaluated);
  const reportOf = (kind: CombinationPolicy['kind']) =>
    evaluated.filter((e) => e.policy.kind === kind).sort((a, b) => better(b.report, a.report))[0];
  const bestCombined = reportOf('combined');
  await pause();
  return {
    model: LearnedModel.train(sorted, taxonomy, temperatures),
    report: {
      trainingSize: sorted.length,
      heldOutSize,
      heldOutFrom: heldOut[0].at,
      policy,
      temperatures,
      accuracy: { rules: reportOf('rules').report, model: reportOf('model').report, combination: bestCombined.report },
      combinationPolicy: bestCombined.policy,
      policies: evaluated.map(({ policy: p, report }) => ({
        policy: policyName(p),
        level1Top1: report.level1.top1Rate,
        level1Top3: report.level1.top3Rate,
        leafTop1: report.leaf.top1Rate,
      })),
    },
  };
}
