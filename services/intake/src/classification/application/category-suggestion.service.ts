import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TaxonomyClass } from '@pdmc/platform';
import { choiceOf, type CategoryChoice } from '../domain/category-choice';
import type { KeywordRules } from '../domain/keyword-rules';
import { suggestCategories, type CategorySuggestion } from '../domain/suggest-category';
import { CategoryChoiceRepository } from '../infrastructure/category-choice.repository';
import { KEYWORD_RULES } from '../keyword-rules.providers';
import { TAXONOMY } from '../../reference-data.providers';

/** How many suggestions a clerk is shown; the accuracy's top-3 count relies on it. */
export const SUGGESTION_LIMIT = 3;

export interface CategorySuggestions {
  suggestions: CategorySuggestion[];
  rulesVersion: string;
}

/** Suggests categories from a petition's words, and records what the clerk chose against them. */
@Injectable()
export class CategorySuggestionService {
  private readonly logger = new Logger('CategorySuggestion');

  constructor(
    @Inject(KEYWORD_RULES) private readonly rules: KeywordRules,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    private readonly choices: CategoryChoiceRepository,
  ) {}

  suggest(subject: string, description = ''): CategorySuggestions {
    return {
      suggestions: suggestCategories(subject, description, this.rules, this.taxonomy, SUGGESTION_LIMIT),
      rulesVersion: this.rules.version,
    };
  }

  /**
   * Records the clerk's final category against what the rules suggest for the same words. Once
   * per petition: a second call for the same `petitionId` stores nothing. Never throws: the
   * measurement must not fail a registration, so a failed write is logged (ids only, no text)
   * and answered with `undefined`, as is a repeat.
   */
  async recordChoice(
    petitionId: string | undefined,
    subject: string,
    description: string,
    chosenId: number,
    clerk: string,
  ): Promise<CategoryChoice | undefined> {
    try {
      const { suggestions, rulesVersion } = this.suggest(subject, description);
      const choice = choiceOf({
        id: petitionId ?? randomUUID(),
        petitionId,
        suggestionIds: suggestions.map((s) => s.categoryId),
        chosenId,
        rulesVersion,
        at: new Date(),
        clerk,
      });
      return (await this.choices.recordChoice(choice)) ? choice : undefined;
    } catch (error) {
      this.logger.warn({ msg: 'category choice not recorded', petitionId, chosenId, error: String(error) });
      return undefined;
    }
  }
}
