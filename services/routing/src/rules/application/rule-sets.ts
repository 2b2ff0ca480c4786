import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { DomainError } from '@pdmc/platform';
import { insertIfAbsent } from '@pdmc/persistence';
import { DEFAULT_RULES } from '../domain/default-rules';
import type { RuleSet } from '../domain/routing-rule';
import { RuleSetDocument } from '../infrastructure/rule-set.schema';
import { RuleSetNotFoundError } from './errors';

/** The stored versions of the rule set; version 1 (the former compiled table) is seeded at start-up. */
@Injectable()
export class RuleSets implements OnModuleInit {
  constructor(
    @InjectModel(RuleSetDocument.name) private readonly sets: Model<RuleSetDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await insertIfAbsent(this.sets, { _id: 1, rules: [...DEFAULT_RULES], note: '默认规则集（原编译规则表）', savedAt: this.clock.now(), savedBy: 'shipped' });
  }

  /** The newest version: the one routing applies. */
  async current(): Promise<RuleSet> {
    const doc = await this.sets.findOne({}).sort({ _id: -1 }).lean().exec();
    if (!doc) throw new DomainError('ROUTING.NO_RULE_SET', 'No rule set is stored', 503);
    return toRuleSet(doc);
  }

  async get(version: number): Promise<RuleSet> {
    const doc = await this.sets.findById(version).lean().exec();
    if (!doc) throw new RuleSetNotFoundError(version);
    return toRuleSet(doc);
  }

  async list(): Promise<Array<Omit<RuleSet, 'rules'> & { rules: number }>> {
    const docs = await this.sets.find({}, { rules: 1, note: 1, savedAt: 1, savedBy: 1 }).sort({ _id: -1 }).limit(100).lean().exec();
    return docs.map((d) => ({ version: d._id, rules: d.rules.length, note: d.note, savedAt: d.savedAt, savedBy: d.savedBy }));
  }

  /** Stores `set` as the next version after `basedOn`; refused when someone saved that version first. */
  async insert(set: RuleSet): Promise<void> {
    const saved = await insertIfAbsent(this.sets, { _id: set.version, rules: set.rules, note: set.note, savedAt: set.savedAt, savedBy: set.savedBy });
    if (!saved) {
      throw new DomainError('ROUTING.RULE_SET_CHANGED', `Version ${set.version} was saved meanwhile: load the newest version and edit it again`, 409);
    }
  }
}

function toRuleSet(doc: RuleSetDocument): RuleSet {
  return { version: doc._id, rules: doc.rules, note: doc.note, savedAt: doc.savedAt, savedBy: doc.savedBy };
}
