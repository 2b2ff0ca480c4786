import { CHANNELS, ITEM_CLASSES, WORK_UNITS, type Channel, type ItemClass } from '@pdmc/contracts';
import { byPriority, ruleMatches } from './rule-engine';
import { TERRITORIAL, type RoutingInput, type RoutingRule } from './routing-rule';

/** What a rule set is checked against: the taxonomy and the gazetteer, as plain data. */
export interface RuleReference {
  leaves: ReadonlyArray<{ id: number; level1: string; level2: string; level3: string }>;
  townCodes: readonly string[];
  /** True for a responsible body the gazetteer names (`area:<code>`, `dept:<code>`). */
  isKnownBody(code: string): boolean;
}

export interface RuleProblem {
  field: string;
  rule: string;
  message: string;
}

export const MAX_RULES = 300;
const RULE_ID = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * Checks a rule set before it is saved: known units, bodies, categories and towns, unique ids
 * and priorities, and no rule shadowed (one that can never decide because rules of higher
 * priority catch every petition it would). An empty list means it may be saved.
 */
export function validateRuleSet(rules: readonly RoutingRule[], ref: RuleReference): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const at = (i: number, field: string) => `rules[${i}]${field ? `.${field}` : ''}`;
  if (rules.length === 0) problems.push({ field: 'rules', rule: 'notEmpty', message: 'a rule set needs at least one rule' });
  if (rules.length > MAX_RULES) problems.push({ field: 'rules', rule: 'maxSize', message: `at most ${MAX_RULES} rules` });
  const ids = new Map<string, number>();
  const priorities = new Map<number, string>();
  const towns = new Set(ref.townCodes);
  rules.forEach((r, i) => {
    const name = `rule ${r.id}`;
    if (!RULE_ID.test(r.id ?? '')) problems.push({ field: at(i, 'id'), rule: 'format', message: `rule id "${r.id}" must be letters, digits, ".", "_" or "-" (at most 64)` });
    if (ids.has(r.id)) problems.push({ field: at(i, 'id'), rule: 'unique', message: `${name} is given twice (also rules[${ids.get(r.id)}])` });
    ids.set(r.id, i);
    if (!Number.isInteger(r.priority) || r.priority < 1 || r.priority > 100000) {
      problems.push({ field: at(i, 'priority'), rule: 'range', message: `${name}: priority must be an integer from 1 to 100000` });
    } else if (priorities.has(r.priority)) {
      problems.push({ field: at(i, 'priority'), rule: 'unique', message: `${name} has the same priority ${r.priority} as rule ${priorities.get(r.priority)}: overlaps are resolved by priority, so each rule needs its own` });
    } else priorities.set(r.priority, r.id);
    if (!(WORK_UNITS as readonly string[]).includes(r.workUnit)) {
      problems.push({ field: at(i, 'workUnit'), rule: 'knownUnit', message: `${name}: ${r.workUnit} is not one of the seven work units (${WORK_UNITS.join(', ')})` });
    }
    if (r.responsibleBody !== TERRITORIAL && !ref.isKnownBody(r.responsibleBody)) {
      problems.push({ field: at(i, 'responsibleBody'), rule: 'knownBody', message: `${name}: ${r.responsibleBody} is not a body the gazetteer knows (use "territorial", area:<code> or dept:<code>)` });
    }
    if (!r.reason?.trim()) problems.push({ field: at(i, 'reason'), rule: 'required', message: `${name} needs a reason (it is shown to the unit)` });
    const m = r.match ?? {};
    const list = <T>(field: string, values: T[] | undefined, allowed: readonly T[] | Set<T>, what: string) => {
      if (values === undefined) return;
      if (values.length === 0) problems.push({ field: at(i, `match.${field}`), rule: 'notEmpty', message: `${name}: leave ${field} out rather than empty` });
      values.forEach((v, j) => {
        const ok = allowed instanceof Set ? allowed.has(v) : allowed.includes(v);
        if (!ok) problems.push({ field: at(i, `match.${field}[${j}]`), rule: 'known', message: `${name}: ${String(v)} is not a known ${what}` });
      });
    };
    list<ItemClass>('itemClasses', m.itemClasses, ITEM_CLASSES, 'item class');
    list<Channel>('channels', m.channels, CHANNELS, 'channel');
    list<string>('townCodes', m.townCodes, towns, 'town or sub-district code');
    if (m.keywords !== undefined) {
      if (m.keywords.length === 0) problems.push({ field: at(i, 'match.keywords'), rule: 'notEmpty', message: `${name}: leave keywords out rather than empty` });
      m.keywords.forEach((k, j) => {
        if (!k?.trim() || k.length > 20) problems.push({ field: at(i, `match.keywords[${j}]`), rule: 'length', message: `${name}: a keyword has 1 to 20 characters` });
      });
    }
    if (m.category) {
      const { level1, level2, level3 } = m.category;
      if (level3 !== undefined && level2 === undefined) {
        problems.push({ field: at(i, 'match.category.level2'), rule: 'required', message: `${name}: a third-level category needs its second level` });
      } else if (!ref.leaves.some((l) => l.level1 === level1 && (level2 === undefined || l.level2 === level2) && (level3 === undefined || l.level3 === level3))) {
        problems.push({ field: at(i, 'match.category'), rule: 'knownCategory', message: `${name}: ${[level1, level2, level3].filter(Boolean).join('/')} is not in the taxonomy` });
      }
    }
  });
  // Shadowing only means something for a set whose rules are otherwise sound.
  if (problems.length === 0) problems.push(...shadowedRules(rules, ref));
  return problems;
}

