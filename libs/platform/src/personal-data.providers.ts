import type { Provider } from '@nestjs/common';
import { BlindIndex, FieldCipher, KeyringError, parseKeyring, type Keyring } from '@pdmc/privacy';
import { ConfigurationError } from './config/load-config';
import { SERVICE_CONFIG } from './service-core.tokens';

/** The injection token of a service's personal-data keyring. */
export const KEYRING = Symbol('KEYRING');

/** The key settings a service that stores personal data declares in its configuration. */
export interface PersonalDataKeySettings {
  PII_KEYS: string;
  PII_ACTIVE_KEY_ID: string;
  PII_INDEX_KEY: string;
}

/**
 * The keyring from configuration and the cipher built on it (plus the blind index, for services
 * that look people up by it). A bad key stops the service naming the variable, never the key.
 */
export function personalDataProviders(options: { blindIndex: boolean }): Provider[] {
  return [
    {
      provide: KEYRING,
      inject: [SERVICE_CONFIG],
      useFactory: (config: PersonalDataKeySettings): Keyring => {
        try {
          return parseKeyring({ keys: config.PII_KEYS, activeKeyId: config.PII_ACTIVE_KEY_ID, indexKey: config.PII_INDEX_KEY });
        } catch (error) {
          if (error instanceof KeyringError) throw new ConfigurationError([error.message]);
          throw error;
        }
      },
    },
    { provide: FieldCipher, inject: [KEYRING], useFactory: (k: Keyring) => new FieldCipher(k) },
    ...(options.blindIndex ? [{ provide: BlindIndex, inject: [KEYRING], useFactory: (k: Keyring) => new BlindIndex(k) }] : []),
  ];
}
