import { generateKey } from '@pdmc/privacy';

/** Keys for personal data, fresh for each test file. */
export function piiEnv(): Record<string, string> {
  return { PII_KEYS: `k1:${generateKey()}`, PII_ACTIVE_KEY_ID: 'k1', PII_INDEX_KEY: generateKey() };
}
