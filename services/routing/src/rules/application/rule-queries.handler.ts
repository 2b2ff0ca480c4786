import { Inject, Injectable } from '@nestjs/common';
import type { Channel, ItemClass } from '@pdmc/contracts';
import { GAZETTEER, type Gazetteer, NotFoundError, responsibleBodyName, ValidationFailedError } from '@pdmc/platform';
import { coverageOf, type CoverageReport } from '../domain/coverage';
import { decide, type RoutingAnswer } from '../domain/rule-engine';
import type { RuleReference } from '../domain/rule-set-validation';
import type { RoutingInput, RoutingRule, RuleSet } from '../domain/routing-rule';
import { RULE_REFERENCE } from '../../reference-data.providers';
import { RuleSets } from './rule-sets';

export interface DryRunAnswer extends RoutingAnswer {
  ruleSetVersion: number;
  /** The responsible body's printable name, when a rule decides. */
  responsibleBodyName?: string;
}

/** Reads of the rule sets: any version, a dry run ("where would this go, and why"), the coverage report. */
@Injectable()
export class RuleQueriesHandler {
  /** Coverage of a stored version never changes; computing it costs ~100k evaluations. */
  private readonly coverageCache = new Map<number, CoverageReport>();

  constructor(
    private readonly sets: RuleSets,
    @Inject(RULE_REFERENCE) private readonly reference: RuleReference,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
  ) {}

  version(version?: number): Promise<RuleSet> {
    return version === undefined ? this.sets.current() : this.sets.get(version);
  }

  async rule(version: number, ruleId: string): Promise<RoutingRule> {
    const set = await this.sets.get(version);
    const rule = set.rules.find((r) => r.id === ruleId);
    if (!rule) throw new NotFoundError('ROUTING.RULE_NOT_FOUND', `Rule set version ${version} has no rule ${ruleId}`);
    return rule;
  }

  list(): ReturnType<RuleSets['list']> {
    return this.sets.list();
  }

  /** Routes made-up facts: a known taxonomy leaf and town, an optional subject for keyword rules. */
  async dryRun(
    facts: { categoryId: number; channel: Channel; itemClass: ItemClass; townCode: string; subject?: string },
    version?: number,
  ): Promise<DryRunAnswer> {
    const category = this.reference.leaves.find((l) => l.id === facts.categoryId);
    const problems = [
      ...(category ? [] : [{ field: 'categoryId', rule: 'knownCategory', message: `${facts.categoryId} is not a leaf of the taxonomy` }]),
      ...(this.reference.townCodes.includes(facts.townCode) ? [] : [{ field: 'townCode', rule: 'knownTown', message: `${facts.townCode} is not a town or sub-district of the gazetteer` }]),
    ];
    if (!category || problems.length) throw new ValidationFailedError(problems);
    const input: RoutingInput = { category, channel: facts.channel, itemClass: facts.itemClass, townCode: facts.townCode, text: facts.subject };
    const set = await this.version(version);
    const answer = decide(set.rules, input, set.version, (code) => responsibleBodyName(this.gazetteer, code));
    return {
      ruleSetVersion: set.version,
      ...answer,
      ...(answer.decision ? { responsibleBodyName: responsibleBodyName(this.gazetteer, answer.decision.responsibleBody) } : {}),
    };
  }

  async coverage(version?: number): Promise<CoverageReport> {
    const set = await this.version(version);
    let report = this.coverageCache.get(set.version);
    if (!report) {
      report = coverageOf(set.rules, set.version, this.reference);
      this.coverageCache.set(set.version, report);
    }
    return report;
  }
}
