import type { KeyringConfig } from '../src/keyring';

/** A fixed 32-byte key (every byte `seed`), base64: reproducible and easy to tell apart. */
export function testKey(seed: number): string {
  return Buffer.alloc(32, seed).toString('base64');
}

/** A valid keyring configuration with keys `k1` (active) and `k2`; override any part. */
export function keyringConfig(overrides: Partial<KeyringConfig> = {}): KeyringConfig {
  return {
    keys: `k1:${testKey(1)},k2:${testKey(2)}`,
    activeKeyId: 'k1',
    indexKey: testKey(9),
    ...overrides,
  };
}
