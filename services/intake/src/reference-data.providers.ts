import type { Provider } from '@nestjs/common';
import { gazetteerProvider, loadTaxonomy, type TaxonomyClass } from '@pdmc/platform';

export const TAXONOMY = Symbol('TAXONOMY');

/** The category tree and the district's areas, read once at start-up. */
export const referenceDataProviders: Provider[] = [
  {
    provide: TAXONOMY,
    useFactory: (): ReadonlyMap<number, TaxonomyClass> => new Map(loadTaxonomy().map((c) => [c.id, c])),
  },
  gazetteerProvider,
];
