import type { WorkUnit } from '@pdmc/contracts';
import { TERRITORIAL, type RoutingInput, type RoutingRule, type RuleMatch } from './routing-rule';

/** Why each condition of a rule held, in words a dispatcher reads. */
function conditionsHeld(match: RuleMatch, input: RoutingInput): string[] | undefined {
  const held: string[] = [];
  if (match.itemClasses) {
    if (!match.itemClasses.includes(input.itemClass)) return undefined;
    held.push(`类别属性 ${input.itemClass}`);
  }
  if (match.channels) {
    if (!match.channels.includes(input.channel)) return undefined;
    held.push(`渠道 ${input.channel}`);
  }
  if (match.category) {
    const { level1, level2, level3 } = match.category;
    if (level1 !== input.category.level1) return undefined;
    if (level2 !== undefined && level2 !== input.category.level2) return undefined;
    if (level3 !== undefined && level3 !== input.category.level3) return undefined;
    held.push(`分类 ${[level1, level2, level3].filter(Boolean).join('/')}`);
  }
  if (match.townCodes) {
    if (!match.townCodes.includes(input.townCode)) return undefined;
    held.push(`属地 ${input.townCode}`);
  }
  if (match.keywords) {
    const haystack = keywordText(input);
    const found = match.keywords.filter((k) => haystack.includes(k));
    if (found.length === 0) return undefined;
    held.push(`关键词 ${found.join('、')}`);
  }
  return held;
}

/** Keywords are looked for in the category's names and, when known, the subject. */
export function keywordText(input: Pick<RoutingInput, 'category' | 'text'>): string {
  return [input.category.level1, input.category.level2, input.category.level3, input.text ?? ''].join(' ');
}

export function ruleMatches(rule: RoutingRule, input: RoutingInput): boolean {
  return conditionsHeld(rule.match, input) !== undefined;
}

/** Highest priority first; priorities are unique within a valid rule set. */
export function byPriority(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => b.priority - a.priority);
}

export interface RuleDecision {
  ruleId: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  reason: string;
  priority: number;
}

export interface RoutingAnswer {
  /** Undefined when no rule decides: the petition waits on the dispatcher's desk. */
  decision?: RuleDecision;
  /** The human-readable why, kept with the decision. */
  explanation: string;
  /** Every rule whose conditions held, highest priority first (the first one decided). */
  matched: Array<{ ruleId: string; priority: number }>;
}

/** Names a responsible body for the explanation; falls back to the code. */
export type BodyNamer = (code: string) => string | undefined;

/** Where a petition goes under a rule set, and why. */
export function decide(rules: readonly RoutingRule[], input: RoutingInput, version: number, nameOf: BodyNamer = () => undefined): RoutingAnswer {
  const ordered = byPriority(rules);
  const matched: RoutingAnswer['matched'] = [];
  let winner: { rule: RoutingRule; held: string[] } | undefined;
  for (const rule of ordered) {
    const held = conditionsHeld(rule.match, input);
    if (!held) continue;
    matched.push({ ruleId: rule.id, priority: rule.priority });
    winner ??= { rule, held };
  }
  if (!winner) {
    const category = [input.category.level1, input.category.level2, input.category.level3].join('/');
    return {
      matched,
      explanation: `规则集第 ${version} 版没有规则适用于 ${category}（${input.channel}，${input.itemClass}，${input.townCode}），交调度员人工分派`,
    };
  }
  const { rule, held } = winner;
  const responsibleBody = rule.responsibleBody === TERRITORIAL ? `area:${input.townCode}` : rule.responsibleBody;
  const bodyName = nameOf(responsibleBody) ?? responsibleBody;
  const others = matched.length > 1 ? `；另有 ${matched.slice(1).map((m) => m.ruleId).join('、')} 适用但优先级较低` : '';
  return {
    decision: { ruleId: rule.id, workUnit: rule.workUnit, responsibleBody, reason: rule.reason, priority: rule.priority },
    matched,
    explanation:
      `规则集第 ${version} 版规则 ${rule.id}（优先级 ${rule.priority}）：${held.length ? held.join('，') : '无条件'} → ` +
      `${rule.workUnit}，责任单位 ${bodyName}。${rule.reason}${others}`,
  };
}
