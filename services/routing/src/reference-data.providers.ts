import type { Provider } from '@nestjs/common';
import { loadGazetteer, loadTaxonomy, type Gazetteer } from '@pdmc/platform';
import { ruleReference } from './rules/domain/rule-reference';

export const GAZETTEER = Symbol('GAZETTEER');
export const RULE_REFERENCE = Symbol('RULE_REFERENCE');

/** The district's towns, sub-districts and departments, and the taxonomy, read once at start-up. */
export const referenceDataProviders: Provider[] = [
  { provide: GAZETTEER, useFactory: (): Gazetteer => loadGazetteer() },
  { provide: RULE_REFERENCE, inject: [GAZETTEER], useFactory: (g: Gazetteer) => ruleReference(loadTaxonomy(), g) },
];
