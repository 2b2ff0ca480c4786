import type { Features } from './text-features';

/**
 * A multinomial naive Bayes text classifier over TF-IDF weighted, length-normalised features
 * (Rennie et al. 2003, "Tackling the poor assumptions of naive Bayes text classifiers"): one
 * pass over the examples trains it, so a few thousand petitions take well under a second, and
 * each class's score is a sum of per-feature weights, so a suggestion can name the character
 * groups that weighed most for it.
 */
export interface NaiveBayesOptions {
  /** Additive smoothing of the per-class feature weights. */
  alpha: number;
  /** Features seen in fewer examples are dropped: a group seen once says little and costs memory. */
  minDocumentFrequency: number;
}

export const DEFAULT_NAIVE_BAYES_OPTIONS: NaiveBayesOptions = { alpha: 0.02, minDocumentFrequency: 2 };

export interface LabelledFeatures {
  features: Features;
  label: string;
}

/**
 * Everything needed to rebuild the classifier: what is stored with a model version. Postings
 * are parallel arrays (feature index, label index, summed weight), one entry per feature a
 * class has seen, so the size follows the data, not features times classes.
 */
export interface NaiveBayesData {
  labels: string[];
  vocabulary: string[];
  idf: Float32Array;
  documentCounts: Float64Array;
  classTotals: Float64Array;
  postingFeature: Int32Array;
  postingLabel: Int32Array;
  postingWeight: Float32Array;
  alpha: number;
}

export interface WeighedFeature {
  feature: string;
  /** How much it raised the class's score above the average class. */
  weight: number;
}

/** Sparse TF-IDF vector: sublinear term frequency times idf, scaled to unit length. */
interface Vector {
  index: Int32Array;
  value: Float64Array;
}

export class NaiveBayesClassifier {
  readonly labels: readonly string[];
  private readonly featureIndex: ReadonlyMap<string, number>;
  private readonly logPrior: Float64Array;
  /** log θ of a feature the class has never seen. */
  private readonly unseenLog: Float64Array;
  /** Per feature: the classes that saw it and log θ − unseenLog for them. */
  private readonly postingStart: Int32Array;
  private readonly postingLabels: Int32Array;
  private readonly postingDeltas: Float64Array;
  /** Per feature: the mean over classes of its delta, to explain against the average class. */
  private readonly meanDelta: Float64Array;

  private constructor(readonly data: NaiveBayesData) {
    const { labels, vocabulary, documentCounts, classTotals, alpha } = data;
    this.labels = labels;
    this.featureIndex = new Map(vocabulary.map((f, i) => [f, i]));
    const k = labels.length;
    const v = vocabulary.length;
    const documents = documentCounts.reduce((a, b) => a + b, 0);
    this.logPrior = Float64Array.from(documentCounts, (n) => Math.log(n / documents));
    this.unseenLog = Float64Array.from(classTotals, (t) => Math.log(alpha) - Math.log(t + alpha * v));

    const order = [...data.postingFeature.keys()].sort(
      (a, b) => data.postingFeature[a] - data.postingFeature[b] || data.postingLabel[a] - data.postingLabel[b],
    );
    this.postingStart = new Int32Array(v + 1);
    this.postingLabels = new Int32Array(order.length);
    this.postingDeltas = new Float64Array(order.length);
    this.meanDelta = new Float64Array(v);
    order.forEach((p, at) => {
      const f = data.postingFeature[p];
      this.postingStart[f + 1] = at + 1;
      this.postingLabels[at] = data.postingLabel[p];
      const delta = Math.log(data.postingWeight[p] + alpha) - Math.log(alpha);
      this.postingDeltas[at] = delta;
      this.meanDelta[f] += delta / k;
    });
    for (let f = 1; f <= v; f++) this.postingStart[f] = Math.max(this.postingStart[f], this.postingStart[f - 1]);
  }

