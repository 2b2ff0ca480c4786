import type { Provider } from '@nestjs/common';
import type { TaxonomyClass } from '@pdmc/platform';
import { CATEGORY_KEYWORDS } from './domain/category-keywords';
import { compileKeywordRules, type KeywordRules } from './domain/keyword-rules';
import { TAXONOMY } from '../reference-data.providers';

export const KEYWORD_RULES = Symbol('KEYWORD_RULES');

/** The keyword table resolved against the taxonomy at start-up; a class that does not exist stops the service. */
export const keywordRulesProvider: Provider = {
  provide: KEYWORD_RULES,
  inject: [TAXONOMY],
  useFactory: (taxonomy: ReadonlyMap<number, TaxonomyClass>): KeywordRules =>
    compileKeywordRules(CATEGORY_KEYWORDS, taxonomy),
};
