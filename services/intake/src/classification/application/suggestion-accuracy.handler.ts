import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@pdmc/platform';
import { accuracyOf, type SuggestionAccuracy } from '../domain/category-choice';
import { CategoryChoiceRepository, type ChoicePeriod } from '../infrastructure/category-choice.repository';

/** How often clerks took the suggested category, over a period and optionally one rules version. */
@Injectable()
export class SuggestionAccuracyHandler {
  constructor(private readonly choices: CategoryChoiceRepository) {}

  async execute(period: ChoicePeriod): Promise<SuggestionAccuracy> {
    if (period.from && period.to && period.from >= period.to) {
      throw new ValidationFailedError([{ field: 'to', rule: 'afterFrom', message: 'to must be later than from' }]);
    }
    return accuracyOf(await this.choices.counts(period));
  }
}
