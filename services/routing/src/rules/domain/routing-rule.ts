import { CHANNELS, ITEM_CLASSES, WORK_UNITS, type Channel, type ItemClass, type WorkUnit } from '@pdmc/contracts';

export { CHANNELS, ITEM_CLASSES, WORK_UNITS };

/**
 * A category to match: a path into the three-level taxonomy. `level1` alone matches the whole
 * first-level class, `level1` + `level2` a second-level class, all three one leaf.
 */
export interface CategoryMatch {
  level1: string;
  level2?: string;
  level3?: string;
}

/** What a rule looks at. Every condition given must hold; a list matches any of its values. */
export interface RuleMatch {
  itemClasses?: ItemClass[];
  channels?: Channel[];
  category?: CategoryMatch;
  townCodes?: string[];
  /** Any one of them, found in the category's names or the petition's subject. */
  keywords?: string[];
}

/**
 * One routing rule (分级负责、归口办理 / 属地管理). Of the rules whose conditions hold, the one
 * with the highest priority decides. `responsibleBody: 'territorial'` makes the petition's own
 * town or sub-district responsible on the ground; otherwise it is a gazetteer code
 * (`dept:<code>` or `area:<code>`).
 */
export interface RoutingRule {
  id: string;
  priority: number;
  match: RuleMatch;
  workUnit: WorkUnit;
  responsibleBody: string;
  reason: string;
}

export const TERRITORIAL = 'territorial';

/** The facts of a petition routing looks at (no personal data). */
export interface RoutingInput {
  itemClass: ItemClass;
  channel: Channel;
  category: { id?: number; level1: string; level2: string; level3: string };
  townCode: string;
  /** The subject, when known (a dry run); accepted events carry no free text. */
  text?: string;
}

/** A version of the rule set: what decided, from when, and who saved it. */
export interface RuleSet {
  version: number;
  rules: RoutingRule[];
  note: string;
  savedAt: Date;
  savedBy: string;
}