  /** Trains on the examples; throws when they hold fewer than two labels. */
  static train(examples: readonly LabelledFeatures[], options: NaiveBayesOptions = DEFAULT_NAIVE_BAYES_OPTIONS): NaiveBayesClassifier {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error('naive Bayes: at least two labels are needed');
    const labelIndex = new Map(labels.map((l, i) => [l, i]));

    const documentFrequency = new Map<string, number>();
    for (const e of examples) for (const f of e.features.keys()) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
    const vocabulary = [...documentFrequency]
      .filter(([, df]) => df >= options.minDocumentFrequency)
      .map(([f]) => f)
      .sort();
    const featureIndex = new Map(vocabulary.map((f, i) => [f, i]));
    const n = examples.length;
    const idf = Float32Array.from(vocabulary, (f) => Math.log((1 + n) / (1 + (documentFrequency.get(f) ?? 0))) + 1);

    const documentCounts = new Float64Array(labels.length);
    const classTotals = new Float64Array(labels.length);
    const sums = new Map<number, number>();
    for (const e of examples) {
      const c = labelIndex.get(e.label) as number;
      documentCounts[c] += 1;
      const x = vectorize(e.features, featureIndex, idf);
      for (let i = 0; i < x.index.length; i++) {
        const key = x.index[i] * labels.length + c;
        sums.set(key, (sums.get(key) ?? 0) + x.value[i]);
        classTotals[c] += x.value[i];
      }
    }
    const postingFeature = new Int32Array(sums.size);
    const postingLabel = new Int32Array(sums.size);
    const postingWeight = new Float32Array(sums.size);
    let at = 0;
    for (const [key, weight] of sums) {
      postingFeature[at] = Math.floor(key / labels.length);
      postingLabel[at] = key % labels.length;
      postingWeight[at] = weight;
      at += 1;
    }
    return new NaiveBayesClassifier({
      labels,
      vocabulary,
      idf,
      documentCounts,
      classTotals,
      postingFeature,
      postingLabel,
      postingWeight,
      alpha: options.alpha,
    });
  }

  static fromData(data: NaiveBayesData): NaiveBayesClassifier {
    return new NaiveBayesClassifier(data);
  }

  /** Log joint likelihood of each label (same order as {@link labels}). */
  scores(features: Features): Float64Array {
    const x = vectorize(features, this.featureIndex, this.data.idf);
    let mass = 0;
    for (let i = 0; i < x.value.length; i++) mass += x.value[i];
    const out = Float64Array.from(this.logPrior, (prior, c) => prior + mass * this.unseenLog[c]);
    for (let i = 0; i < x.index.length; i++) {
      const f = x.index[i];
      for (let p = this.postingStart[f]; p < this.postingStart[f + 1]; p++) {
        out[this.postingLabels[p]] += x.value[i] * this.postingDeltas[p];
      }
    }
    return out;
  }

  /** Label probabilities: the scores through a softmax at `temperature` (fitted on held-out examples). */
  probabilities(features: Features, temperature = 1): Float64Array {
    return softmax(this.scores(features), temperature);
  }

  /** The features that raised `label`'s score most above the average class, strongest first. */
  explain(features: Features, label: string, limit = 5): WeighedFeature[] {
    const c = this.labels.indexOf(label);
    if (c < 0) return [];
    const x = vectorize(features, this.featureIndex, this.data.idf);
    const weighed: WeighedFeature[] = [];
    for (let i = 0; i < x.index.length; i++) {
      const f = x.index[i];
      let delta = 0;
      for (let p = this.postingStart[f]; p < this.postingStart[f + 1]; p++) {
        if (this.postingLabels[p] === c) delta = this.postingDeltas[p];
      }
      const weight = x.value[i] * (delta - this.meanDelta[f]);
      if (weight > 0) weighed.push({ feature: this.data.vocabulary[f], weight });
    }
    return weighed
      .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1))
      .slice(0, limit)
      .map((w) => ({ feature: w.feature, weight: Math.round(w.weight * 1000) / 1000 }));
  }
}

function vectorize(features: Features, featureIndex: ReadonlyMap<string, number>, idf: Float32Array): Vector {
  const index: number[] = [];
  const value: number[] = [];
  let norm = 0;
  for (const [feature, count] of features) {
    const f = featureIndex.get(feature);
    if (f === undefined || count <= 0) continue;
    const w = (1 + Math.log(count)) * idf[f];
    index.push(f);
    value.push(w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { index: Int32Array.from(index), value: Float64Array.from(value, (w) => w * scale) };
}

export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  const out = Float64Array.from(scores as ArrayLike<number>, (s) => Math.exp((s - max) / temperature));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((p) => p / sum);
}
