import { normalizeText } from './keyword-rules';

/** A feature: a character n-gram of Chinese text (`n:` prefix free), or a Latin word. */
export type Features = ReadonlyMap<string, number>;

/** Longest character group counted. */
export const MAX_NGRAM = 3;
/** The subject says what the matter is; its n-grams count this many times those of the description. */
export const SUBJECT_WEIGHT = 2;

/** What {@link redactPersonalData} leaves in place of removed data: not words of the petition. */
const PLACEHOLDER = /〔[^〕]{0,12}〕/g;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z]{2,20}/g;

function addNgrams(into: Map<string, number>, text: string, weight: number): void {
  const clean = normalizeText(text).replace(PLACEHOLDER, ' ');
  for (const run of clean.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let n = 1; n <= MAX_NGRAM; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const gram = n === 1 ? chars[i] : chars.slice(i, i + n).join('');
        into.set(gram, (into.get(gram) ?? 0) + weight);
      }
    }
  }
  // Latin words (app, wifi, etc) whole; digits say nothing about the matter (amounts, dates) and are left out.
  for (const word of clean.match(LATIN_WORD) ?? []) into.set(word, (into.get(word) ?? 0) + weight);
}

/**
 * The text features of a petition: counts of every Chinese character 1-, 2- and 3-gram inside
 * runs of Chinese characters (punctuation, digits and spaces break a run) and of Latin words,
 * the subject's counting {@link SUBJECT_WEIGHT} times. No segmenter: character groups catch
 * local names and words no dictionary has, which is what a centre's own model must learn.
 */
export function textFeatures(subject: string, description = ''): Features {
  const features = new Map<string, number>();
  addNgrams(features, subject, SUBJECT_WEIGHT);
  addNgrams(features, description, 1);
  return features;
}
