import { CHANNELS, ITEM_CLASSES } from '@pdmc/contracts';
import { decide } from './rule-engine';
import type { RoutingRule } from './routing-rule';
import type { RuleReference } from './rule-set-validation';

export interface LeafCoverage {
  categoryId: number;
  category: string;
  /** Where the leaf's petitions go, with the share of (item class × channel × town) cases each rule takes. */
  routes: Array<{ ruleId: string; workUnit: string; responsibleBody: string; share: number }>;
  /** The share of cases no rule decides (they wait on the dispatcher's desk); 0 when always routed. */
  unroutedShare: number;
}

export interface CoverageReport {
  version: number;
  leaves: number;
  /** Leaves every case of which a rule decides. */
  alwaysRouted: number;
  /** Leaves some cases of which reach the dispatcher's desk. */
  sometimesUnrouted: number;
  /** Leaves no rule ever decides. */
  neverRouted: number;
  items: LeafCoverage[];
}

/**
 * For every leaf of the taxonomy, where its petitions go today: each leaf is routed for every
 * item class, channel and town (no subject, so keyword rules count only where the category's
 * own names hold the keyword).
 */
export function coverageOf(rules: readonly RoutingRule[], version: number, ref: RuleReference): CoverageReport {
  // Towns no rule names route alike (a territorial body is reported as "territorial"), so one of
  // them stands for all, weighted by their number: the report stays exact at a fraction of the cost.
  const named = new Set(rules.flatMap((r) => r.match.townCodes ?? []));
  const towns: Array<{ townCode: string; weight: number }> = ref.townCodes.filter((t) => named.has(t)).map((townCode) => ({ townCode, weight: 1 }));
  const others = ref.townCodes.filter((t) => !named.has(t));
  if (others.length > 0) towns.push({ townCode: others[0]!, weight: others.length });
  const items: LeafCoverage[] = ref.leaves.map((leaf) => {
    const counts = new Map<string, { ruleId: string; workUnit: string; responsibleBody: string; n: number }>();
    let total = 0;
    let unrouted = 0;
    for (const itemClass of ITEM_CLASSES) {
      for (const channel of CHANNELS) {
        for (const { townCode, weight } of towns) {
          total += weight;
          const { decision } = decide(rules, { itemClass, channel, townCode, category: leaf }, version);
          if (!decision) {
            unrouted += weight;
            continue;
          }
          const body = decision.responsibleBody.startsWith('area:') && rules.find((r) => r.id === decision.ruleId)?.responsibleBody === 'territorial' ? 'territorial' : decision.responsibleBody;
          const key = `${decision.ruleId}|${body}`;
          const entry = counts.get(key) ?? { ruleId: decision.ruleId, workUnit: decision.workUnit, responsibleBody: body, n: 0 };
          entry.n += weight;
          counts.set(key, entry);
        }
      }
    }
    const share = (n: number) => Math.round((n / total) * 1000) / 1000;
    return {
      categoryId: leaf.id,
      category: `${leaf.level1}/${leaf.level2}/${leaf.level3}`,
      routes: [...counts.values()].sort((a, b) => b.n - a.n).map(({ n, ...r }) => ({ ...r, share: share(n) })),
      unroutedShare: share(unrouted),
    };
  });
  return {
    version,
    leaves: items.length,
    alwaysRouted: items.filter((i) => i.unroutedShare === 0).length,
    sometimesUnrouted: items.filter((i) => i.unroutedShare > 0 && i.unroutedShare < 1).length,
    neverRouted: items.filter((i) => i.unroutedShare === 1).length,
    items,
  };
}
