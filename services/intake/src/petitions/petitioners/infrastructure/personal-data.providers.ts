import { personalDataProviders as keyringProviders } from '@pdmc/platform';

/** Intake encrypts petitioners and finds people again by the blind index of their ID number or name and phone. */
export const personalDataProviders = keyringProviders({ blindIndex: true });
