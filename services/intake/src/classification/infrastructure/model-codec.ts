import { gunzipSync, gzipSync } from 'node:zlib';
import type { LearnedModelData } from '../domain/learned-model';
import type { NaiveBayesData } from '../domain/naive-bayes';

/** Characters of base64 per stored part: well below any document limit. */
export const PART_SIZE = 1_000_000;

const TYPED = ['idf', 'documentCounts', 'classTotals', 'postingFeature', 'postingLabel', 'postingWeight'] as const;
const CONSTRUCTORS = {
  idf: Float32Array,
  documentCounts: Float64Array,
  classTotals: Float64Array,
  postingFeature: Int32Array,
  postingLabel: Int32Array,
  postingWeight: Float32Array,
} as const;

function encodeClassifier(data: NaiveBayesData): Record<string, unknown> {
  const out: Record<string, unknown> = { labels: data.labels, vocabulary: data.vocabulary.join('\n'), alpha: data.alpha };
  for (const key of TYPED) out[key] = Buffer.from(data[key].buffer, data[key].byteOffset, data[key].byteLength).toString('base64');
  return out;
}

function decodeClassifier(raw: Record<string, unknown>): NaiveBayesData {
  const typed = Object.fromEntries(
    TYPED.map((key) => {
      const bytes = Buffer.from(raw[key] as string, 'base64');
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      return [key, new CONSTRUCTORS[key](copy.buffer)];
    }),
  ) as Pick<NaiveBayesData, (typeof TYPED)[number]>;
  const vocabulary = raw['vocabulary'] as string;
  return { labels: raw['labels'] as string[], vocabulary: vocabulary ? vocabulary.split('\n') : [], alpha: raw['alpha'] as number, ...typed };
}

/** The model as base64 parts of gzipped JSON, typed arrays as their bytes. */
export function encodeModel(data: LearnedModelData): string[] {
  const json = JSON.stringify({
    level1: encodeClassifier(data.level1),
    ...(data.level2 ? { level2: encodeClassifier(data.level2) } : {}),
    ...(data.leaf ? { leaf: encodeClassifier(data.leaf) } : {}),
    temperatures: data.temperatures,
    fallbackLeaf: data.fallbackLeaf,
  });
  const text = gzipSync(json).toString('base64');
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += PART_SIZE) parts.push(text.slice(at, at + PART_SIZE));
  return parts;
}

export function decodeModel(parts: readonly string[]): LearnedModelData {
  const raw = JSON.parse(gunzipSync(Buffer.from(parts.join(''), 'base64')).toString('utf8')) as Record<string, unknown>;
  const classifier = (key: string) => (raw[key] ? decodeClassifier(raw[key] as Record<string, unknown>) : undefined);
  return {
    level1: classifier('level1') as NaiveBayesData,
    ...(raw['level2'] ? { level2: classifier('level2') } : {}),
    ...(raw['leaf'] ? { leaf: classifier('leaf') } : {}),
    temperatures: raw['temperatures'] as LearnedModelData['temperatures'],
    fallbackLeaf: raw['fallbackLeaf'] as Record<string, number>,
  };
}
