import { createHash } from 'node:crypto';
import type { TaxonomyClass } from '@pdmc/platform';

/** `[level1, level2]` names a second-level class; `[level1, level2, level3]` a leaf. */
export type ClassPath = readonly [string, string] | readonly [string, string, string];

/**
 * One row of the keyword table: when one of `keywords` occurs in a petition's subject or
 * description, the class gains points. `A…B` means A followed by B within
 * {@link MAX_GAP} characters (`拖欠…工资` matches 拖欠了三个月工资).
 */
export interface CategoryKeywordRule {
  class: ClassPath;
  keywords: readonly string[];
  /** The rule applies only when at least one of these words occurs too (they count as evidence). */
  requires?: readonly string[];
  /** The rule does not apply when any of these words occurs. */
  excludes?: readonly string[];
}

/** Separator of the parts of a gapped keyword. */
export const GAP = '…';
/** Characters allowed between the parts of a gapped keyword. */
export const MAX_GAP = 12;
/** Bumped when the scoring in suggest-category.ts changes, so recorded choices stay comparable. */
export const SCORING_VERSION = 1;

/** A keyword ready for matching: normalised, split at {@link GAP}. */
export interface CompiledKeyword {
  /** As written in the table (normalised), shown to the clerk. */
  text: string;
  parts: readonly string[];
  /** Characters the keyword itself matches; longer keywords win over shorter ones they overlap. */
  literalLength: number;
}

export interface CompiledRule {
  /** Position in the table, for messages. */
  index: number;
  /** The leaf it points at; for a second-level rule, that class's `其他` leaf. */
  categoryId: number;
  /** Set for second-level rules: the evidence also supports every leaf of this class that has evidence of its own. */
  level2Of?: { level1: string; level2: string };
  keywords: readonly CompiledKeyword[];
  requires: readonly CompiledKeyword[];
  excludes: readonly CompiledKeyword[];
}

export interface KeywordRules {
  /** `s<scoring>-<hash of the table>`: changes whenever the rules or the scoring change. */
  version: string;
  rules: readonly CompiledRule[];
  /** Every distinct keyword of every rule. */
  keywords: readonly CompiledKeyword[];
}

/** Full-width to half-width, lower case: what both keywords and petition text are matched in. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function compileKeyword(raw: string, where: string): CompiledKeyword {
  // Split before normalising: NFKC turns the gap mark … into three dots.
  const parts = raw.split(GAP).map(normalizeText);
  if (parts.some((p) => p.trim() === '' || p !== p.trim())) throw new Error(`${where}: bad keyword "${raw}"`);
  const text = parts.join(GAP);
  const literalLength = parts.reduce((n, p) => n + [...p].length, 0);
  if (literalLength < 2) throw new Error(`${where}: keyword "${raw}" is shorter than two characters`);
  return { text, parts, literalLength };
}

function compileList(raw: readonly string[] | undefined, where: string): CompiledKeyword[] {
  const list = (raw ?? []).map((k) => compileKeyword(k, where));
  const seen = new Set<string>();
  for (const k of list) {
    if (seen.has(k.text)) throw new Error(`${where}: keyword "${k.text}" is listed twice`);
    seen.add(k.text);
  }
  return list;
}

/**
 * Resolves the table's class names to taxonomy ids and checks every keyword. Throws, naming the
 * rule, when a class does not exist or a keyword is unusable, so a typo stops the service at
 * start-up instead of silently never matching.
 */
export function compileKeywordRules(
  table: readonly CategoryKeywordRule[],
  taxonomy: ReadonlyMap<number, TaxonomyClass>,
): KeywordRules {
  const leaves = new Map<string, number>();
  for (const c of taxonomy.values()) leaves.set(`${c.level1}/${c.level2}/${c.level3}`, c.id);

  const rules = table.map((rule, index): CompiledRule => {
    const where = `category keyword rule #${index} (${rule.class.join('/')})`;
    const [level1, level2, level3] = rule.class;
    const categoryId = leaves.get(`${level1}/${level2}/${level3 ?? '其他'}`);
    if (categoryId === undefined) {
      throw new Error(
        level3 === undefined
          ? `${where}: no such second-level class with an 其他 leaf in the taxonomy; name a leaf`
          : `${where}: no such class in the taxonomy`,
      );
    }
    const keywords = compileList(rule.keywords, where);
    if (!keywords.length) throw new Error(`${where}: no keywords`);
    return {
      index,
      categoryId,
      ...(level3 === undefined ? { level2Of: { level1, level2 } } : {}),
      keywords,
      requires: compileList(rule.requires, where),
      excludes: compileList(rule.excludes, where),
    };
  });

  const distinct = new Map<string, CompiledKeyword>();
  for (const r of rules) for (const k of r.keywords) distinct.set(k.text, k);
  const hash = createHash('sha256').update(JSON.stringify(table)).digest('hex').slice(0, 12);
  return { version: `s${SCORING_VERSION}-${hash}`, rules, keywords: [...distinct.values()] };
}

/** Which first-level classes and leaves the rules can suggest. */
export function ruleCoverage(
  rules: KeywordRules,
  taxonomy: ReadonlyMap<number, TaxonomyClass>,
): { level1: string[]; leafIds: number[] } {
  const ids = new Set(rules.rules.map((r) => r.categoryId));
  const level1 = new Set([...ids].map((id) => taxonomy.get(id)?.level1).filter((l): l is string => l !== undefined));
  return { level1: [...level1].sort(), leafIds: [...ids].sort((a, b) => a - b) };
}
