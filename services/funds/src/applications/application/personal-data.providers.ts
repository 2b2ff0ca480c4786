import { personalDataProviders as keyringProviders } from '@pdmc/platform';

/** Funds encrypts beneficiaries; it looks nobody up, so it needs no blind index. */
export const personalDataProviders = keyringProviders({ blindIndex: false });
