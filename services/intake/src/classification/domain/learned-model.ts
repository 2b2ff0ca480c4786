import type { TaxonomyClass } from '@pdmc/platform';
import {
  DEFAULT_NAIVE_BAYES_OPTIONS,
  NaiveBayesClassifier,
  type NaiveBayesData,
  type NaiveBayesOptions,
  type WeighedFeature,
} from './naive-bayes';
import { textFeatures, type Features } from './text-features';

/** A confirmed classification as the model learns from it: words and the class's levels. */
export interface LabelledText {
  subject: string;
  description: string;
  level1: string;
  /** Absent when only the first level is known (an imported archive may have no more). */
  level2?: string;
  /** The leaf, when known. */
  categoryId?: number;
}

/** A leaf the model suggests, with its probability and the character groups that weighed most. */
export interface ModelSuggestion {
  categoryId: number;
  level1: string;
  level2: string;
  level3: string;
  /** P(level1) × P(level2 | level1) × P(leaf | level2), from the model's own levels. */
  probability: number;
  weighed: WeighedFeature[];
}

export interface ModelPrediction {
  /** Every first-level class the model knows, most probable first. */
  level1: Array<{ level1: string; probability: number }>;
  suggestions: ModelSuggestion[];
}

/** Softmax temperatures per level, fitted on held-out examples so probabilities mean something. */
export interface Temperatures {
  level1: number;
  level2: number;
  leaf: number;
}

/** What is stored with a model version: the three classifiers and the leaf fall-backs. */
export interface LearnedModelData {
  level1: NaiveBayesData;
  level2?: NaiveBayesData;
  leaf?: NaiveBayesData;
  temperatures: Temperatures;
  /** Per level1 and per `level1/level2`: the leaf suggested when no finer level is learned. */
  fallbackLeaf: Record<string, number>;
}

/** Fewer examples than this with a finer level: that level is not learned. */
const MIN_FINER_EXAMPLES = 20;
const level2Key = (level1: string, level2: string): string => `${level1}/${level2}`;

function trainOrUndefined(
  examples: Array<{ features: Features; label: string }>,
  options: NaiveBayesOptions,
): NaiveBayesClassifier | undefined {
  if (examples.length < MIN_FINER_EXAMPLES || new Set(examples.map((e) => e.label)).size < 2) return undefined;
  return NaiveBayesClassifier.train(examples, options);
}

function mostFrequent<K>(counts: Map<K, number>): K | undefined {
  let best: K | undefined;
  let most = 0;
  for (const [k, n] of counts) if (n > most) [best, most] = [k, n];
  return best;
}

/** The leaf that stands for a class with no learned finer level: its 其他 leaf, else its first. */
function taxonomyFallback(taxonomy: ReadonlyMap<number, TaxonomyClass>, level1: string, level2?: string): number | undefined {
  const inClass = [...taxonomy.values()].filter((c) => c.level1 === level1 && (level2 === undefined || c.level2 === level2));
  const other = inClass.find((c) => c.level3 === '其他' && (level2 !== undefined || c.level2 === '其他'));
  return (other ?? inClass.find((c) => c.level3 === '其他') ?? inClass[0])?.id;
}

/**
 * The centre's own category model: one naive Bayes classifier per taxonomy level (first level,
 * second level, leaf), each trained on the examples that know that level, combined top-down so
 * that a suggestion is always a leaf of the taxonomy.
 */
export class LearnedModel {
  private constructor(
    private readonly level1: NaiveBayesClassifier,
    private readonly level2: NaiveBayesClassifier | undefined,
    private readonly leaf: NaiveBayesClassifier | undefined,
    readonly temperatures: Temperatures,
    private readonly fallbackLeaf: Record<string, number>,
    private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
  ) {}

  static train(
    examples: readonly LabelledText[],
    taxonomy: ReadonlyMap<number, TaxonomyClass>,
    temperatures: Temperatures = { level1: 1, level2: 1, leaf: 1 },
    options: NaiveBayesOptions = DEFAULT_NAIVE_BAYES_OPTIONS,
  ): LearnedModel {
    const withFeatures = examples.map((e) => ({ ...e, features: textFeatures(e.subject, e.description) }));
    const level1 = NaiveBayesClassifier.train(
      withFeatures.map((e) => ({ features: e.features, label: e.level1 })),
      options,
    );
    const withLevel2 = withFeatures.filter((e) => e.level2 !== undefined);
    const level2 = trainOrUndefined(
      withLevel2.map((e) => ({ features: e.features, label: level2Key(e.level1, e.level2 as string) })),
      options,
    );
    const withLeaf = withFeatures.filter((e) => e.categoryId !== undefined && taxonomy.has(e.categoryId));
    const leaf = trainOrUndefined(
      withLeaf.map((e) => ({ features: e.features, label: String(e.categoryId) })),
      options,
    );

    const leafCounts = new Map<string, Map<number, number>>();
    for (const e of withLeaf) {
      const c = taxonomy.get(e.categoryId as number) as TaxonomyClass;
      for (const key of [c.level1, level2Key(c.level1, c.level2)]) {
        const counts = leafCounts.get(key) ?? new Map<number, number>();
        counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
        leafCounts.set(key, counts);
      }
    }
    const fallbackLeaf: Record<string, number> = {};
    const keys = new Set([...level1.labels, ...(level2?.labels ?? [])]);
    for (const key of keys) {
      const [l1, l2] = key.split('/');
      const id = mostFrequent(leafCounts.get(key) ?? new Map()) ?? taxonomyFallback(taxonomy, l1, l2);
      if (id !== undefined) fallbackLeaf[key] = id;
    }
    return new LearnedModel(level1, level2, leaf, temperatures, fallbackLeaf, taxonomy);
  }

