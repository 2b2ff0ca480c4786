import type { TaxonomyClass } from '@pdmc/platform';
import { GAP, MAX_GAP, normalizeText, type CompiledKeyword, type CompiledRule, type KeywordRules } from './keyword-rules';

/** A word that led to a suggestion, where it was found and how often. */
export interface MatchedKeyword {
  keyword: string;
  in: 'title' | 'text';
  count: number;
  /** A context word: it did not point at the class itself, but made the rule apply (e.g. 宅基地 for collective land). */
  context?: true;
}

export interface CategorySuggestion {
  categoryId: number;
  level1: string;
  level2: string;
  level3: string;
  score: number;
  matched: MatchedKeyword[];
}

/** A match in the subject counts this many times a match in the description. */
export const TITLE_WEIGHT = 3;
const TEXT_WEIGHT = 1;
/** Repeating a word beyond this adds nothing: a long text must not win by repetition. */
const MAX_COUNTED = 3;
/** Added once when a rule's context words are present; enough to break a tie between two readings of a word. */
const CONTEXT_BONUS = 1;

type Field = 'title' | 'text';
type Counts = ReadonlyMap<string, number>;

interface Occurrence {
  keyword: CompiledKeyword;
  spans: Array<[start: number, end: number]>;
}

/** Every non-overlapping occurrence of the keyword, its parts in order and close together. */
function occurrences(haystack: string, keyword: CompiledKeyword): Occurrence[] {
  const out: Occurrence[] = [];
  const [first, ...rest] = keyword.parts;
  for (let from = 0; ; ) {
    const start = haystack.indexOf(first, from);
    if (start < 0) return out;
    from = start + first.length;
    const spans: Array<[number, number]> = [[start, start + first.length]];
    let end = start + first.length;
    for (const part of rest) {
      const at = haystack.indexOf(part, end);
      if (at < 0 || at - end > MAX_GAP) break;
      spans.push([at, at + part.length]);
      end = at + part.length;
    }
    if (spans.length === keyword.parts.length) out.push({ keyword, spans });
  }
}

/**
 * Counts each keyword in the text, longest first: characters taken by a longer keyword are not
 * counted again for a shorter one inside it (集体土地 does not also count as 土地). Contiguous
 * keywords go before gapped ones of the same length, then earlier before later, so the outcome
 * does not depend on the order of the table.
 */
function countKeywords(haystack: string, keywords: readonly CompiledKeyword[]): Counts {
  const all = keywords.flatMap((k) => occurrences(haystack, k));
  all.sort(
    (a, b) =>
      b.keyword.literalLength - a.keyword.literalLength ||
      a.keyword.parts.length - b.keyword.parts.length ||
      a.spans[0][0] - b.spans[0][0] ||
      (a.keyword.text < b.keyword.text ? -1 : a.keyword.text > b.keyword.text ? 1 : 0),
  );
  const taken = new Uint8Array(haystack.length);
  const counts = new Map<string, number>();
  for (const o of all) {
    if (o.spans.some(([s, e]) => taken.subarray(s, e).includes(1))) continue;
    for (const [s, e] of o.spans) taken.fill(1, s, e);
    counts.set(o.keyword.text, (counts.get(o.keyword.text) ?? 0) + 1);
  }
  return counts;
}

/** What a rule found: the words and where. A class's score is computed from these alone. */
type Evidence = MatchedKeyword[];

/**
 * The score explained by `matched`: each keyword scores its length (without the gap mark) times
 * its weight where found, times its count up to {@link MAX_COUNTED}; context words add
 * {@link CONTEXT_BONUS} once.
 */
export function scoreOf(matched: readonly MatchedKeyword[]): number {
  const keywords = matched
    .filter((m) => !m.context)
    .reduce((sum, m) => {
      const length = [...m.keyword.split(GAP).join('')].length;
      return sum + length * (m.in === 'title' ? TITLE_WEIGHT : TEXT_WEIGHT) * Math.min(m.count, MAX_COUNTED);
    }, 0);
  return keywords + (matched.some((m) => m.context) ? CONTEXT_BONUS : 0);
}

