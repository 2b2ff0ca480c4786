import type { Provider } from '@nestjs/common';
import { loadGazetteer, loadTaxonomy, type TaxonomyClass } from '@pdmc/platform';

export const TAXONOMY = Symbol('TAXONOMY');
export const GAZETTEER = Symbol('GAZETTEER');

/** The category tree and the district's areas, read once at start-up. */
export const referenceDataProviders: Provider[] = [
  {
    provide: TAXONOMY,
    useFactory: (): ReadonlyMap<number, TaxonomyClass> => new Map(loadTaxonomy().map((c) => [c.id, c])),
  },
  { provide: GAZETTEER, useFactory: loadGazetteer },
];