/**
 * Finds rules that can never decide. The petitions a rule matches fall into finitely many
 * classes (item class × channel × town × taxonomy leaf, each value that no rule names standing
 * for all of its kind) plus, for keyword rules, the subject that holds just one keyword; matching
 * is monotone in the text, so a rule that loses every one of these loses every petition.
 */
export function shadowedRules(rules: readonly RoutingRule[], ref: RuleReference): RuleProblem[] {
  const ordered = byPriority(rules);
  const index = new Map(rules.map((r, i) => [r, i]));
  const representatives = <T extends string>(all: readonly T[], named: (r: RoutingRule) => readonly T[] | undefined): T[] => {
    const mentioned = new Set(rules.flatMap((r) => named(r) ?? []));
    const other = all.find((v) => !mentioned.has(v));
    return [...all.filter((v) => mentioned.has(v)), ...(other !== undefined ? [other] : [])];
  };
  const classes = representatives(ITEM_CLASSES, (r) => r.match.itemClasses);
  const channels = representatives(CHANNELS, (r) => r.match.channels);
  const towns = representatives(ref.townCodes as string[], (r) => r.match.townCodes);
  const problems: RuleProblem[] = [];
  ordered.forEach((rule, position) => {
    const higher = ordered.slice(0, position);
    if (higher.length === 0) return;
    const m = rule.match;
    const leaves = ref.leaves.filter(
      (l) => !m.category || (l.level1 === m.category.level1 && (m.category.level2 === undefined || l.level2 === m.category.level2) && (m.category.level3 === undefined || l.level3 === m.category.level3)),
    );
    const texts = m.keywords ?? [''];
    const winners = new Set<string>();
    let fires = false;
    search: for (const itemClass of m.itemClasses ?? classes) {
      for (const channel of m.channels ?? channels) {
        for (const townCode of m.townCodes ?? towns) {
          for (const category of leaves) {
            for (const text of texts) {
              const input: RoutingInput = { itemClass, channel, townCode, category, text };
              if (!ruleMatches(rule, input)) continue;
              const winner = higher.find((h) => ruleMatches(h, input));
              if (!winner) {
                fires = true;
                break search;
              }
              winners.add(winner.id);
            }
          }
        }
      }
    }
    if (!fires) {
      const by = winners.size ? ` by ${[...winners].join(', ')}` : ' (it matches no petition of the taxonomy)';
      problems.push({
        field: `rules[${index.get(rule)}]`,
        rule: 'shadowed',
        message: `rule ${rule.id} can never decide: every petition it matches is taken by a rule of higher priority${by}`,
      });
    }
  });
  return problems;
}