function evaluate(
  rule: CompiledRule,
  fields: Record<Field, string>,
  counts: Record<Field, Counts>,
): Evidence | undefined {
  const matched: MatchedKeyword[] = [];
  for (const k of rule.keywords) {
    const inTitle = counts.title.get(k.text) ?? 0;
    const inText = counts.text.get(k.text) ?? 0;
    if (inTitle) matched.push({ keyword: k.text, in: 'title', count: inTitle });
    if (inText) matched.push({ keyword: k.text, in: 'text', count: inText });
  }
  if (!matched.length) return undefined;
  const present = (k: CompiledKeyword, field: Field): number => occurrences(fields[field], k).length;
  if (rule.excludes.some((k) => present(k, 'title') || present(k, 'text'))) return undefined;
  if (rule.requires.length) {
    const context = rule.requires.flatMap((k) =>
      (['title', 'text'] as const).flatMap((field): MatchedKeyword[] => {
        const count = present(k, field);
        return count ? [{ keyword: k.text, in: field, count, context: true }] : [];
      }),
    );
    if (!context.length) return undefined;
    matched.push(...context);
  }
  return matched;
}

/** Adds what `from` found that `into` lacks: a word found once counts once, whichever rules name it. */
function merge(into: Evidence, from: Evidence): void {
  for (const m of from) {
    if (!into.some((x) => x.keyword === m.keyword && x.in === m.in && !x.context === !m.context)) into.push({ ...m });
  }
}

function byExplanation(a: MatchedKeyword, b: MatchedKeyword): number {
  return (
    (a.in === b.in ? 0 : a.in === 'title' ? -1 : 1) ||
    (a.context ? 1 : 0) - (b.context ? 1 : 0) ||
    b.keyword.length - a.keyword.length ||
    (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0)
  );
}

/**
 * Suggests taxonomy leaves for a petition from its subject and description, best first, each
 * with the words that led to it. Subject matches weigh {@link TITLE_WEIGHT} times more; longer
 * keywords score more and hide the shorter ones inside them. A rule on a second-level class
 * supports that class's leaves that have evidence of their own, and otherwise suggests its 其他
 * leaf. Equal scores go to the lower category id. No keyword found: an empty list.
 */
export function suggestCategories(
  title: string,
  text: string,
  rules: KeywordRules,
  taxonomy: ReadonlyMap<number, TaxonomyClass>,
  limit = 3,
): CategorySuggestion[] {
  const fields: Record<Field, string> = { title: normalizeText(title), text: normalizeText(text) };
  const counts: Record<Field, Counts> = {
    title: countKeywords(fields.title, rules.keywords),
    text: countKeywords(fields.text, rules.keywords),
  };

  const byLeaf = new Map<number, Evidence>();
  const byLevel2 = new Map<string, { matched: Evidence; fallbackId: number }>();
  for (const rule of rules.rules) {
    const evidence = evaluate(rule, fields, counts);
    if (!evidence) continue;
    if (rule.level2Of) {
      const key = `${rule.level2Of.level1}/${rule.level2Of.level2}`;
      const known = byLevel2.get(key);
      if (known) merge(known.matched, evidence);
      else byLevel2.set(key, { matched: evidence, fallbackId: rule.categoryId });
    } else {
      const known = byLeaf.get(rule.categoryId);
      if (known) merge(known, evidence);
      else byLeaf.set(rule.categoryId, evidence);
    }
  }

  const level2Key = (c: TaxonomyClass): string => `${c.level1}/${c.level2}`;
  const candidates = new Map<number, Evidence>();
  for (const [id, own] of byLeaf) {
    const leaf = taxonomy.get(id);
    if (!leaf) continue;
    const total: Evidence = [...own];
    const parent = byLevel2.get(level2Key(leaf));
    if (parent) merge(total, parent.matched);
    candidates.set(id, total);
  }
  const level2WithLeafEvidence = new Set(
    [...byLeaf.keys()].map((id) => taxonomy.get(id)).filter((c): c is TaxonomyClass => !!c).map(level2Key),
  );
  for (const [key, { matched, fallbackId }] of byLevel2) {
    // The 其他 leaf stands for the class only when no specific leaf of it has evidence.
    if (candidates.has(fallbackId) || level2WithLeafEvidence.has(key)) continue;
    candidates.set(fallbackId, [...matched]);
  }

  return [...candidates]
    .map(([id, matched]) => ({ id, matched, score: scoreOf(matched) }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, Math.max(0, limit))
    .flatMap(({ id, matched, score }) => {
      const leaf = taxonomy.get(id);
      if (!leaf) return [];
      const { level1, level2, level3 } = leaf;
      return [{ categoryId: id, level1, level2, level3, score, matched: matched.sort(byExplanation) }];
    });
}
