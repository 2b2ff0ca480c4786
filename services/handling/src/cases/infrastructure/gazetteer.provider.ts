import type { Provider } from '@nestjs/common';
import { loadGazetteer } from '@pdmc/platform';

export const GAZETTEER = Symbol('GAZETTEER');

/** The district and its towns and sub-districts (data/reference/gazetteer.json), read once at start-up. */
export const gazetteerProvider: Provider = { provide: GAZETTEER, useFactory: () => loadGazetteer() };
