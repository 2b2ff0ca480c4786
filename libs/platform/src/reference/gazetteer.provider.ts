import type { Provider } from '@nestjs/common';
import { loadGazetteer, type Gazetteer } from './reference-data';

/** The injection token of the district's gazetteer (`@Inject(GAZETTEER) gazetteer: Gazetteer`). */
export const GAZETTEER = Symbol('GAZETTEER');

/** The district, its towns, sub-districts and departments (data/reference/gazetteer.json), read once at start-up. */
export const gazetteerProvider: Provider = { provide: GAZETTEER, useFactory: (): Gazetteer => loadGazetteer() };