  static fromData(data: LearnedModelData, taxonomy: ReadonlyMap<number, TaxonomyClass>): LearnedModel {
    return new LearnedModel(
      NaiveBayesClassifier.fromData(data.level1),
      data.level2 ? NaiveBayesClassifier.fromData(data.level2) : undefined,
      data.leaf ? NaiveBayesClassifier.fromData(data.leaf) : undefined,
      data.temperatures,
      data.fallbackLeaf,
      taxonomy,
    );
  }

  toData(): LearnedModelData {
    return {
      level1: this.level1.data,
      ...(this.level2 ? { level2: this.level2.data } : {}),
      ...(this.leaf ? { leaf: this.leaf.data } : {}),
      temperatures: this.temperatures,
      fallbackLeaf: this.fallbackLeaf,
    };
  }

  withTemperatures(temperatures: Temperatures): LearnedModel {
    return new LearnedModel(this.level1, this.level2, this.leaf, temperatures, this.fallbackLeaf, this.taxonomy);
  }

  /** Raw scores of each level, for fitting temperatures. */
  levelScores(subject: string, description: string): { level1: Float64Array; level2?: Float64Array; leaf?: Float64Array } {
    const features = textFeatures(subject, description);
    return {
      level1: this.level1.scores(features),
      ...(this.level2 ? { level2: this.level2.scores(features) } : {}),
      ...(this.leaf ? { leaf: this.leaf.scores(features) } : {}),
    };
  }

  get labels(): { level1: readonly string[]; level2: readonly string[]; leaf: readonly string[] } {
    return { level1: this.level1.labels, level2: this.level2?.labels ?? [], leaf: this.leaf?.labels ?? [] };
  }

  predict(subject: string, description: string, limit = 3): ModelPrediction {
    const features = textFeatures(subject, description);
    const p1 = this.level1.probabilities(features, this.temperatures.level1);
    const p2 = this.level2?.probabilities(features, this.temperatures.level2);
    const p3 = this.leaf?.probabilities(features, this.temperatures.leaf);

    // Level 2 and leaf probabilities are renormalised within their parent class.
    const level2Of = new Map<string, Array<{ key: string; p: number }>>();
    this.level2?.labels.forEach((key, i) => {
      const l1 = key.split('/')[0];
      level2Of.set(l1, [...(level2Of.get(l1) ?? []), { key, p: (p2 as Float64Array)[i] }]);
    });
    const leavesOf = new Map<string, Array<{ id: number; p: number }>>();
    this.leaf?.labels.forEach((label, i) => {
      const c = this.taxonomy.get(Number(label));
      if (!c) return;
      const key = level2Key(c.level1, c.level2);
      leavesOf.set(key, [...(leavesOf.get(key) ?? []), { id: c.id, p: (p3 as Float64Array)[i] }]);
    });
    const normalised = <T extends { p: number }>(list: readonly T[]): T[] => {
      const sum = list.reduce((a, b) => a + b.p, 0);
      return list.map((x) => ({ ...x, p: sum > 0 ? x.p / sum : 1 / list.length }));
    };

    const candidates: Array<{ id: number; p: number; level1: string; level2?: string }> = [];
    this.level1.labels.forEach((l1, i) => {
      const level2s = level2Of.get(l1);
      if (!level2s?.length) {
        const id = this.fallbackLeaf[l1];
        if (id !== undefined) candidates.push({ id, p: p1[i], level1: l1 });
        return;
      }
      for (const { key, p } of normalised(level2s)) {
        const leaves = leavesOf.get(key);
        if (!leaves?.length) {
          const id = this.fallbackLeaf[key];
          if (id !== undefined) candidates.push({ id, p: p1[i] * p, level1: l1, level2: key });
          continue;
        }
        for (const leaf of normalised(leaves)) candidates.push({ id: leaf.id, p: p1[i] * p * leaf.p, level1: l1, level2: key });
      }
    });
    candidates.sort((a, b) => b.p - a.p || a.id - b.id);

    const suggestions: ModelSuggestion[] = [];
    for (const c of candidates) {
      if (suggestions.length >= limit) break;
      const leaf = this.taxonomy.get(c.id);
      if (!leaf || suggestions.some((s) => s.categoryId === c.id)) continue;
      suggestions.push({
        categoryId: c.id,
        level1: leaf.level1,
        level2: leaf.level2,
        level3: leaf.level3,
        probability: Math.round(c.p * 10_000) / 10_000,
        weighed: this.explain(features, c.level1, c.level2),
      });
    }
    const level1 = this.level1.labels
      .map((l1, i) => ({ level1: l1, probability: p1[i] }))
      .sort((a, b) => b.probability - a.probability);
    return { level1, suggestions };
  }

  /** The groups that weighed most for the first and second level, summed, strongest first. */
  private explain(features: Features, level1: string, level2: string | undefined, limit = 5): WeighedFeature[] {
    const sum = new Map<string, number>();
    for (const w of this.level1.explain(features, level1, limit * 2)) sum.set(w.feature, w.weight);
    if (level2 && this.level2) {
      for (const w of this.level2.explain(features, level2, limit * 2)) sum.set(w.feature, (sum.get(w.feature) ?? 0) + w.weight);
    }
    // 工资 inside 拖欠工资 says nothing new: a group inside one already named is skipped.
    const named: WeighedFeature[] = [];
    for (const [feature, weight] of [...sum].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      if (named.length >= limit) break;
      if (named.some((n) => n.feature.includes(feature) || feature.includes(n.feature))) continue;
      named.push({ feature, weight: Math.round(weight * 1000) / 1000 });
    }
    return named;
  }
}
