import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { DomainError } from '@pdmc/platform';
import { validateRuleSet, type RuleReference } from '../domain/rule-set-validation';
import type { RoutingRule, RuleSet } from '../domain/routing-rule';
import { RULE_REFERENCE } from '../../reference-data.providers';
import { RuleSets } from './rule-sets';

export interface SaveRuleSet {
  basedOnVersion: number;
  note: string;
  rules: RoutingRule[];
}

/** Saves an administrator's edit as a new version once it passes validation; nothing is stored otherwise. */
@Injectable()
export class SaveRuleSetHandler {
  constructor(
    private readonly sets: RuleSets,
    @Inject(RULE_REFERENCE) private readonly reference: RuleReference,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: SaveRuleSet, actor: string): Promise<RuleSet> {
    const problems = validateRuleSet(input.rules, this.reference);
    if (problems.length) {
      throw new DomainError('ROUTING.RULE_SET_INVALID', `The rule set was not saved: ${problems.map((p) => p.message).join('; ')}`, 422, problems);
    }
    const current = await this.sets.current();
    if (input.basedOnVersion !== current.version) {
      throw new DomainError('ROUTING.RULE_SET_CHANGED', `The newest rule set is version ${current.version}, not ${input.basedOnVersion}: load it and edit it again`, 409);
    }
    const set: RuleSet = { version: current.version + 1, rules: input.rules, note: input.note, savedAt: this.clock.now(), savedBy: actor };
    await this.sets.insert(set);
    return set;
  }
}
