import type { Provider } from '@nestjs/common';
import { ConfigurationError, SERVICE_CONFIG } from '@pdmc/platform';
import { FieldCipher, KeyringError, parseKeyring, type Keyring } from '@pdmc/privacy';
import type { FundsConfig } from '../../config/funds.config';

export const KEYRING = Symbol('KEYRING');

/** Keys from configuration; a bad key stops the service naming the variable, never the key. */
export const personalDataProviders: Provider[] = [
  {
    provide: KEYRING,
    inject: [SERVICE_CONFIG],
    useFactory: (config: FundsConfig): Keyring => {
      try {
        return parseKeyring({ keys: config.PII_KEYS, activeKeyId: config.PII_ACTIVE_KEY_ID, indexKey: config.PII_INDEX_KEY });
      } catch (error) {
        if (error instanceof KeyringError) throw new ConfigurationError([error.message]);
        throw error;
      }
    },
  },
  { provide: FieldCipher, inject: [KEYRING], useFactory: (k: Keyring) => new FieldCipher(k) },
];
