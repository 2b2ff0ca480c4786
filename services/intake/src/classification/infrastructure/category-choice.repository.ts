import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { insertIfAbsent } from '@pdmc/persistence';
import type { AccuracyCounts, CategoryChoice } from '../domain/category-choice';
import { CategoryChoiceDocument } from './category-choice.schema';

export interface ChoicePeriod {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  rulesVersion?: string;
  modelVersion?: string;
}

/** How often one source's own suggestions held the clerk's choice. */
export interface SourceCounts {
  total: number;
  top1: number;
  top3: number;
}

@Injectable()
export class CategoryChoiceRepository {
  constructor(
    @InjectModel(CategoryChoiceDocument.name) private readonly choices: Model<CategoryChoiceDocument>,
  ) {}

  /** Stores the choice; false when a choice with this id (the petition's) was stored before. */
  async recordChoice(choice: CategoryChoice): Promise<boolean> {
    const { id, ...fields } = choice;
    return insertIfAbsent(this.choices, { _id: id, ...fields });
  }

  /** Counts with plain `countDocuments`, which MongoDB and FerretDB both serve. */
  async counts(period: ChoicePeriod): Promise<AccuracyCounts> {
    const filter = this.filterOf(period);
    const [total, acceptedTop1, acceptedTop3, withoutSuggestion] = await Promise.all([
      this.choices.countDocuments(filter).exec(),
      this.choices.countDocuments({ ...filter, accepted: true }).exec(),
      this.choices.countDocuments({ ...filter, chosenRank: trusted({ $lte: 3 }) }).exec(),
      this.choices.countDocuments({ ...filter, topSuggestionId: trusted({ $exists: false }) }).exec(),
    ]);
    return { total, acceptedTop1, acceptedTop3, withoutSuggestion };
  }

  /**
   * The rules' and the model's own accuracy on the same choices. Before a model served, what
   * the clerk saw was the rules' suggestion, so those choices count for the rules as served.
   */
  async countsBySource(period: ChoicePeriod): Promise<{ rules: SourceCounts; model: SourceCounts }> {
    const filter = this.filterOf(period);
    const withModel = { ...filter, modelVersion: period.modelVersion ?? trusted({ $exists: true }) };
    const rulesOnly = { ...filter, modelVersion: trusted({ $exists: false }) };
    const count = (f: Record<string, unknown>) => this.choices.countDocuments(f).exec();
    const [modelTotal, modelTop1, modelTop3, rulesTotal, rulesTop1, rulesTop3, beforeTop1, beforeTop3] = await Promise.all([
      count(withModel),
      count({ ...withModel, modelRank: 1 }),
      count({ ...withModel, modelRank: trusted({ $lte: 3 }) }),
      count(filter),
      count({ ...withModel, rulesRank: 1 }),
      count({ ...withModel, rulesRank: trusted({ $lte: 3 }) }),
      period.modelVersion ? 0 : count({ ...rulesOnly, accepted: true }),
      period.modelVersion ? 0 : count({ ...rulesOnly, chosenRank: trusted({ $lte: 3 }) }),
    ]);
    return {
      rules: { total: rulesTotal, top1: rulesTop1 + beforeTop1, top3: rulesTop3 + beforeTop3 },
      model: { total: modelTotal, top1: modelTop1, top3: modelTop3 },
    };
  }

  private filterOf(period: ChoicePeriod): Record<string, unknown> {
    const filter: Record<string, unknown> = {};
    if (period.rulesVersion) filter['rulesVersion'] = period.rulesVersion;
    if (period.modelVersion) filter['modelVersion'] = period.modelVersion;
    if (period.from || period.to) {
      // Operators built here, not taken from input, are marked trusted for sanitizeFilter.
      filter['at'] = trusted({
        ...(period.from ? { $gte: period.from } : {}),
        ...(period.to ? { $lt: period.to } : {}),
      });
    }
    return filter;
  }
}
