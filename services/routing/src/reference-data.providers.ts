import type { Provider } from '@nestjs/common';
import { GAZETTEER, gazetteerProvider, loadTaxonomy, type Gazetteer } from '@pdmc/platform';
import { ruleReference } from './rules/domain/rule-reference';

export const RULE_REFERENCE = Symbol('RULE_REFERENCE');

/** The district's towns, sub-districts and departments, and the taxonomy, read once at start-up. */
export const referenceDataProviders: Provider[] = [
  gazetteerProvider,
  { provide: RULE_REFERENCE, inject: [GAZETTEER], useFactory: (g: Gazetteer) => ruleReference(loadTaxonomy(), g) },
];
