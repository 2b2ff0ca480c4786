import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@pdmc/persistence';
import type { AccuracyCounts, CategoryChoice } from '../domain/category-choice';
import { CategoryChoiceDocument } from './category-choice.schema';

export interface ChoicePeriod {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  rulesVersion?: string;
}

@Injectable()
export class CategoryChoiceRepository {
  constructor(
    @InjectModel(CategoryChoiceDocument.name) private readonly choices: Model<CategoryChoiceDocument>,
  ) {}

  /** Stores the choice; false when a choice with this id (the petition's) was stored before. */
  async recordChoice(choice: CategoryChoice): Promise<boolean> {
    const { id, ...fields } = choice;
    try {
      await this.choices.create({ _id: id, ...fields });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Counts with plain `countDocuments`, which MongoDB and FerretDB both serve. */
  async counts(period: ChoicePeriod): Promise<AccuracyCounts> {
    const filter: Record<string, unknown> = {};
    if (period.rulesVersion) filter['rulesVersion'] = period.rulesVersion;
    if (period.from || period.to) {
      // Operators built here, not taken from input, are marked trusted for sanitizeFilter.
      filter['at'] = trusted({
        ...(period.from ? { $gte: period.from } : {}),
        ...(period.to ? { $lt: period.to } : {}),
      });
    }
    const [total, acceptedTop1, acceptedTop3, withoutSuggestion] = await Promise.all([
      this.choices.countDocuments(filter).exec(),
      this.choices.countDocuments({ ...filter, accepted: true }).exec(),
      this.choices.countDocuments({ ...filter, chosenRank: trusted({ $lte: 3 }) }).exec(),
      this.choices.countDocuments({ ...filter, topSuggestionId: trusted({ $exists: false }) }).exec(),
    ]);
    return { total, acceptedTop1, acceptedTop3, withoutSuggestion };
  }
}
